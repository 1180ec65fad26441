package ui

import (
	"context"
	"errors"
	"net/http"
	"net/url"

	"tkm"
)

// moveForm moves a group from its page: on to the next stage (past gates
// still unmet, with a reason, for a role that may), or off the path:
// rejected before its approval, dropped after, always with a reason.
type moveForm struct {
	To, ToLabel string // the next stage; empty at the end of the path
	Note        string
	Override    string // "1" when ticked
	CanOverride bool   // the user may pass unmet gates, and some are unmet
	Exit        string // rejected or dropped
	ExitLabel   string // the button that takes the group off the path
	Reason      string
	ExitOpen    bool // the exit form shows, open, with its problem
}

// newMoveForm is the move form of the group of rec, or nil when the user
// may not move it or it cannot move any more.
func newMoveForm(b base, rec *groupRecord) *moveForm {
	g := rec.Group
	if !tkm.Can(b.User, tkm.MoveGroup) || !g.Stage.Active() {
		return nil
	}
	m := &moveForm{Exit: string(tkm.StageDropped), ExitLabel: b.T("move.drop")}
	if pathIndex(g.Stage) < pathIndex(tkm.StageApproved) {
		m.Exit, m.ExitLabel = string(tkm.StageRejected), b.T("move.reject")
	}
	if next := g.Stage.Next(); next != "" {
		m.To, m.ToLabel = string(next), next.Label(b.en())
		m.CanOverride = tkm.Can(b.User, tkm.OverrideGate) && len(tkm.Unmet(rec.Gates)) > 0
	}
	return m
}

// isExit reports whether a move takes a group off the path.
func isExit(to tkm.Stage) bool { return to == tkm.StageRejected || to == tkm.StageDropped }

// groupMove moves one group. Unmet gates show the group page again with
// every one of them in the error summary, each linking to its gate on the
// timeline.
func (h *Handler) groupMove(w http.ResponseWriter, r *http.Request) error {
	g, err := h.findGroup(r)
	if err != nil {
		return err
	}
	if err := writeForm(r, tkm.MoveGroup); err != nil {
		return err
	}
	req := readMove(r.PostForm)
	moved, err := h.Workflow.Transition(r.Context(), g.ID, req)
	if err != nil {
		return h.moveFailed(w, r, g.ID, req, err)
	}
	f := flash{key: "move.flash", arg: moved.Stage.Label(langOf(r) == langEN)}
	if isExit(moved.Stage) {
		f = flash{key: "move." + string(moved.Stage) + ".flash"}
	}
	setFlash(w, f)
	return redirect(w, r, "/kelompok/"+g.ID.String())
}

// readMove reads a posted move: the exit form names its note "reason",
// and never passes a gate.
func readMove(form url.Values) tkm.TransitionRequest {
	req := tkm.TransitionRequest{To: tkm.Stage(form.Get("to")), Note: form.Get("note"), Override: form.Get("override") != ""}
	if isExit(req.To) {
		req.Note, req.Override = form.Get("reason"), false
	}
	return req
}

// moveFailed shows the group page again with the problems of a move, the
// form as it was typed; an error that is not about the move is returned.
func (h *Handler) moveFailed(w http.ResponseWriter, r *http.Request, id tkm.ID, req tkm.TransitionRequest, err error) error {
	if code := tkm.ErrorCode(err); code != tkm.EINVALID && code != tkm.ECONFLICT {
		return err
	}
	g, ferr := h.Groups.FindGroupByID(r.Context(), id) // as it is now: someone may have moved it
	if ferr != nil {
		return ferr
	}
	v, verr := h.groupPageOf(w, r, g)
	if verr != nil {
		return verr
	}
	v.Errors = moveErrors(v.printer, err, isExit(req.To))
	if m := v.Move; m != nil {
		if isExit(req.To) {
			m.Reason, m.ExitOpen = req.Note, true
		} else {
			m.Note = req.Note
			if req.Override {
				m.Override = "1"
			}
		}
	}
	h.render(w, r, failStatus(err), "group", v)
	return nil
}

// moveErrors lists the problems of a move: each unmet gate by its name,
// linking to it on the timeline, and a missing reason by its input.
func moveErrors(p printer, err error, exit bool) *formErrors {
	fe := &formErrors{byField: map[string]string{}}
	var e *tkm.Error
	if !errors.As(err, &e) {
		return fe
	}
	gates := false
	for _, f := range e.Fields {
		text := p.pick(f.Message, f.English)
		switch {
		case f.Field == "gates":
			if !gates {
				fe.add("", "", p.pick(e.Message, e.English))
				gates = true
			}
			fe.Items = append(fe.Items, errorItem{Href: "#gate-" + f.Code, Text: p.T("gate."+f.Code) + ": " + text})
		case f.Field == "note" && exit:
			fe.add("reason", "", text)
		case f.Field == "note":
			fe.add("note", "", text)
		default:
			fe.add("", "", text)
		}
	}
	if len(e.Fields) == 0 {
		fe.add("", "", p.pick(e.Message, e.English))
	}
	return fe
}

