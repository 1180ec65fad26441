package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"tkm"
)

// TrainingService keeps trainings and their attendance.
type TrainingService struct{ db *DB }

// NewTrainingService returns the training service of db.
func NewTrainingService(db *DB) *TrainingService { return &TrainingService{db: db} }

var _ tkm.TrainingService = (*TrainingService)(nil)

// CreateTraining schedules a training for groups in the caller's scope.
func (s *TrainingService) CreateTraining(ctx context.Context, t *tkm.Training) error {
	if err := tkm.Authorize(ctx, tkm.RunTrainings); err != nil {
		return err
	}
	if err := t.Validate(s.db.Regions); err != nil {
		return err
	}
	return s.db.write(ctx, func(tx *Tx) error {
		for _, id := range t.GroupIDs {
			if _, err := findGroup(ctx, tx, id); err != nil {
				var f tkm.Fields
				f.Add("group_ids", "group_unknown", "Kelompok "+id.String()+" tidak ditemukan.", "Group "+id.String()+" not found.")
				return f.Err()
			}
		}
		if err := insertTraining(ctx, tx, t); err != nil {
			return err
		}
		return tx.audit(ctx, &tkm.AuditEntry{Action: tkm.AuditTraining, Entity: "training", EntityID: t.ID,
			Changes: changes(nil, t)})
	})
}

func insertTraining(ctx context.Context, tx *Tx, t *tkm.Training) error {
	t.CreatedAt = tx.now
	err := tx.QueryRowContext(ctx, `INSERT INTO trainings (kind, title, starts_on, ends_on, location, region_code, created_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, t.Kind, t.Title, t.StartsOn.String(), t.EndsOn.String(),
		t.Location, t.RegionCode, tkm.UserFromContext(ctx).ID, t.CreatedAt).Scan(&t.ID)
	if err != nil {
		return fmt.Errorf("insert training: %w", err)
	}
	for _, id := range t.GroupIDs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO training_groups (training_id, group_id) VALUES ($1, $2)
			ON CONFLICT DO NOTHING`, t.ID, id); err != nil {
			return fmt.Errorf("invite group %d: %w", id, err)
		}
	}
	t.Attendance = []tkm.ID{}
	return nil
}

// FindTrainingByID returns a training that invites a group in the
// caller's scope, with the groups and the attendance the caller may see.
func (s *TrainingService) FindTrainingByID(ctx context.Context, id tkm.ID) (*tkm.Training, error) {
	if err := tkm.Authorize(ctx, tkm.ReadRegistry); err != nil {
		return nil, err
	}
	var t *tkm.Training
	err := s.db.read(ctx, func(tx *Tx) (err error) {
		t, err = findTraining(ctx, tx, id)
		return err
	})
	return t, err
}

const trainingColumns = `t.id, t.kind, t.title, t.starts_on, t.ends_on, t.location, t.region_code, t.created_at`

func scanTraining(row scanner) (*tkm.Training, error) {
	var t tkm.Training
	var starts, ends string
	if err := row.Scan(&t.ID, &t.Kind, &t.Title, &starts, &ends, &t.Location, &t.RegionCode, &t.CreatedAt); err != nil {
		return nil, err
	}
	t.StartsOn, _ = tkm.ParseDate(starts)
	t.EndsOn, _ = tkm.ParseDate(ends)
	t.CreatedAt = t.CreatedAt.UTC()
	t.GroupIDs, t.Attendance = []tkm.ID{}, []tkm.ID{} // filled by readInvites
	return &t, nil
}

