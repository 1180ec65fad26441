package ui

import (
	"net/url"
	"strings"

	"tkm"
)

// userForm is the user form as the administrator typed it.
type userForm struct {
	Email, Name, Role, Region, Password, Disabled string
}

// readUserForm reads a posted user form. The password is kept as typed.
func readUserForm(form url.Values) userForm {
	get := func(k string) string { return strings.TrimSpace(form.Get(k)) }
	return userForm{Email: get("email"), Name: get("name"), Role: get("role"), Region: get("region"),
		Password: form.Get("password"), Disabled: get("disabled")}
}

// userFormOf fills the form with a saved user, for editing.
func userFormOf(u *tkm.User) userForm {
	f := userForm{Email: u.Email, Name: u.Name, Role: string(u.Role), Region: u.Region}
	if u.Disabled {
		f.Disabled = "1"
	}
	return f
}

// region is the region to save: only a regional officer has one, so a
// code typed for another role is dropped, as the field's hint says.
func (f userForm) region() string {
	if tkm.Role(f.Role) != tkm.RoleRegional {
		return ""
	}
	return f.Region
}

// user builds the user to create.
func (f userForm) user() *tkm.User {
	return &tkm.User{Email: f.Email, Name: f.Name, Role: tkm.Role(f.Role), Region: f.region()}
}

// update builds the change of a saved user: every field of the form.
func (f userForm) update() tkm.UserUpdate {
	name, role, region, disabled := f.Name, tkm.Role(f.Role), f.region(), f.Disabled != ""
	return tkm.UserUpdate{Name: &name, Role: &role, Region: &region, Disabled: &disabled}
}
