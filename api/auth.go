package api

import (
	"net/http"
	"time"

	"tkm"
)

type loginRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

type tokenResponse struct {
	Token     string    `json:"token"`
	ExpiresAt time.Time `json:"expires_at"`
	User      *tkm.User `json:"user"`
}

func (a *API) createToken(w http.ResponseWriter, r *http.Request) error {
	var req loginRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	secret, sess, u, err := a.Auth.Login(r.Context(), req.Email, req.Password, tkm.SessionToken)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, tokenResponse{Token: secret, ExpiresAt: sess.ExpiresAt, User: u})
}

func (a *API) deleteToken(w http.ResponseWriter, r *http.Request) error {
	if secret := bearer(r); secret != "" {
		if err := a.Auth.Logout(r.Context(), secret); err != nil {
			return err
		}
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func bearer(r *http.Request) string {
	const prefix = "Bearer "
	h := r.Header.Get("Authorization")
	if len(h) > len(prefix) && (h[:len(prefix)] == prefix || h[:len(prefix)] == "bearer ") {
		return h[len(prefix):]
	}
	return ""
}

func (a *API) me(w http.ResponseWriter, r *http.Request) error {
	return writeJSON(w, http.StatusOK, tkm.UserFromContext(r.Context()))
}
