package ui

import (
	"errors"
	"net/http"
	"net/url"

	"tkm"
)

// handlerFunc is a page: it writes a response or returns an error for the
// adapter to show.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// public adapts a page that anyone may see.
func (h *Handler) public(fn handlerFunc) http.Handler { return h.adapt(maxBody, fn) }

// private adapts a page that needs a logged-in user.
func (h *Handler) private(fn handlerFunc) http.Handler { return h.adapt(maxBody, loggedIn(fn)) }

// uploading adapts a page that takes a file: it needs a logged-in user and
// may read a body as large as an upload.
func (h *Handler) uploading(fn handlerFunc) http.Handler { return h.adapt(maxUploadBody, loggedIn(fn)) }

// importing adapts the page that takes an import file: it needs a
// logged-in user and may read a body as large as the file and its form.
func (h *Handler) importing(fn handlerFunc) http.Handler { return h.adapt(maxImportBody, loggedIn(fn)) }

// applying adapts the page where a group's leader uploads the import
// template: it needs a logged-in user and may read a body as large as a
// group's file.
func (h *Handler) applying(fn handlerFunc) http.Handler {
	return h.adapt(maxSignupUpload, loggedIn(fn))
}

// adapt caps the body at limit bytes and shows the error fn returns.
func (h *Handler) adapt(limit int64, fn handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		if err := fn(w, r); err != nil {
			h.fail(w, r, err)
		}
	})
}

// loggedIn refuses a visitor who is not logged in.
func loggedIn(fn handlerFunc) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if tkm.UserFromContext(r.Context()) == nil {
			return tkm.Errorf(tkm.EUNAUTHORIZED, "Silakan masuk terlebih dahulu.", "Please log in first.")
		}
		return fn(w, r)
	}
}

// statuses maps each error code to the status of its error page.
var statuses = map[string]int{
	tkm.EMALFORMED:   http.StatusBadRequest,
	tkm.EFORBIDDEN:   http.StatusForbidden,
	tkm.ENOTFOUND:    http.StatusNotFound,
	tkm.ECONFLICT:    http.StatusConflict,
	tkm.ETOOLARGE:    http.StatusRequestEntityTooLarge,
	tkm.EINVALID:     http.StatusUnprocessableEntity,
	tkm.ERATELIMITED: http.StatusTooManyRequests,
	tkm.EINTERNAL:    http.StatusInternalServerError,
}

// errorView is the error page.
type errorView struct {
	base
	Status  int
	Message string // safe to show; empty for server faults
}

// fail shows err: a login for EUNAUTHORIZED, otherwise an error page.
// Only server faults are logged, and their details stay in the log.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	code := tkm.ErrorCode(err)
	if code == tkm.EUNAUTHORIZED {
		if c, err := r.Cookie(SessionCookie); err == nil && c.Value != "" {
			// The browser still holds a session that ended: say so, and forget it.
			clearSessionCookie(w, r)
			setFlash(w, flash{key: "login.expired.flash"})
		}
		http.Redirect(w, r, "/masuk?next="+url.QueryEscape(nextAfterLogin(r)), http.StatusSeeOther)
		return
	}
	v := &errorView{base: h.base(w, r), Status: statuses[code]}
	if isPublic(r.URL.Path) {
		v.Public, v.Menu = true, menu{}
	}
	if v.Status == 0 {
		code, v.Status = tkm.EINTERNAL, http.StatusInternalServerError
	}
	var e *tkm.Error
	if errors.As(err, &e) && code != tkm.EINTERNAL {
		v.Message = v.pick(e.Message, e.English)
	} else {
		h.Logger.ErrorContext(r.Context(), "ui", "err", err, "method", r.Method, "path", r.URL.Path)
	}
	h.render(w, r, v.Status, "error", v)
}

// nextAfterLogin is where to return after logging in: this page, or for a
// form that was posted, the page that holds it.
func nextAfterLogin(r *http.Request) string {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return r.URL.RequestURI()
	}
	return r.URL.Path
}

// notFound answers any address the site map does not know.
func (h *Handler) notFound(w http.ResponseWriter, r *http.Request) error {
	return tkm.Errorf(tkm.ENOTFOUND, "Halaman tidak ditemukan.", "Page not found.")
}

// home sends an officer to the dashboard, a group's leader to their
// group, and a visitor to the login first.
func (h *Handler) home(w http.ResponseWriter, r *http.Request) error {
	to := "/masuk"
	switch u := tkm.UserFromContext(r.Context()); {
	case menuOf(u).Dashboard:
		to = "/dasbor"
	case u != nil:
		to = "/kelompok"
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}

// pathID reads an ID from a path segment; a bad one is not found.
func pathID(r *http.Request, name string) (tkm.ID, error) {
	return tkm.ParseID(r.PathValue(name))
}

// parseForm reads a posted form, turning an oversized body into
// ETOOLARGE and a broken one into EMALFORMED.
func parseForm(r *http.Request) error {
	err := r.ParseForm()
	var tooBig *http.MaxBytesError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &tooBig):
		return tkm.Errorf(tkm.ETOOLARGE, "Isian melebihi 1 MB.", "The form is over 1 MB.")
	}
	return tkm.Errorf(tkm.EMALFORMED, "Isian tidak dapat dibaca.", "The form cannot be read.")
}

// writeForm checks that the user may take action a, then reads the posted
// form. The services check again; this keeps a form whose values cannot
// even be read from answering someone who may not send it.
func writeForm(r *http.Request, a tkm.Action) error {
	if err := tkm.Authorize(r.Context(), a); err != nil {
		return err
	}
	return parseForm(r)
}

// redirect sends the browser to a page after a successful post.
func redirect(w http.ResponseWriter, r *http.Request, to string) error {
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}