// findTraining reads a training with the invited groups and attendance
// inside the caller's scope; a training inviting none of them is not found.
func findTraining(ctx context.Context, tx *Tx, id tkm.ID) (*tkm.Training, error) {
	t, err := scanTraining(tx.QueryRowContext(ctx, `SELECT `+trainingColumns+` FROM trainings t WHERE t.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, trainingNotFound()
	} else if err != nil {
		return nil, fmt.Errorf("find training %d: %w", id, err)
	}
	if err := readInvites(ctx, tx, []*tkm.Training{t}, tkm.ScopeOf(tkm.UserFromContext(ctx)), 0); err != nil {
		return nil, fmt.Errorf("find training %d: %w", id, err)
	}
	if len(t.GroupIDs) == 0 {
		return nil, trainingNotFound()
	}
	return t, nil
}

func trainingNotFound() error {
	return tkm.Errorf(tkm.ENOTFOUND, "Pelatihan tidak ditemukan.", "Training not found.")
}

// ids runs a query of one ID column.
func ids(ctx context.Context, tx *Tx, q string, args ...any) ([]tkm.ID, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []tkm.ID{}
	for rows.Next() {
		var id tkm.ID
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// FindTrainings lists the trainings inviting groups in the caller's scope,
// newest first, each with the groups and the attendance the caller may
// see: three queries, however many trainings there are.
func (s *TrainingService) FindTrainings(ctx context.Context, f tkm.TrainingFilter) ([]*tkm.Training, error) {
	if err := tkm.Authorize(ctx, tkm.ReadRegistry); err != nil {
		return nil, err
	}
	scope := tkm.ScopeOf(tkm.UserFromContext(ctx))
	var a args
	conds := []string{`t.id IN (SELECT tg.training_id FROM training_groups tg JOIN groups g ON g.id = tg.group_id WHERE ` +
		scopeCondition(scope, &a) + groupCond(f.GroupID, &a) + `)`}
	if f.Kind != "" {
		conds = append(conds, "t.kind = "+a.add(f.Kind))
	}
	out := []*tkm.Training{}
	err := s.db.read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+trainingColumns+` FROM trainings t WHERE `+where(conds)+`
			ORDER BY t.starts_on DESC, t.id DESC LIMIT 500`, a...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			t, err := scanTraining(rows)
			if err != nil {
				return err
			}
			out = append(out, t)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		only := tkm.ID(0)
		if f.GroupOnly {
			only = f.GroupID
		}
		return readInvites(ctx, tx, out, scope, only)
	})
	if err != nil {
		return nil, fmt.Errorf("find trainings: %w", err)
	}
	return out, nil
}

// readInvites fills in the groups and the attendance of trainings that
// lie in scope, each in order of id, reading them in the order of the
// tables' keys; with a group, that group's only. A national scope needs no
// join to the groups.
func readInvites(ctx context.Context, tx *Tx, ts []*tkm.Training, scope tkm.Scope, group tkm.ID) error {
	if len(ts) == 0 {
		return nil
	}
	byID := make(map[tkm.ID]*tkm.Training, len(ts))
	var a args
	in := make([]string, len(ts))
	for i, t := range ts {
		byID[t.ID], in[i] = t, a.add(t.ID)
	}
	list := strings.Join(in, ", ")
	invited, came := `training_groups tg`, `attendance a`
	var invitedCond, cameCond string
	switch {
	case group != 0: // the trainings were found through it, in scope
		g := a.add(group)
		invitedCond, cameCond = "tg.group_id = "+g, "a.member_id IN (SELECT id FROM members WHERE group_id = "+g+")"
	case scope.All:
		invitedCond, cameCond = "TRUE", "TRUE"
	default:
		invited += ` JOIN groups g ON g.id = tg.group_id`
		came += ` JOIN members m ON m.id = a.member_id JOIN groups g ON g.id = m.group_id`
		invitedCond = scopeCondition(scope, &a)
		cameCond = invitedCond
	}
	err := pairs(ctx, tx, `SELECT tg.training_id, tg.group_id FROM `+invited+`
		WHERE tg.training_id IN (`+list+`) AND `+invitedCond+` ORDER BY tg.training_id, tg.group_id`, a, func(t, g tkm.ID) {
		byID[t].GroupIDs = append(byID[t].GroupIDs, g)
	})
	if err != nil {
		return err
	}
	return pairs(ctx, tx, `SELECT a.training_id, a.member_id FROM `+came+`
		WHERE a.training_id IN (`+list+`) AND `+cameCond+` ORDER BY a.training_id, a.member_id`, a,
		func(t, m tkm.ID) { byID[t].Attendance = append(byID[t].Attendance, m) })
}

// pairs runs a query of two ID columns and hands each row to fn.
func pairs(ctx context.Context, tx *Tx, q string, a args, fn func(x, y tkm.ID)) error {
	rows, err := tx.QueryContext(ctx, q, a...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var x, y tkm.ID
		if err := rows.Scan(&x, &y); err != nil {
			return err
		}
		fn(x, y)
	}
	return rows.Err()
}

func groupCond(id tkm.ID, a *args) string {
	if id == 0 {
		return ""
	}
	return " AND g.id = " + a.add(id)
}

// SetAttendance records who attended: the members of the invited groups
// that the caller may reach are set to exactly memberIDs; the others keep
// what was recorded for them.
func (s *TrainingService) SetAttendance(ctx context.Context, id tkm.ID, memberIDs []tkm.ID) (*tkm.Training, error) {
	if err := tkm.Authorize(ctx, tkm.TakeRegister); err != nil {
		return nil, err
	}
	var t *tkm.Training
	err := s.db.write(ctx, func(tx *Tx) (err error) {
		if t, err = findTraining(ctx, tx, id); err != nil {
			return err
		}
		reachable, err := invitedMembers(ctx, tx, t)
		if err != nil {
			return err
		}
		if err := checkAttendees(memberIDs, reachable); err != nil {
			return err
		}
		before := t.Attendance
		if err := replaceAttendance(ctx, tx, t.ID, reachable, memberIDs); err != nil {
			return err
		}
		if t, err = findTraining(ctx, tx, id); err != nil {
			return err
		}
		return tx.audit(ctx, &tkm.AuditEntry{Action: tkm.AuditAttendance, Entity: "training", EntityID: t.ID,
			Changes: map[string]tkm.Change{"attendance": {Old: before, New: t.Attendance}}})
	})
	return t, err
}

// invitedMembers returns the members of the training's groups in scope.
func invitedMembers(ctx context.Context, tx *Tx, t *tkm.Training) (map[tkm.ID]bool, error) {
	out := map[tkm.ID]bool{}
	for _, g := range t.GroupIDs {
		ms, err := ids(ctx, tx, `SELECT id FROM members WHERE group_id = $1`, g)
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			out[m] = true
		}
	}
	return out, nil
}

func checkAttendees(memberIDs []tkm.ID, reachable map[tkm.ID]bool) error {
	var f tkm.Fields
	for i, id := range memberIDs {
		if !reachable[id] {
			f.Add(fmt.Sprintf("member_ids[%d]", i), "member_not_invited",
				"Anggota "+id.String()+" bukan anggota kelompok yang diundang.", "Member "+id.String()+" is not in an invited group.")
		}
	}
	return f.Err()
}

func replaceAttendance(ctx context.Context, tx *Tx, training tkm.ID, reachable map[tkm.ID]bool, present []tkm.ID) error {
	for m := range reachable {
		if _, err := tx.ExecContext(ctx, `DELETE FROM attendance WHERE training_id = $1 AND member_id = $2`, training, m); err != nil {
			return fmt.Errorf("attendance: %w", err)
		}
	}
	for _, m := range present {
		if _, err := tx.ExecContext(ctx, `INSERT INTO attendance (training_id, member_id) VALUES ($1, $2)
			ON CONFLICT DO NOTHING`, training, m); err != nil {
			return fmt.Errorf("attendance: %w", err)
		}
	}
	return nil
}
