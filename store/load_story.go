package store

import (
	"encoding/json"

	"tkm"
)

// loadedTables are the tables a load gives ids to, after the cohorts.
var loadedTables = []string{"groups", "members", "trainings", "transitions", "aid", "reports"}

// loadBatch holds the rows of a chunk of stories, by table.
type loadBatch struct {
	groups, members, trainings, trainingGroups, attendance [][]any
	transitions, aid, aidItems, reports                    [][]any
}

// batchTable is the rows of one table, ready to write.
type batchTable struct {
	name    string
	columns []string
	rows    [][]any
}

// tables returns the batch's rows in an order that writes every parent
// before its children.
func (b *loadBatch) tables() []batchTable {
	return []batchTable{
		{"groups", groupLoadColumns, b.groups},
		{"members", memberLoadColumns, b.members},
		{"trainings", []string{"id", "kind", "title", "starts_on", "ends_on", "location", "region_code", "created_at"}, b.trainings},
		{"training_groups", []string{"training_id", "group_id"}, b.trainingGroups},
		{"attendance", []string{"training_id", "member_id"}, b.attendance},
		{"transitions", []string{"id", "group_id", "from_stage", "to_stage", "at", "user_name", "note", "override", "gates"}, b.transitions},
		{"aid", []string{"id", "group_id", "amount", "disbursed_on", "method", "handover_no", "place", "created_at"}, b.aid},
		{"aid_items", []string{"aid_id", "position", "description", "category", "qty", "unit", "unit_price"}, b.aidItems},
		{"reports", []string{"id", "group_id", "period", "revenue", "production", "active_members", "new_workers", "notes", "created_at"}, b.reports},
	}
}

// story gives the story of a group (whose ids are given) its ids, and adds
// its rows to b. A training is written with the first group that came to it.
func (l *loader) story(b *loadBatch, s *tkm.GroupStory) {
	g := s.Group
	for _, t := range s.History {
		t.ID, t.GroupID = l.nextID("transitions"), g.ID
		gates := []byte("[]")
		if len(t.Gates) > 0 {
			gates, _ = json.Marshal(t.Gates)
		}
		b.transitions = append(b.transitions, []any{int64(t.ID), int64(g.ID), string(t.From), string(t.To), t.At,
			t.UserName, t.Note, t.Override, string(gates)})
	}
	for _, a := range s.Trainings {
		t := a.Training
		if t.ID == 0 {
			t.ID = l.nextID("trainings")
			b.trainings = append(b.trainings, []any{int64(t.ID), string(t.Kind), t.Title, t.StartsOn.String(),
				t.EndsOn.String(), t.Location, t.RegionCode, t.CreatedAt})
		}
		b.trainingGroups = append(b.trainingGroups, []any{int64(t.ID), int64(g.ID)})
		for _, m := range a.Members {
			b.attendance = append(b.attendance, []any{int64(t.ID), int64(m.ID)})
		}
	}
	for _, a := range s.Aid {
		a.ID, a.GroupID = l.nextID("aid"), g.ID
		b.aid = append(b.aid, []any{int64(a.ID), int64(g.ID), a.Amount, a.DisbursedOn.String(), string(a.Method),
			a.HandoverNo, a.Place, a.CreatedAt})
		for i, it := range a.Items {
			b.aidItems = append(b.aidItems, []any{int64(a.ID), int64(i), it.Description, string(it.Category),
				it.Qty, it.Unit, it.UnitPrice})
		}
	}
	for _, r := range s.Reports {
		r.ID, r.GroupID = l.nextID("reports"), g.ID
		b.reports = append(b.reports, []any{int64(r.ID), int64(g.ID), r.Period, r.Revenue, r.Production,
			int64(r.ActiveMembers), int64(r.NewWorkers), r.Notes, r.CreatedAt})
	}
}
