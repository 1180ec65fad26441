package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"tkm"
)

// WorkflowService moves groups along the empowerment path.
type WorkflowService struct{ db *DB }

// NewWorkflowService returns the workflow service of db.
func NewWorkflowService(db *DB) *WorkflowService { return &WorkflowService{db: db} }

var _ tkm.WorkflowService = (*WorkflowService)(nil)

// maxBatch caps how many groups one batch move may name.
const maxBatch = 500

// Gates judges the gates of stage to for a group in the caller's scope.
func (s *WorkflowService) Gates(ctx context.Context, groupID tkm.ID, to tkm.Stage) ([]tkm.GateResult, error) {
	if err := tkm.Authorize(ctx, tkm.ReadRegistry); err != nil {
		return nil, err
	}
	var out []tkm.GateResult
	err := s.db.read(ctx, func(tx *Tx) error {
		g, err := findGroup(ctx, tx, groupID)
		if err != nil {
			return err
		}
		facts, err := gatherFacts(ctx, tx, g, to)
		out = tkm.CheckGates(to, facts, s.db.Regions)
		return err
	})
	return out, err
}

// Transition moves a group to req.To, judging the gates of that stage.
func (s *WorkflowService) Transition(ctx context.Context, groupID tkm.ID, req tkm.TransitionRequest) (*tkm.Group, error) {
	if err := checkTransitionRights(ctx, &req); err != nil {
		return nil, err
	}
	var g *tkm.Group
	err := s.db.write(ctx, func(tx *Tx) (err error) {
		g, err = transition(ctx, tx, groupID, req)
		return err
	})
	if err != nil {
		return nil, err
	}
	mask(g.Members)
	return g, nil
}

func checkTransitionRights(ctx context.Context, req *tkm.TransitionRequest) error {
	if err := tkm.Authorize(ctx, tkm.MoveGroup); err != nil {
		return err
	}
	req.Note = strings.TrimSpace(req.Note)
	if !req.Override {
		return nil
	}
	if err := tkm.Authorize(ctx, tkm.OverrideGate); err != nil {
		return err
	}
	if req.Note == "" {
		var f tkm.Fields
		f.Add("note", "required", "Alasan wajib diisi untuk melewati syarat.", "A reason is required to override a gate.")
		return f.Err()
	}
	return nil
}

// transition moves one group inside tx.
func transition(ctx context.Context, tx *Tx, groupID tkm.ID, req tkm.TransitionRequest) (*tkm.Group, error) {
	g, err := findGroup(ctx, tx, groupID)
	if err != nil {
		return nil, err
	}
	if err := tkm.CheckMove(g.Stage, req.To, req.Note); err != nil {
		return nil, err
	}
	if req.To == tkm.StageApproved {
		// Two approvals in one province must not both take its last place.
		key := fmt.Sprintf("quota %d %s", g.CohortID, tkm.ProvinceOf(g.RegionCode))
		if err := tx.db.dialect.lock(ctx, tx, hashKey(key)); err != nil {
			return nil, err
		}
	}
	facts, err := gatherFacts(ctx, tx, g, req.To)
	if err != nil {
		return nil, err
	}
	gates := tkm.CheckGates(req.To, facts, tx.db.Regions)
	if unmet := tkm.Unmet(gates); len(unmet) > 0 && !req.Override {
		return nil, gatesError(unmet)
	}
	from := g.Stage
	if err := tracked(ctx, tx, g.ID, func() error { return moveGroup(ctx, tx, g, req.To) }); err != nil {
		return nil, err
	}
	if err := recordTransition(ctx, tx, g, from, req, gates); err != nil {
		return nil, err
	}
	return g, nil // gatherFacts filled in its members
}

// gatesError lists every unmet gate, with the gate's code as the code.
func gatesError(unmet []tkm.GateResult) error {
	e := &tkm.Error{Code: tkm.EINVALID, Message: "Syarat tahap ini belum terpenuhi.",
		English: "The gates of this stage are not met."}
	for _, r := range unmet {
		e.Fields = append(e.Fields, tkm.FieldError{Field: "gates", Code: r.Code, Message: r.Message, English: r.English})
	}
	return e
}

