package ui

import (
	"context"
	"net/http"

	"tkm"
)

// trainingListView lists the trainings inviting groups in the user's scope.
type trainingListView struct {
	base
	CanRun    bool // the user may schedule a training
	Kind      string
	Kinds     []option
	Trainings []trainingRow
}

// trainingRow is one training of the list.
type trainingRow struct {
	Href, Title, Kind, Dates, Location string
	Groups, Attended                   int
}

// trainingList shows the trainings, newest first, of one kind or all.
func (h *Handler) trainingList(w http.ResponseWriter, r *http.Request) error {
	v := &trainingListView{base: h.base(w, r), Kind: r.URL.Query().Get("kind")}
	v.CanRun, v.Kinds = tkm.Can(v.User, tkm.RunTrainings), kindOptions(v.printer)
	kind := tkm.TrainingKind(v.Kind)
	if kind != tkm.Pembekalan && kind != tkm.Kelembagaan {
		v.Kind, kind = "", ""
	}
	ts, err := h.Trainings.FindTrainings(r.Context(), tkm.TrainingFilter{Kind: kind})
	if err != nil {
		return err
	}
	v.Trainings = make([]trainingRow, len(ts))
	for i, t := range ts {
		v.Trainings[i] = trainingRow{Href: "/pelatihan/" + t.ID.String(), Title: t.Title,
			Kind: v.T("training.kind." + string(t.Kind)), Dates: v.dateSpan(t.StartsOn, t.EndsOn), Location: t.Location,
			Groups: len(t.GroupIDs), Attended: len(t.Attendance)}
	}
	return h.page(w, r, "training_list", v)
}

// kindOptions lists the kinds of training.
func kindOptions(p printer) []option {
	return options(p, "training.kind.", string(tkm.Pembekalan), string(tkm.Kelembagaan))
}

// trainingView is one training with how many of each invited group came.
type trainingView struct {
	base
	Training    *tkm.Training
	Kind, Dates string
	Region      string
	Groups      []invitedLine
	CanRegister bool // the user may take the register
}

// invitedLine is one invited group and its attendance.
type invitedLine struct {
	Href, Name, Stage, StageClass string
	Count                         string // "hadir 8 dari 10 (80%)"
	Gate, GateClass               string // whether 80% came
}

// trainingPage shows a training and its invited groups.
func (h *Handler) trainingPage(w http.ResponseWriter, r *http.Request) error {
	t, err := h.findTraining(r)
	if err != nil {
		return err
	}
	groups, err := h.invitedGroups(r.Context(), t)
	if err != nil {
		return err
	}
	v := &trainingView{base: h.base(w, r), Training: t, Region: regionPath(h.Regions, t.RegionCode),
		CanRegister: tkm.Can(tkm.UserFromContext(r.Context()), tkm.TakeRegister)}
	v.Kind, v.Dates = v.T("training.kind."+string(t.Kind)), v.dateSpan(t.StartsOn, t.EndsOn)
	came := idSet(t.Attendance)
	for _, g := range groups {
		n := 0
		for _, m := range g.Members {
			if came[m.ID] {
				n++
			}
		}
		l := invitedLine{Href: "/kelompok/" + g.ID.String(), Name: g.Name, Stage: g.Stage.Label(v.en()),
			StageClass: "tag tag--" + string(g.Stage)}
		l.Count, l.Gate, l.GateClass = v.attendance(n, len(g.Members))
		v.Groups = append(v.Groups, l)
	}
	return h.page(w, r, "training", v)
}

// attendance says how many of a group came and whether that meets the
// 80% gate: "hadir 8 dari 10 (80%)", "memenuhi syarat 80%".
func (p printer) attendance(came, of int) (count, gate, class string) {
	pct := 0
	if of > 0 {
		pct = came * 100 / of
	}
	count = p.T("attendance.count", came, of, pct)
	if of > 0 && came*100 >= 80*of {
		return count, p.T("attendance.gate.met"), "gate gate--met"
	}
	return count, p.T("attendance.gate.unmet"), "gate gate--unmet"
}

// idSet is a set of IDs.
func idSet(ids []tkm.ID) map[tkm.ID]bool {
	set := make(map[tkm.ID]bool, len(ids))
	for _, id := range ids {
		set[id] = true
	}
	return set
}

// findTraining returns the training named in the path.
func (h *Handler) findTraining(r *http.Request) (*tkm.Training, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return h.Trainings.FindTrainingByID(r.Context(), id)
}

// invitedGroups returns the training's groups that the user may see, with
// their members, in the training's order.
func (h *Handler) invitedGroups(ctx context.Context, t *tkm.Training) ([]*tkm.Group, error) {
	found, err := h.groupsByID(ctx, t.GroupIDs)
	if err != nil {
		return nil, err
	}
	out := make([]*tkm.Group, 0, len(found))
	for _, id := range t.GroupIDs {
		if g := found[id]; g != nil {
			out = append(out, g)
		}
	}
	return out, nil
}
