package ui

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"tkm"
)

// loginView is the login page.
type loginView struct {
	base
	Email string
	Next  string
}

// loginPage shows the login form; a user already logged in goes on.
func (h *Handler) loginPage(w http.ResponseWriter, r *http.Request) error {
	next := safeNext(r.URL.Query().Get("next"), "/")
	if tkm.UserFromContext(r.Context()) != nil {
		return redirect(w, r, next)
	}
	return h.page(w, r, "login", &loginView{base: h.publicBase(w, r), Next: next})
}

// login checks the credentials, sets the session cookie and goes on to
// the page that asked for a login. Wrong credentials show the form again.
func (h *Handler) login(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	v := &loginView{base: h.publicBase(w, r), Email: strings.TrimSpace(r.PostForm.Get("email")),
		Next: safeNext(r.PostForm.Get("next"), "/")}
	password := r.PostForm.Get("password")
	if err := v.missing(password); err != nil {
		return h.loginFailed(w, r, v, err)
	}
	secret, sess, _, err := h.Auth.Login(r.Context(), v.Email, password, tkm.SessionCookie)
	if err != nil {
		return h.loginFailed(w, r, v, err)
	}
	setSessionCookie(w, r, secret, sess.ExpiresAt)
	return redirect(w, r, v.Next)
}

// missing reports an empty email or password before asking the service.
func (v *loginView) missing(password string) error {
	var f tkm.Fields
	if v.Email == "" {
		f.Add("email", "required", "Email wajib diisi.", "Email is required.")
	}
	if password == "" {
		f.Add("password", "required", "Kata sandi wajib diisi.", "Password is required.")
	}
	return f.Err()
}

// loginFailed shows the form again for a problem the visitor can fix, and
// returns any other error for the error page.
func (h *Handler) loginFailed(w http.ResponseWriter, r *http.Request, v *loginView, err error) error {
	status := http.StatusUnprocessableEntity
	switch tkm.ErrorCode(err) {
	case tkm.EUNAUTHORIZED:
		status, err = http.StatusUnauthorized, onField("email", err)
	case tkm.ERATELIMITED:
		status, err = http.StatusTooManyRequests, onField("", err)
	}
	fe, err := v.formErrorsOf(err, sameField)
	if err != nil {
		return err
	}
	v.Errors = fe
	h.render(w, r, status, "login", v)
	return nil
}

// onField restates a tkm error as a problem of one field of a form, or of
// the whole form for an empty field.
func onField(field string, err error) error {
	var e *tkm.Error
	if !errors.As(err, &e) {
		return err
	}
	var f tkm.Fields
	f.Add(field, e.Code, e.Message, e.English)
	return f.Err()
}

// setSessionCookie gives the browser the session secret until the session ends.
func setSessionCookie(w http.ResponseWriter, r *http.Request, secret string, expires time.Time) {
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: secret, Path: "/", Expires: expires,
		MaxAge: max(1, int(time.Until(expires).Seconds())), HttpOnly: true, Secure: secure(r),
		SameSite: http.SameSiteLaxMode})
}

// logout ends the session, forgets the cookie and shows the login page.
func (h *Handler) logout(w http.ResponseWriter, r *http.Request) error {
	if c, err := r.Cookie(SessionCookie); err == nil && c.Value != "" {
		if err := h.Auth.Logout(r.Context(), c.Value); err != nil {
			return err
		}
	}
	clearSessionCookie(w, r)
	return redirect(w, r, "/masuk")
}

// clearSessionCookie has the browser forget its session.
func clearSessionCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: secure(r), SameSite: http.SameSiteLaxMode})
}

// safeNext returns next when it is a path on this site, else fallback: a
// login must never send the visitor to another site.
func safeNext(next, fallback string) string {
	if len(next) == 0 || next[0] != '/' || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return fallback
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || strings.ContainsAny(next, "\r\n\t\\") {
		return fallback
	}
	return next
}

// secure reports whether the user reached tkm over HTTPS: directly, or
// through a trusted proxy that says so.
func secure(r *http.Request) bool {
	return r.TLS != nil || tkm.OriginFromContext(r.Context()).Secure
}
