package ui

import (
	"errors"
	"net/http"

	"tkm"
)

// memberChoices are the choices of a member's selects.
type memberChoices struct {
	Sexes, Roles, Employments []option
}

// choicesFor labels the choices in the page's language.
func choicesFor(p printer) memberChoices {
	return memberChoices{
		Sexes:       options(p, "sex.", string(tkm.SexMale), string(tkm.SexFemale)),
		Roles:       options(p, "role.", string(tkm.RoleKetua), string(tkm.RoleSekretaris), string(tkm.RoleBendahara), string(tkm.RoleAnggota)),
		Employments: options(p, "employment.", string(tkm.Unemployed), string(tkm.Informal), string(tkm.Formal)),
	}
}

// options labels each value with the catalog text of prefix+value.
func options(p printer, prefix string, values ...string) []option {
	opts := make([]option, len(values))
	for i, v := range values {
		opts[i] = option{Value: v, Label: p.T(prefix + v)}
	}
	return opts
}

// memberRow is what the member-fields template draws: one member's inputs,
// their names starting with Prefix.
type memberRow struct {
	memberChoices
	Prefix string
	N      int // the row's number, from 1
	M      memberForm
	Errors *formErrors
}

// memberFormView is the form that adds a member to a group or changes one.
type memberFormView struct {
	base
	memberChoices
	Group  *tkm.Group
	Member *tkm.Member // nil for a new member
	Form   memberForm
}

// Row is the member's inputs.
func (v *memberFormView) Row() memberRow {
	return memberRow{memberChoices: v.memberChoices, M: v.Form, Errors: v.Errors}
}

// Action is the address the form posts to.
func (v *memberFormView) Action() string {
	if v.Member == nil {
		return "/kelompok/" + v.Group.ID.String() + "/anggota/baru"
	}
	return "/kelompok/" + v.Group.ID.String() + "/anggota/" + v.Member.ID.String() + "/ubah"
}

// memberNewPage shows an empty member form.
func (h *Handler) memberNewPage(w http.ResponseWriter, r *http.Request) error {
	g, err := h.findGroup(r)
	if err != nil {
		return err
	}
	if err := tkm.Authorize(r.Context(), tkm.WriteGroup); err != nil {
		return err
	}
	f := memberForm{Role: string(tkm.RoleAnggota), Employment: string(tkm.Unemployed)}
	return h.showMemberForm(w, r, http.StatusOK, g, nil, f, nil)
}

// memberCreate adds a member to a group.
func (h *Handler) memberCreate(w http.ResponseWriter, r *http.Request) error {
	g, err := h.findGroup(r)
	if err != nil {
		return err
	}
	if err := writeForm(r, tkm.WriteGroup); err != nil {
		return err
	}
	f := readMemberForm(r.PostForm, "")
	m, bad := f.member()
	warnings, err := h.createMember(r, g.ID, m, bad)
	if err != nil {
		return h.showMemberForm(w, r, failStatus(err), g, nil, f, err)
	}
	setFlash(w, flash{key: "member.added.flash", arg: m.Name, warnings: warnings, who: func(tkm.Warning) string { return m.Name }})
	return redirect(w, r, "/kelompok/"+g.ID.String())
}

// createMember saves m, or with problems found by the form, shows them
// with the domain's own.
func (h *Handler) createMember(r *http.Request, groupID tkm.ID, m *tkm.Member, bad tkm.Fields) ([]tkm.Warning, error) {
	if len(bad) == 0 {
		return h.Members.CreateMember(r.Context(), groupID, m)
	}
	_, err := m.Validate(h.Regions, today())
	return nil, invalid(bad, err)
}

// memberEditPage shows the form that changes a member.
func (h *Handler) memberEditPage(w http.ResponseWriter, r *http.Request) error {
	g, m, err := h.findMember(r)
	if err != nil {
		return err
	}
	if err := tkm.Authorize(r.Context(), tkm.WriteGroup); err != nil {
		return err
	}
	return h.showMemberForm(w, r, http.StatusOK, g, m, memberFormOf(m), nil)
}

// memberUpdate changes a member.
func (h *Handler) memberUpdate(w http.ResponseWriter, r *http.Request) error {
	g, m, err := h.findMember(r)
	if err != nil {
		return err
	}
	if err := writeForm(r, tkm.WriteGroup); err != nil {
		return err
	}
	f := readMemberForm(r.PostForm, "")
	u, bad := f.update(m.NIK)
	warnings, err := h.updateMember(r, m, u, bad)
	if err != nil {
		return h.showMemberForm(w, r, failStatus(err), g, m, f, err)
	}
	setFlash(w, flash{key: "member.updated.flash", arg: *u.Name, warnings: warnings, who: func(tkm.Warning) string { return *u.Name }})
	return redirect(w, r, "/kelompok/"+g.ID.String())
}

// updateMember saves the change, or with problems found by the form, runs
// the domain's checks on the changed copy to show them all. A NIK left as
// it was is not checked: it may be masked.
func (h *Handler) updateMember(r *http.Request, m *tkm.Member, u tkm.MemberUpdate, bad tkm.Fields) ([]tkm.Warning, error) {
	if len(bad) == 0 {
		_, warnings, err := h.Members.UpdateMember(r.Context(), m.GroupID, m.ID, u)
		return warnings, err
	}
	changed := *m
	u.Apply(&changed)
	_, err := changed.Validate(h.Regions, today())
	if u.NIK == nil {
		err = withoutField(err, "nik")
	}
	return nil, invalid(bad, err)
}

// withoutField drops the problems of one field from a validation error.
func withoutField(err error, field string) error {
	var e *tkm.Error
	if !errors.As(err, &e) {
		return err
	}
	var keep tkm.Fields
	for _, f := range e.Fields {
		if f.Field != field {
			keep = append(keep, f)
		}
	}
	return keep.Err()
}

// showMemberForm shows the member form with the problems of err, if any.
func (h *Handler) showMemberForm(w http.ResponseWriter, r *http.Request, status int, g *tkm.Group, m *tkm.Member, f memberForm, err error) error {
	v := &memberFormView{base: h.base(w, r), Group: g, Member: m, Form: f}
	v.memberChoices = choicesFor(v.printer)
	if err != nil {
		if v.Errors, err = v.formErrorsOf(err, sameField); err != nil {
			return err
		}
	}
	h.render(w, r, status, "member_form", v)
	return nil
}

// memberDeleteView asks to confirm that a member leaves the group.
type memberDeleteView struct {
	base
	Group  *tkm.Group
	Member *tkm.Member
}

// memberDeletePage asks to confirm that a member is removed.
func (h *Handler) memberDeletePage(w http.ResponseWriter, r *http.Request) error {
	g, m, err := h.findMember(r)
	if err != nil {
		return err
	}
	if err := tkm.Authorize(r.Context(), tkm.WriteGroup); err != nil {
		return err
	}
	return h.page(w, r, "member_delete", &memberDeleteView{base: h.base(w, r), Group: g, Member: m})
}

// memberDelete removes a member from a group.
func (h *Handler) memberDelete(w http.ResponseWriter, r *http.Request) error {
	g, m, err := h.findMember(r)
	if err != nil {
		return err
	}
	if err := h.Members.DeleteMember(r.Context(), g.ID, m.ID); err != nil {
		return err
	}
	setFlash(w, flash{key: "member.deleted.flash", arg: m.Name})
	return redirect(w, r, "/kelompok/"+g.ID.String())
}