// moveResultsView is the outcome of moving many groups at once.
type moveResultsView struct {
	base
	To      string // the target stage's label
	Summary string // "3 dari 5 kelompok dipindahkan ke tahap Terverifikasi."
	Results []moveResult
	Back    string // the list the groups were chosen from
}

// moveResult is the outcome of one group.
type moveResult struct {
	Href, Name  string
	Class, Mark string // "result result--ok", "✓"
	Status      string // "Dipindahkan ke Terverifikasi", "Tidak dipindahkan"
	Problems    []string
}

// groupMoveMany moves the groups ticked on the list, each on its own, and
// shows what became of each: moved, or not with its unmet gates.
func (h *Handler) groupMoveMany(w http.ResponseWriter, r *http.Request) error {
	if err := writeForm(r, tkm.MoveGroup); err != nil {
		return err
	}
	v := &moveResultsView{base: h.base(w, r), Back: safeNext(r.PostForm.Get("back"), "/kelompok")}
	req := tkm.TransitionRequest{To: tkm.Stage(r.PostForm.Get("to")), Note: r.PostForm.Get("note"),
		Override: r.PostForm.Get("override") != ""}
	ids, bad := readIDs(r.PostForm["group_ids"], "group_ids")
	if !req.To.Valid() || req.To == tkm.StageRegistered || isExit(req.To) {
		bad.Add("to", "stage_invalid", "Pilih tahap tujuan.", "Choose the target stage.")
	}
	var results []tkm.TransitionResult
	err := bad.Err()
	if err == nil {
		results, err = h.Workflow.TransitionMany(r.Context(), ids, req)
	}
	if err != nil {
		if v.Errors, err = v.formErrorsOf(err, bulkField); err != nil {
			return err
		}
		h.render(w, r, http.StatusUnprocessableEntity, "group_move", v)
		return nil
	}
	v.To = req.To.Label(v.en())
	if v.Results, err = h.moveResults(r.Context(), v.printer, results); err != nil {
		return err
	}
	moved := 0
	for _, res := range results {
		if res.OK {
			moved++
		}
	}
	v.Summary = v.T("move.many.summary", moved, len(results), v.To)
	return h.page(w, r, "group_move", v)
}

// bulkField maps the problems of a bulk move to the page: none has an
// input there, so each names the whole form.
func bulkField(string) (string, string) { return "", "" }

// readIDs reads IDs posted under field; a bad one is a problem of field.
func readIDs(vs []string, field string) ([]tkm.ID, tkm.Fields) {
	var bad tkm.Fields
	ids := make([]tkm.ID, 0, len(vs))
	for _, s := range vs {
		id, err := tkm.ParseID(s)
		if err != nil {
			bad.Add(field, "id_invalid", "Pilihan tidak dikenal.", "Unknown choice.")
			return nil, bad
		}
		ids = append(ids, id)
	}
	return ids, bad
}

// moveResults names each group of a bulk move and says what became of it.
func (h *Handler) moveResults(ctx context.Context, p printer, results []tkm.TransitionResult) ([]moveResult, error) {
	ids := make([]tkm.ID, len(results))
	for i, res := range results {
		ids[i] = res.GroupID
	}
	groups, err := h.groupsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]moveResult, len(results))
	for i, res := range results {
		m := moveResult{Href: "/kelompok/" + res.GroupID.String(), Name: p.T("group.number", res.GroupID.String())}
		if g := groups[res.GroupID]; g != nil {
			m.Name = g.Name
		} else {
			m.Href = ""
		}
		if res.OK {
			m.Class, m.Mark, m.Status = "result result--ok", "✓", p.T("move.many.moved", res.Stage.Label(p.en()))
		} else {
			m.Class, m.Mark, m.Status = "result result--failed", "✗", p.T("move.many.failed")
		}
		for _, f := range res.Errors {
			text := p.pick(f.Message, f.English)
			if f.Field == "gates" {
				text = p.T("gate."+f.Code) + ": " + text
			}
			m.Problems = append(m.Problems, text)
		}
		out[i] = m
	}
	return out, nil
}

// groupsByID returns the groups of ids that the user may see, by ID, each
// with its members. The store finds a group with its members one at a
// time, and the pages that need several (a bulk move's results, a
// training's groups) need no more than a few hundred.
func (h *Handler) groupsByID(ctx context.Context, ids []tkm.ID) (map[tkm.ID]*tkm.Group, error) {
	found := make(map[tkm.ID]*tkm.Group, len(ids))
	for _, id := range ids {
		g, err := h.Groups.FindGroupByID(ctx, id)
		switch {
		case err == nil:
			found[id] = g
		case tkm.ErrorCode(err) != tkm.ENOTFOUND:
			return nil, err
		}
	}
	return found, nil
}
