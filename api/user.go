package api

import (
	"net/http"

	"tkm"
)

// userRequest is the body that creates a user.
type userRequest struct {
	Email    string   `json:"email"`
	Name     string   `json:"name"`
	Role     tkm.Role `json:"role"`
	Region   string   `json:"region"`
	Password string   `json:"password"`
}

// passwordRequest sets a password: one's own (with the old one) or, for an
// administrator, anyone's.
type passwordRequest struct {
	OldPassword string `json:"old_password"`
	Password    string `json:"password"`
}

type userList struct {
	Items      []*tkm.User `json:"items"`
	NextCursor string      `json:"next_cursor"`
}

type sessionList struct {
	Items      []*tkm.Session `json:"items"`
	NextCursor string         `json:"next_cursor"`
}

func (a *API) listUsers(w http.ResponseWriter, r *http.Request) error {
	role := tkm.Role(r.URL.Query().Get("role"))
	if role != "" && !role.Valid() {
		var f tkm.Fields
		f.Add("role", "role_invalid", "Peran tidak dikenal.", "Unknown role.")
		err := f.Err().(*tkm.Error)
		err.Code = tkm.EMALFORMED
		return err
	}
	us, err := a.Users.FindUsers(r.Context(), tkm.UserFilter{Role: role})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, userList{Items: us})
}

func (a *API) createUser(w http.ResponseWriter, r *http.Request) error {
	var req userRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	u := &tkm.User{Email: req.Email, Name: req.Name, Role: req.Role, Region: req.Region}
	if err := a.Users.CreateUser(r.Context(), u, req.Password); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, u)
}

func (a *API) getUser(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	u, err := a.Users.FindUserByID(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, u)
}

func (a *API) updateUser(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var up tkm.UserUpdate
	if err := decode(w, r, &up); err != nil {
		return err
	}
	u, err := a.Users.UpdateUser(r.Context(), id, up)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, u)
}

func (a *API) setPassword(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var req passwordRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	if err := a.Users.SetPassword(r.Context(), id, req.OldPassword, req.Password); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (a *API) listSessions(w http.ResponseWriter, r *http.Request) error {
	ss, err := a.Auth.Sessions(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, sessionList{Items: ss})
}

func (a *API) revokeSession(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := a.Auth.RevokeSession(r.Context(), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
