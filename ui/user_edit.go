package ui

import (
	"net/http"

	"tkm"
)

// userFormView is the form that creates a user or changes one.
type userFormView struct {
	base
	Target    *tkm.User // the user being changed; nil for a new one
	Form      userForm
	Roles     []option
	Provinces []option // suggestions for a regional officer's region
}

// New reports whether the form creates a user.
func (v *userFormView) New() bool { return v.Target == nil }

// Action is the address the form posts to.
func (v *userFormView) Action() string {
	if v.New() {
		return "/pengguna/baru"
	}
	return "/pengguna/" + v.Target.ID.String() + "/ubah"
}

// userNewPage shows an empty user form.
func (h *Handler) userNewPage(w http.ResponseWriter, r *http.Request) error {
	if err := tkm.Authorize(r.Context(), tkm.ManageUsers); err != nil {
		return err
	}
	return h.showUserForm(w, r, http.StatusOK, nil, userForm{Role: string(tkm.RoleRegional)}, nil)
}

// userCreate creates a user with a first password.
func (h *Handler) userCreate(w http.ResponseWriter, r *http.Request) error {
	if err := writeForm(r, tkm.ManageUsers); err != nil {
		return err
	}
	f := readUserForm(r.PostForm)
	u := f.user()
	if err := h.Users.CreateUser(r.Context(), u, f.Password); err != nil {
		f.Password = ""
		return h.showUserForm(w, r, failStatus(err), nil, f, err)
	}
	setFlash(w, flash{key: "user.created.flash", arg: u.Name})
	return redirect(w, r, "/pengguna")
}

// findUser returns the user named in the path, for an administrator.
func (h *Handler) findUser(r *http.Request) (*tkm.User, error) {
	if err := tkm.Authorize(r.Context(), tkm.ManageUsers); err != nil {
		return nil, err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return h.Users.FindUserByID(r.Context(), id)
}

// userEditPage shows the form that changes a user.
func (h *Handler) userEditPage(w http.ResponseWriter, r *http.Request) error {
	u, err := h.findUser(r)
	if err != nil {
		return err
	}
	return h.showUserForm(w, r, http.StatusOK, u, userFormOf(u), nil)
}

// userUpdate changes a user's name, role, region or access.
func (h *Handler) userUpdate(w http.ResponseWriter, r *http.Request) error {
	u, err := h.findUser(r)
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	f := readUserForm(r.PostForm)
	f.Email = u.Email
	changed, err := h.Users.UpdateUser(r.Context(), u.ID, f.update())
	if err != nil {
		return h.showUserForm(w, r, failStatus(err), u, f, err)
	}
	setFlash(w, flash{key: "user.updated.flash", arg: changed.Name})
	return redirect(w, r, "/pengguna")
}

// showUserForm shows the user form with the problems of err, if any.
func (h *Handler) showUserForm(w http.ResponseWriter, r *http.Request, status int, u *tkm.User, f userForm, err error) error {
	v := &userFormView{base: h.base(w, r), Target: u, Form: f, Provinces: regionOptions(h.Regions.Children(""))}
	v.Roles = roleOptions(v.printer)
	if err != nil {
		if v.Errors, err = v.formErrorsOf(err, sameField); err != nil {
			return err
		}
	}
	h.render(w, r, status, "user_form", v)
	return nil
}

// userPasswordView is the form that resets a user's password.
type userPasswordView struct {
	base
	Target *tkm.User
}

// userPasswordPage shows the form that resets someone's password. One's
// own password is changed on one's account page, with the old one.
func (h *Handler) userPasswordPage(w http.ResponseWriter, r *http.Request) error {
	u, err := h.findUser(r)
	if err != nil {
		return err
	}
	if u.ID == tkm.UserFromContext(r.Context()).ID {
		return redirect(w, r, "/akun#sandi")
	}
	return h.page(w, r, "user_password", &userPasswordView{base: h.base(w, r), Target: u})
}

// userPassword sets a user's new password; their sessions end.
func (h *Handler) userPassword(w http.ResponseWriter, r *http.Request) error {
	u, err := h.findUser(r)
	if err != nil {
		return err
	}
	if u.ID == tkm.UserFromContext(r.Context()).ID {
		return redirect(w, r, "/akun#sandi")
	}
	if err := parseForm(r); err != nil {
		return err
	}
	if err := h.Users.SetPassword(r.Context(), u.ID, "", r.PostForm.Get("password")); err != nil {
		v := &userPasswordView{base: h.base(w, r), Target: u}
		if v.Errors, err = v.formErrorsOf(err, sameField); err != nil {
			return err
		}
		h.render(w, r, http.StatusUnprocessableEntity, "user_password", v)
		return nil
	}
	setFlash(w, flash{key: "user.password.flash", arg: u.Name})
	return redirect(w, r, "/pengguna")
}
