package ui

import (
	"net/http"
	"strings"

	"tkm"
)

// attendanceView is the attendance sheet of a training: every member of
// every invited group the user may reach, on one screen, saved at once.
type attendanceView struct {
	base
	Training *tkm.Training
	Dates    string
	Groups   []sheetGroup
	Unsaved  bool // the ticks changed on the page and are not saved yet
}

// sheetGroup is one group on the sheet.
type sheetGroup struct {
	ID, Name        string
	Count           string // "hadir 8 dari 10 (80%)"
	Gate, GateClass string
	All             string // the value of its "tick everyone" button
	Members         []sheetMember
}

// sheetMember is one member's tick box.
type sheetMember struct {
	ID, InputID, Name, Role string
	Checked                 bool
}

// allPrefix starts the value of a group's "tick everyone" button.
const allPrefix = "all:"

// attendancePage shows the sheet as recorded.
func (h *Handler) attendancePage(w http.ResponseWriter, r *http.Request) error {
	t, err := h.trainingToRegister(r)
	if err != nil {
		return err
	}
	groups, err := h.invitedGroups(r.Context(), t)
	if err != nil {
		return err
	}
	return h.showSheet(w, r, http.StatusOK, t, groups, idSet(t.Attendance), false, nil)
}

// attendanceSave records who attended; a group's "tick everyone" button
// ticks its members and shows the sheet again, without saving.
func (h *Handler) attendanceSave(w http.ResponseWriter, r *http.Request) error {
	t, err := h.trainingToRegister(r)
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	ids, bad := readIDs(r.PostForm["member_ids"], "member_ids")
	ticked := idSet(ids)
	all, tickAll := strings.CutPrefix(r.PostForm.Get("action"), allPrefix)
	err = bad.Err()
	if err == nil && !tickAll {
		if _, err = h.Trainings.SetAttendance(r.Context(), t.ID, ids); err == nil {
			setFlash(w, flash{key: "attendance.saved.flash"})
			return redirect(w, r, "/pelatihan/"+t.ID.String())
		}
	}
	p := h.views.cat.printer(langOf(r))
	var fe *formErrors
	if err != nil {
		if fe, err = p.formErrorsOf(err, bulkField); err != nil {
			return err
		}
	}
	groups, err := h.invitedGroups(r.Context(), t)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if fe != nil {
		status = http.StatusUnprocessableEntity
	} else {
		tickGroup(groups, all, ticked)
	}
	return h.showSheet(w, r, status, t, groups, ticked, true, fe)
}

// trainingToRegister returns the training named in the path once the user
// may take its register.
func (h *Handler) trainingToRegister(r *http.Request) (*tkm.Training, error) {
	t, err := h.findTraining(r)
	if err != nil {
		return nil, err
	}
	if err := tkm.Authorize(r.Context(), tkm.TakeRegister); err != nil {
		return nil, err
	}
	return t, nil
}

// showSheet shows the sheet of t's groups with the members of ticked
// ticked, and the problems of a save, if any.
func (h *Handler) showSheet(w http.ResponseWriter, r *http.Request, status int, t *tkm.Training, groups []*tkm.Group,
	ticked map[tkm.ID]bool, unsaved bool, fe *formErrors) error {
	v := &attendanceView{base: h.base(w, r), Training: t, Unsaved: unsaved}
	v.Dates, v.Errors = v.dateSpan(t.StartsOn, t.EndsOn), fe
	v.Groups = sheetGroups(v.printer, groups, ticked)
	h.render(w, r, status, "attendance", v)
	return nil
}

// tickGroup ticks every member of the group with the given ID.
func tickGroup(groups []*tkm.Group, id string, ticked map[tkm.ID]bool) {
	for _, g := range groups {
		if g.ID.String() == id {
			for _, m := range g.Members {
				ticked[m.ID] = true
			}
		}
	}
}

// sheetGroups lays out the groups of the sheet with their members, each
// group's count as the ticks stand.
func sheetGroups(p printer, groups []*tkm.Group, ticked map[tkm.ID]bool) []sheetGroup {
	out := make([]sheetGroup, len(groups))
	for i, g := range groups {
		sg := sheetGroup{ID: g.ID.String(), Name: g.Name, All: allPrefix + g.ID.String(), Members: make([]sheetMember, len(g.Members))}
		n := 0
		for j, m := range g.Members {
			id := m.ID.String()
			sg.Members[j] = sheetMember{ID: id, InputID: "m-" + id, Name: m.Name, Role: p.T("role." + string(m.Role)), Checked: ticked[m.ID]}
			if ticked[m.ID] {
				n++
			}
		}
		sg.Count, sg.Gate, sg.GateClass = p.attendance(n, len(g.Members))
		out[i] = sg
	}
	return out
}
