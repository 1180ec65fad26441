package ui

import (
	"net/http"

	"tkm"
)

// profileForm is a group's public profile as typed.
type profileForm struct {
	Story, Contact, PublicNames string
}

// profileFormView is the form where a group tells the public about itself.
type profileFormView struct {
	base
	Group      *tkm.Group
	Form       profileForm
	Public     bool   // the group shows in public now (it has proof of products)
	PublicHref string // its public page
}

// profilePage shows a group's public profile to change: to its leader, or
// to an officer who may change the group.
func (h *Handler) profilePage(w http.ResponseWriter, r *http.Request) error {
	g, err := h.groupFor(r, tkm.WriteGroup)
	if err != nil {
		return err
	}
	p, err := h.Profiles.FindProfile(r.Context(), g.ID)
	if err != nil {
		return err
	}
	f := profileForm{Story: deref(p.Story), Contact: deref(p.Contact), PublicNames: deref(p.PublicNames)}
	return h.showProfileForm(w, r, http.StatusOK, g, f, nil)
}

// profileUpdate saves a group's public profile.
func (h *Handler) profileUpdate(w http.ResponseWriter, r *http.Request) error {
	g, err := h.groupFor(r, tkm.WriteGroup)
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	f := profileForm{Story: r.PostForm.Get("story"), Contact: r.PostForm.Get("contact"), PublicNames: r.PostForm.Get("public_names")}
	err = h.Profiles.UpdateProfile(r.Context(), g.ID, tkm.GroupProfile{Story: &f.Story, Contact: &f.Contact, PublicNames: &f.PublicNames})
	if err != nil {
		return h.showProfileForm(w, r, failStatus(err), g, f, err)
	}
	setFlash(w, flash{key: "profile.updated.flash", arg: g.Name})
	return redirect(w, r, "/kelompok/"+g.ID.String())
}

// showProfileForm shows the profile form with the problems of err, if any.
func (h *Handler) showProfileForm(w http.ResponseWriter, r *http.Request, status int, g *tkm.Group, f profileForm, err error) error {
	v := &profileFormView{base: h.base(w, r), Group: g, Form: f, Public: tkm.CanExhibit(g.Stage), PublicHref: tkm.PublicGroupPath(g.ID)}
	if err != nil {
		if v.Errors, err = v.formErrorsOf(err, sameField); err != nil {
			return err
		}
	}
	h.render(w, r, status, "profile_form", v)
	return nil
}

// deref is the string p points at, or "".
func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
