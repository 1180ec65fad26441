package ui

import (
	"net/http"

	"tkm"
)

// cohortFormView is the form that creates or changes a cohort.
type cohortFormView struct {
	base
	Cohort    *tkm.Cohort // the cohort being changed; nil for a new one
	Form      cohortForm
	Tiers     []option
	Provinces []tkm.Region // for the quota hint
}

// Action is the address the form posts to.
func (v *cohortFormView) Action() string {
	if v.Cohort == nil {
		return "/angkatan/baru"
	}
	return "/angkatan/" + v.Cohort.ID.String() + "/ubah"
}

// cohortNewPage shows the cohort form with the programme's defaults.
func (h *Handler) cohortNewPage(w http.ResponseWriter, r *http.Request) error {
	if err := tkm.Authorize(r.Context(), tkm.WriteCohort); err != nil {
		return err
	}
	return h.showCohortForm(w, r, http.StatusOK, nil, cohortFormOf(tkm.NewCohort()), nil)
}

// cohortCreate creates a cohort.
func (h *Handler) cohortCreate(w http.ResponseWriter, r *http.Request) error {
	if err := writeForm(r, tkm.WriteCohort); err != nil {
		return err
	}
	f := readCohortForm(r.PostForm)
	c, err := h.createCohort(r, f)
	if err != nil {
		return h.showCohortForm(w, r, failStatus(err), nil, f, err)
	}
	setFlash(w, flash{key: "cohort.created.flash", arg: c.Name})
	return redirect(w, r, "/angkatan")
}

// createCohort saves the cohort the form describes, unless the form
// already found problems: then the domain's checks run without saving, so
// that every problem shows at once.
func (h *Handler) createCohort(r *http.Request, f cohortForm) (*tkm.Cohort, error) {
	c, bad := f.cohort()
	if len(bad) > 0 {
		return nil, invalid(bad, c.Validate(h.Regions))
	}
	return c, h.Cohorts.CreateCohort(r.Context(), c)
}

// cohortEditPage shows the form that changes a cohort.
func (h *Handler) cohortEditPage(w http.ResponseWriter, r *http.Request) error {
	c, err := h.findCohort(r)
	if err != nil {
		return err
	}
	if err := tkm.Authorize(r.Context(), tkm.WriteCohort); err != nil {
		return err
	}
	return h.showCohortForm(w, r, http.StatusOK, c, cohortFormOf(c), nil)
}

// cohortUpdate changes a cohort.
func (h *Handler) cohortUpdate(w http.ResponseWriter, r *http.Request) error {
	c, err := h.findCohort(r)
	if err != nil {
		return err
	}
	if err := writeForm(r, tkm.WriteCohort); err != nil {
		return err
	}
	f := readCohortForm(r.PostForm)
	changed, err := h.updateCohort(r, c, f)
	if err != nil {
		return h.showCohortForm(w, r, failStatus(err), c, f, err)
	}
	setFlash(w, flash{key: "cohort.updated.flash", arg: changed.Name})
	return redirect(w, r, "/angkatan")
}

// updateCohort saves the changed cohort, or, when the form found problems,
// runs the domain's checks on the changed copy to show them all.
func (h *Handler) updateCohort(r *http.Request, c *tkm.Cohort, f cohortForm) (*tkm.Cohort, error) {
	u, bad := f.update()
	if len(bad) == 0 {
		return h.Cohorts.UpdateCohort(r.Context(), c.ID, u)
	}
	changed := *c
	u.Apply(&changed)
	return nil, invalid(bad, changed.Validate(h.Regions))
}

// findCohort returns the cohort named in the path.
func (h *Handler) findCohort(r *http.Request) (*tkm.Cohort, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return h.Cohorts.FindCohortByID(r.Context(), id)
}

// showCohortForm shows the cohort form with the problems of err, if any.
func (h *Handler) showCohortForm(w http.ResponseWriter, r *http.Request, status int, c *tkm.Cohort, f cohortForm, err error) error {
	v := &cohortFormView{base: h.base(w, r), Cohort: c, Form: f, Provinces: h.Regions.Children("")}
	v.Tiers = options(v.printer, "tier.", string(tkm.TierPemula), string(tkm.TierLanjutan))
	if err != nil {
		if v.Errors, err = v.formErrorsOf(err, cohortField); err != nil {
			return err
		}
	}
	h.render(w, r, status, "cohort_form", v)
	return nil
}