// moveGroup sets the group's stage, unless someone moved it meanwhile.
func moveGroup(ctx context.Context, tx *Tx, g *tkm.Group, to tkm.Stage) error {
	res, err := tx.ExecContext(ctx, `UPDATE groups SET stage = $1, stage_since = $2, updated_at = $2
		WHERE id = $3 AND stage = $4`, to, tx.now, g.ID, g.Stage)
	if err != nil {
		return fmt.Errorf("move group %d: %w", g.ID, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return tkm.Errorf(tkm.ECONFLICT, "Tahap kelompok baru saja diubah orang lain; muat ulang halaman.",
			"Someone else just moved this group; reload the page.")
	}
	g.Stage, g.StageSince, g.UpdatedAt = to, tx.now, tx.now
	return nil
}

// storedGate keeps a gate result in both languages in the history.
type storedGate struct {
	Code    string `json:"code"`
	Met     bool   `json:"met"`
	Message string `json:"message"`
	English string `json:"english"`
}

func recordTransition(ctx context.Context, tx *Tx, g *tkm.Group, from tkm.Stage, req tkm.TransitionRequest, gates []tkm.GateResult) error {
	stored := make([]storedGate, len(gates))
	for i, r := range gates {
		stored[i] = storedGate(r)
	}
	js, _ := json.Marshal(stored)
	u := tkm.UserFromContext(ctx)
	_, err := tx.ExecContext(ctx, `INSERT INTO transitions (group_id, from_stage, to_stage, at, user_id, user_name, note, override, gates)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, g.ID, from, req.To, tx.now, u.ID, u.Name, req.Note, req.Override, string(js))
	if err != nil {
		return fmt.Errorf("record transition of %d: %w", g.ID, err)
	}
	return tx.audit(ctx, &tkm.AuditEntry{Action: tkm.AuditTransition, Entity: "group", EntityID: g.ID, GroupID: g.ID,
		Changes: map[string]tkm.Change{"stage": {Old: from, New: req.To}}, Note: overrideNote(req)})
}

func overrideNote(req tkm.TransitionRequest) string {
	if req.Override {
		return "MELEWATI SYARAT (override): " + req.Note
	}
	return req.Note
}

// TransitionMany moves each group on its own: one group's unmet gates do
// not stop the others.
func (s *WorkflowService) TransitionMany(ctx context.Context, ids []tkm.ID, req tkm.TransitionRequest) ([]tkm.TransitionResult, error) {
	if len(ids) == 0 || len(ids) > maxBatch {
		var f tkm.Fields
		f.Add("group_ids", "batch_size", "Pilih 1 sampai 500 kelompok.", "Choose 1 to 500 groups.")
		return nil, f.Err()
	}
	if err := checkTransitionRights(ctx, &req); err != nil {
		return nil, err
	}
	out := make([]tkm.TransitionResult, 0, len(ids))
	for _, id := range ids {
		r := tkm.TransitionResult{GroupID: id}
		err := s.db.write(ctx, func(tx *Tx) error {
			g, err := transition(ctx, tx, id, req)
			if err == nil {
				r.Stage = g.Stage
			}
			return err
		})
		r.OK, r.Errors = err == nil, resultErrors(err)
		if err != nil && tkm.ErrorCode(err) == tkm.EINTERNAL {
			return out, err
		}
		out = append(out, r)
	}
	return out, nil
}

// resultErrors turns an error into the field errors of a batch result.
func resultErrors(err error) []tkm.FieldError {
	if err == nil {
		return nil
	}
	if fs := fieldsOf(err); len(fs) > 0 {
		return fs
	}
	return []tkm.FieldError{{Field: "group_id", Code: tkm.ErrorCode(err), Message: tkm.ErrorMessage(err)}}
}

// History returns a group's moves, oldest first.
func (s *WorkflowService) History(ctx context.Context, groupID tkm.ID) ([]*tkm.Transition, error) {
	if err := tkm.Authorize(ctx, tkm.ReadRegistry); err != nil {
		return nil, err
	}
	out := []*tkm.Transition{}
	err := s.db.read(ctx, func(tx *Tx) error {
		if _, err := findGroup(ctx, tx, groupID); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, group_id, from_stage, to_stage, at, COALESCE(user_id, 0), user_name,
			note, override, gates FROM transitions WHERE group_id = $1 ORDER BY id`, groupID)
		if err != nil {
			return fmt.Errorf("history of %d: %w", groupID, err)
		}
		defer rows.Close()
		for rows.Next() {
			t, err := scanTransition(rows)
			if err != nil {
				return fmt.Errorf("history of %d: %w", groupID, err)
			}
			out = append(out, t)
		}
		return rows.Err()
	})
	return out, err
}

func scanTransition(row scanner) (*tkm.Transition, error) {
	var t tkm.Transition
	var gates string
	if err := row.Scan(&t.ID, &t.GroupID, &t.From, &t.To, &t.At, &t.UserID, &t.UserName, &t.Note, &t.Override, &gates); err != nil {
		return nil, err
	}
	var stored []storedGate
	if err := json.Unmarshal([]byte(gates), &stored); err != nil {
		return nil, err
	}
	for _, g := range stored {
		t.Gates = append(t.Gates, tkm.GateResult(g))
	}
	t.At = t.At.UTC()
	return &t, nil
}
