package ui

import (
	"net/http"
	"time"

	"tkm"
)

// groupFormView is the form that registers a group with its members, or
// changes a group's own fields.
type groupFormView struct {
	base
	memberChoices
	Group      *tkm.Group // the group being changed; nil for a new one
	Form       *groupForm
	Cohorts    []option
	Provinces  []option
	Regencies  []option // of the province chosen, for the region code's suggestions
	RegionName string   // the name of the region code typed, when it is known
	Mentors    []option // the mentors to choose from; nil when the user may not assign one
}

// RegionList is the field option that ties the region code to its
// suggestions, when there are any.
func (v *groupFormView) RegionList() string {
	if len(v.Regencies) == 0 {
		return "list="
	}
	return "list=regencies"
}

// Rows are the member rows of the new-group form.
func (v *groupFormView) Rows() []memberRow { return memberRows(v.Form, v.Errors, v.memberChoices) }

// memberRows are the member rows of a form that registers a group: the
// new-group form, and the online application.
func memberRows(f *groupForm, errs *formErrors, c memberChoices) []memberRow {
	rows := make([]memberRow, len(f.Members))
	for i, m := range f.Members {
		rows[i] = memberRow{Prefix: memberPrefix(i), N: i + 1, M: m, Errors: errs, memberChoices: c}
	}
	return rows
}

// MoreRows reports whether the form may take more member rows.
func (v *groupFormView) MoreRows() bool { return len(v.Form.Members) < tkm.MaxMembers }

// New reports whether the form registers a new group.
func (v *groupFormView) New() bool { return v.Group == nil }

// Action is the address the form posts to.
func (v *groupFormView) Action() string {
	if v.New() {
		return "/kelompok/baru"
	}
	return "/kelompok/" + v.Group.ID.String() + "/ubah"
}

// groupNewPage shows an empty new-group form, the province set to the
// user's own when they work in one.
func (h *Handler) groupNewPage(w http.ResponseWriter, r *http.Request) error {
	if err := tkm.Authorize(r.Context(), tkm.WriteGroup); err != nil {
		return err
	}
	f := &groupForm{Province: r.URL.Query().Get("province")}
	if u := tkm.UserFromContext(r.Context()); f.Province == "" && u.Region != "" {
		f.Province = tkm.ProvinceOf(u.Region)
	}
	f.addRows(startRows)
	return h.showGroupForm(w, r, http.StatusOK, f, nil, nil)
}

// groupCreate registers a group. The buttons that add rows or list a
// province's regencies show the form again, as typed, without saving.
func (h *Handler) groupCreate(w http.ResponseWriter, r *http.Request) error {
	if err := writeForm(r, tkm.WriteGroup); err != nil {
		return err
	}
	f := readGroupForm(r.PostForm)
	switch r.PostForm.Get("action") {
	case "rows":
		f.addRows(moreRows)
		return h.showGroupForm(w, r, http.StatusOK, f, nil, nil)
	case "region":
		return h.showGroupForm(w, r, http.StatusOK, f, nil, nil)
	}
	g, bad := f.group()
	warnings, err := h.createGroup(r, g, bad)
	if err != nil {
		return h.showGroupForm(w, r, failStatus(err), f, nil, err)
	}
	setFlash(w, flash{key: "group.created.flash", arg: g.Name, warnings: warnings, who: memberWho(g.Members)})
	return redirect(w, r, "/kelompok/"+g.ID.String())
}

// createGroup saves g, unless the form already found problems: then the
// domain's checks run without saving, so that every problem shows at once.
func (h *Handler) createGroup(r *http.Request, g *tkm.Group, bad tkm.Fields) ([]tkm.Warning, error) {
	if len(bad) == 0 {
		return h.Groups.CreateGroup(r.Context(), g)
	}
	_, merr := tkm.ValidateMembers(g.Members, h.Regions, today())
	return nil, invalid(bad, g.Validate(h.Regions), merr)
}

// today is the date in WIB.
func today() tkm.Date { return tkm.DateOf(time.Now().In(wib).Date()) }

// lastDay is the latest day the store takes for something that already
// happened (an aid handover, a month reported): it judges the day in UTC,
// which until 07.00 WIB is still yesterday. Forms start at it, so that
// their first value is never refused as in the future.
func lastDay() tkm.Date { return tkm.DateOf(time.Now().UTC().Date()) }

// groupEditPage shows the form that changes a group's own fields.
func (h *Handler) groupEditPage(w http.ResponseWriter, r *http.Request) error {
	g, err := h.findGroup(r)
	if err != nil {
		return err
	}
	if err := tkm.Authorize(r.Context(), tkm.WriteGroup); err != nil {
		return err
	}
	return h.showGroupForm(w, r, http.StatusOK, groupFormOf(g), g, nil)
}

