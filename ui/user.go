package ui

import (
	"net/http"

	"tkm"
)

// userListView lists the users, for administrators.
type userListView struct {
	base
	Role  string // the role filter as chosen
	Roles []option
	Users []userRow
}

// userRow is one row of the list, worked out before the template runs.
type userRow struct {
	Name, Email, Role  string
	Region, RegionCode string // "Bali", "51"; empty for the roles without one
	Disabled           bool
	Edit, Password     string // the addresses of the user's pages
}

// userList shows every user, by name, or those of one role.
func (h *Handler) userList(w http.ResponseWriter, r *http.Request) error {
	if err := tkm.Authorize(r.Context(), tkm.ManageUsers); err != nil {
		return err
	}
	v := &userListView{base: h.base(w, r), Role: r.URL.Query().Get("role")}
	v.Roles = roleOptions(v.printer)
	if v.Role != "" && !tkm.Role(v.Role).Valid() {
		v.Errors = &formErrors{byField: map[string]string{}}
		v.Errors.add("role", "", v.T("users.filter.role.invalid"))
		h.render(w, r, http.StatusBadRequest, "user_list", v)
		return nil
	}
	us, err := h.Users.FindUsers(r.Context(), tkm.UserFilter{Role: tkm.Role(v.Role)})
	if err != nil {
		return err
	}
	v.Users = userRows(v.printer, us, h.Regions)
	return h.page(w, r, "user_list", v)
}

// userRows fills the table's rows.
func userRows(p printer, us []*tkm.User, regions tkm.Regions) []userRow {
	rows := make([]userRow, len(us))
	for i, u := range us {
		pages := "/pengguna/" + u.ID.String()
		rows[i] = userRow{Name: u.Name, Email: u.Email, Role: p.T("userrole." + string(u.Role)),
			RegionCode: u.Region, Disabled: u.Disabled, Edit: pages + "/ubah", Password: pages + "/sandi"}
		if u.Region != "" {
			rows[i].Region = regionPath(regions, u.Region)
		}
	}
	return rows
}

// roleOptions lists the roles of users with their labels.
func roleOptions(p printer) []option {
	opts := make([]option, len(tkm.Roles))
	for i, r := range tkm.Roles {
		opts[i] = option{Value: string(r), Label: p.T("userrole." + string(r))}
	}
	return opts
}
