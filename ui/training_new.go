package ui

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"tkm"
)

// maxChoices caps the groups the training form lists to tick.
const maxChoices = 200

// trainingForm is the form that schedules a training, as typed: the
// training, the cohort and province whose groups to list, and the groups
// ticked.
type trainingForm struct {
	Kind, Title, StartsOn, EndsOn, Location, RegionCode string
	Cohort, Province                                    string
	GroupIDs                                            []string
}

// readTrainingForm reads a posted training form.
func readTrainingForm(form url.Values) trainingForm {
	get := func(k string) string { return strings.TrimSpace(form.Get(k)) }
	return trainingForm{Kind: get("kind"), Title: get("title"), StartsOn: get("starts_on"), EndsOn: get("ends_on"),
		Location: get("location"), RegionCode: get("region_code"), Cohort: get("cohort"), Province: get("province"),
		GroupIDs: form["group_ids"]}
}

// servedStage is the stage whose groups a kind of training serves:
// pembekalan trains approved groups, Bimtek kelembagaan aided ones.
func servedStage(kind string) tkm.Stage {
	switch tkm.TrainingKind(kind) {
	case tkm.Pembekalan:
		return tkm.StageApproved
	case tkm.Kelembagaan:
		return tkm.StageAided
	}
	return ""
}

// training builds the training to save, and the problems of values that
// cannot be read.
func (f trainingForm) training() (*tkm.Training, tkm.Fields) {
	starts, bad := readDate("starts_on", f.StartsOn)
	ends, endBad := readDate("ends_on", f.EndsOn)
	ids, idBad := readIDs(f.GroupIDs, "group_ids")
	t := &tkm.Training{Kind: tkm.TrainingKind(f.Kind), Title: f.Title, StartsOn: starts, EndsOn: ends,
		Location: f.Location, RegionCode: f.RegionCode, GroupIDs: ids}
	return t, append(append(bad, endBad...), idBad...)
}

// trainingFormView is the form that schedules a training.
type trainingFormView struct {
	base
	Form      trainingForm
	Kinds     []option
	Cohorts   []option
	Provinces []option
	Stage     string        // the label of the stage the kind serves
	Choices   []groupChoice // the groups to tick; nil before they are asked for
	Listed    bool          // the groups were asked for
	More      bool          // more groups match than the list shows
	Kept      []string      // groups ticked before that the list does not show
}

// groupChoice is one group to invite.
type groupChoice struct {
	ID, InputID, Name, About string
	Checked                  bool
}

// trainingNewPage shows an empty training form, of the kind asked for.
func (h *Handler) trainingNewPage(w http.ResponseWriter, r *http.Request) error {
	if err := tkm.Authorize(r.Context(), tkm.RunTrainings); err != nil {
		return err
	}
	u := tkm.UserFromContext(r.Context())
	f := trainingForm{Kind: r.URL.Query().Get("kind"), RegionCode: u.Region, Province: tkm.ProvinceOf(u.Region)}
	return h.showTrainingForm(w, r, http.StatusOK, f, false, nil)
}

// trainingCreate schedules a training. The button that lists the groups
// shows the form again with them, as typed, without saving.
func (h *Handler) trainingCreate(w http.ResponseWriter, r *http.Request) error {
	if err := writeForm(r, tkm.RunTrainings); err != nil {
		return err
	}
	f := readTrainingForm(r.PostForm)
	if r.PostForm.Get("action") == "groups" {
		return h.showTrainingForm(w, r, http.StatusOK, f, true, nil)
	}
	t, bad := f.training()
	var err error
	if len(bad) > 0 {
		err = invalid(bad, t.Validate(h.Regions))
	} else {
		err = h.Trainings.CreateTraining(r.Context(), t)
	}
	if err != nil {
		return h.showTrainingForm(w, r, failStatus(err), f, f.Cohort != "", err)
	}
	setFlash(w, flash{key: "training.created.flash", arg: t.Title})
	return redirect(w, r, "/pelatihan/"+t.ID.String())
}

// showTrainingForm shows the training form, with the groups to tick when
// list is set, and the problems of err, if any.
func (h *Handler) showTrainingForm(w http.ResponseWriter, r *http.Request, status int, f trainingForm, list bool, err error) error {
	v := &trainingFormView{base: h.base(w, r), Form: f, Kinds: kindOptions(h.views.cat.printer(langOf(r))),
		Provinces: regionOptions(h.Regions.Children(""))}
	if s := servedStage(f.Kind); s != "" {
		v.Stage = s.Label(v.en())
	}
	cs, cerr := h.Cohorts.FindCohorts(r.Context())
	if cerr != nil {
		return cerr
	}
	v.Cohorts = cohortOptions(cs)
	if list {
		if lerr := h.groupChoices(r, v); lerr != nil {
			err = lerr
		}
	}
	if err != nil {
		if v.Errors, err = v.formErrorsOf(err, sameField); err != nil {
			return err
		}
		if status == http.StatusOK {
			status = http.StatusUnprocessableEntity
		}
	}
	h.render(w, r, status, "training_form", v)
	return nil
}

// groupChoices lists the groups the training may invite: those of the
// cohort (and province) chosen, at the stage its kind serves, up to
// maxChoices. Groups ticked before stay ticked, listed or not.
func (h *Handler) groupChoices(r *http.Request, v *trainingFormView) error {
	var bad tkm.Fields
	stage := servedStage(v.Form.Kind)
	if stage == "" {
		bad.Add("kind", "kind_invalid", "Pilih jenis pelatihan terlebih dahulu.", "Choose the kind of training first.")
	}
	cohort, err := tkm.ParseID(v.Form.Cohort)
	if err != nil {
		bad.Add("cohort", "required", "Pilih angkatan kelompok yang diundang.", "Choose the cohort of the groups to invite.")
	}
	if reg, ok := h.Regions.Region(v.Form.Province); v.Form.Province != "" && (!ok || reg.Level != tkm.LevelProvince) {
		bad.Add("province", "province_unknown", "Provinsi tidak dikenal.", "Unknown province.")
	}
	if len(bad) > 0 {
		return bad.Err()
	}
	page, err := h.Groups.FindGroups(r.Context(), tkm.GroupFilter{CohortID: cohort, Province: v.Form.Province,
		Stage: stage, Limit: maxChoices})
	if err != nil {
		return err
	}
	v.Listed, v.More = true, page.NextCursor != ""
	ticked := slices.Clone(v.Form.GroupIDs)
	v.Choices = make([]groupChoice, len(page.Items))
	for i, g := range page.Items {
		id := g.ID.String()
		v.Choices[i] = groupChoice{ID: id, InputID: "g-" + id, Name: g.Name, Checked: slices.Contains(ticked, id),
			About: v.T("training.group.about", regionPath(h.Regions, g.RegionCode), g.MemberCount)}
		ticked = slices.DeleteFunc(ticked, func(s string) bool { return s == id })
	}
	v.Kept = ticked
	return nil
}