// groupUpdate changes a group's own fields.
func (h *Handler) groupUpdate(w http.ResponseWriter, r *http.Request) error {
	g, err := h.findGroup(r)
	if err != nil {
		return err
	}
	if err := writeForm(r, tkm.WriteGroup); err != nil {
		return err
	}
	f := readGroupForm(r.PostForm)
	if r.PostForm.Get("action") == "region" {
		return h.showGroupForm(w, r, http.StatusOK, f, g, nil)
	}
	changed, err := h.updateGroup(r, g, f)
	if err != nil {
		return h.showGroupForm(w, r, failStatus(err), f, g, err)
	}
	setFlash(w, flash{key: "group.updated.flash", arg: changed.Name})
	return redirect(w, r, "/kelompok/"+g.ID.String())
}

// updateGroup saves the changes the form posted, or, when the form found
// problems, runs the domain's checks on the changed copy to show them all.
func (h *Handler) updateGroup(r *http.Request, g *tkm.Group, f *groupForm) (*tkm.Group, error) {
	u, bad := f.update(r.PostForm, g)
	if len(bad) == 0 {
		changed, _, err := h.Groups.UpdateGroup(r.Context(), g.ID, u)
		return changed, err
	}
	changed := *g
	u.Apply(&changed)
	return nil, invalid(bad, changed.Validate(h.Regions))
}

// showGroupForm shows the group form with the problems of err, if any.
func (h *Handler) showGroupForm(w http.ResponseWriter, r *http.Request, status int, f *groupForm, g *tkm.Group, err error) error {
	v := &groupFormView{base: h.base(w, r), Group: g, Form: f,
		Provinces: h.provinceOptions(r), Regencies: h.regencies(f.Province)}
	v.memberChoices, v.RegionName = choicesFor(v.printer), h.regionName(f.RegionCode)
	if err != nil {
		if v.Errors, err = v.formErrorsOf(err, f.fields(v.printer)); err != nil {
			return err
		}
	}
	if v.New() {
		cs, err := h.Cohorts.FindCohorts(r.Context())
		if err != nil {
			return err
		}
		v.Cohorts = cohortOptions(cs)
	} else if tkm.Can(v.User, tkm.AssignMentors) {
		if v.Mentors, err = h.mentorOptions(r, v.printer, g.MentorID); err != nil {
			return err
		}
	}
	h.render(w, r, status, "group_form", v)
	return nil
}

// regionName names a group's region code, or nothing for a code that is
// not one.
func (h *Handler) regionName(code string) string {
	if r, ok := h.Regions.Region(code); !ok || r.Level == tkm.LevelProvince {
		return ""
	}
	return regionPath(h.Regions, code)
}

// regencies lists the regencies of a province; none for anything else.
func (h *Handler) regencies(province string) []option {
	if tkm.LevelOf(province) != tkm.LevelProvince || province == "" {
		return nil
	}
	return regionOptions(h.Regions.Children(province))
}

// groupDeleteView asks to confirm that a group goes.
type groupDeleteView struct {
	base
	Group *tkm.Group
}

// groupDeletePage asks to confirm the deletion of a group.
func (h *Handler) groupDeletePage(w http.ResponseWriter, r *http.Request) error {
	g, err := h.findGroup(r)
	if err != nil {
		return err
	}
	if err := tkm.Authorize(r.Context(), tkm.DeleteGroup); err != nil {
		return err
	}
	return h.page(w, r, "group_delete", &groupDeleteView{base: h.base(w, r), Group: g})
}

// groupDelete deletes a group; one that may no longer be deleted shows the
// confirmation again, with the reason.
func (h *Handler) groupDelete(w http.ResponseWriter, r *http.Request) error {
	g, err := h.findGroup(r)
	if err != nil {
		return err
	}
	if err := h.Groups.DeleteGroup(r.Context(), g.ID); err != nil {
		v := &groupDeleteView{base: h.base(w, r), Group: g}
		if v.Errors, err = v.formErrorsOf(err, sameField); err != nil {
			return err
		}
		h.render(w, r, http.StatusConflict, "group_delete", v)
		return nil
	}
	setFlash(w, flash{key: "group.deleted.flash", arg: g.Name})
	return redirect(w, r, "/kelompok")
}

// mentorOptions lists the active mentors by name, and the group's current
// mentor even if disabled since, so that the form shows who it is.
func (h *Handler) mentorOptions(r *http.Request, p printer, current tkm.ID) ([]option, error) {
	us, err := h.Users.FindUsers(r.Context(), tkm.UserFilter{Role: tkm.RoleMentor})
	if err != nil {
		return nil, err
	}
	opts := make([]option, 0, len(us))
	for _, u := range us {
		switch {
		case u.ID == current && u.Disabled:
			opts = append(opts, option{Value: u.ID.String(), Label: p.T("group.mentor.disabled", u.Name, u.Email)})
		case !u.Disabled:
			opts = append(opts, option{Value: u.ID.String(), Label: u.Name + " (" + u.Email + ")"})
		}
	}
	return opts, nil
}
