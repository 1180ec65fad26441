package ui

import (
	"net/http"
	"strings"
	"time"

	"tkm"
)

// accountView is the user's own account: who they are, where they are
// logged in, and the form that changes their password.
type accountView struct {
	base
	Role, Region string
	Sessions     []sessionRow
}

// sessionRow is one session or token of the user.
type sessionRow struct {
	Kind, Created, Expires, IP, Browser string
	Current                             bool   // the session of this browser
	Revoke                              string // the address that ends it
}

// accountPage shows the user's account.
func (h *Handler) accountPage(w http.ResponseWriter, r *http.Request) error {
	return h.showAccount(w, r, http.StatusOK, nil)
}

// showAccount shows the account page with the problems of the password
// form, if any.
func (h *Handler) showAccount(w http.ResponseWriter, r *http.Request, status int, err error) error {
	if err := tkm.Authorize(r.Context(), tkm.UseAccount); err != nil {
		return err
	}
	ss, serr := h.Auth.Sessions(r.Context())
	if serr != nil {
		return serr
	}
	v := &accountView{base: h.base(w, r)}
	v.Role = v.UserRole()
	if v.User.Region != "" {
		v.Region = regionPath(h.Regions, v.User.Region) + " (" + v.User.Region + ")"
	}
	v.Sessions = sessionRows(v.printer, ss, h.currentSession(r))
	if err != nil {
		if v.Errors, err = v.formErrorsOf(err, sameField); err != nil {
			return err
		}
	}
	h.render(w, r, status, "account", v)
	return nil
}

// currentSession returns the ID of the session behind this browser's
// cookie, or 0. The cookie holds a secret, not the ID, so ask the service.
func (h *Handler) currentSession(r *http.Request) tkm.ID {
	c, err := r.Cookie(SessionCookie)
	if err != nil || c.Value == "" {
		return 0
	}
	_, s, err := h.Auth.Authenticate(r.Context(), c.Value)
	if err != nil {
		return 0
	}
	return s.ID
}

// sessionRows fills the sessions table.
func sessionRows(p printer, ss []*tkm.Session, current tkm.ID) []sessionRow {
	rows := make([]sessionRow, len(ss))
	for i, s := range ss {
		rows[i] = sessionRow{Kind: p.T("session.kind." + s.Kind), Created: p.moment(s.CreatedAt, false),
			Expires: p.moment(s.ExpiresAt, false), IP: s.IP, Browser: browserName(p, s.UserAgent),
			Current: s.ID == current && current != 0, Revoke: "/akun/sesi/" + s.ID.String() + "/akhiri"}
		if rows[i].IP == "" {
			rows[i].IP = "—"
		}
	}
	return rows
}

// moment writes a moment in WIB with its day and time: "Selasa, 19
// November 2019 pukul 14.05 WIB", with the seconds for the audit log.
func (p printer) moment(t time.Time, seconds bool) string {
	if t.IsZero() {
		return ""
	}
	layout := "15.04"
	if p.en() {
		layout = "15:04"
	}
	if seconds {
		layout += layout[2:3] + "05"
	}
	return p.T("time.at", p.longDate(t), t.In(wib).Format(layout))
}

// browsers and systems name what a User-Agent says, in the order to look
// for them: Edge and Opera also say Chrome, and Chrome says Safari.
var (
	browsers = [][2]string{{"Edg/", "Edge"}, {"OPR/", "Opera"}, {"SamsungBrowser/", "Samsung Internet"},
		{"Firefox/", "Firefox"}, {"Chrome/", "Chrome"}, {"Safari/", "Safari"}, {"curl/", "curl"}}
	systems = [][2]string{{"Android", "Android"}, {"iPhone", "iPhone"}, {"iPad", "iPad"},
		{"Windows", "Windows"}, {"Mac OS X", "macOS"}, {"CrOS", "ChromeOS"}, {"Linux", "Linux"}}
)

// browserName names the browser and system of a User-Agent: "Chrome,
// Android". One it does not know shows as it is.
func browserName(p printer, ua string) string {
	name, system := find(ua, browsers), find(ua, systems)
	switch {
	case ua == "":
		return p.T("session.browser.unknown")
	case name == "":
		return ua
	case system == "":
		return name
	}
	return p.T("session.browser", name, system)
}

// find returns the name of the first entry whose mark s contains.
func find(s string, names [][2]string) string {
	for _, n := range names {
		if strings.Contains(s, n[0]) {
			return n[1]
		}
	}
	return ""
}

// sessionRevoke ends one of the user's sessions or tokens. Ending the
// session of this browser logs out.
func (h *Handler) sessionRevoke(w http.ResponseWriter, r *http.Request) error {
	if err := tkm.Authorize(r.Context(), tkm.UseAccount); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	current := h.currentSession(r)
	if err := h.Auth.RevokeSession(r.Context(), id); err != nil {
		return err
	}
	if id == current {
		clearSessionCookie(w, r)
		setFlash(w, flash{key: "account.session.self.flash"})
		return redirect(w, r, "/masuk")
	}
	setFlash(w, flash{key: "account.session.flash"})
	return redirect(w, r, "/akun")
}

// accountPassword changes the user's own password. Every session ends
// with it, this one too, so the user logs in again with the new one.
func (h *Handler) accountPassword(w http.ResponseWriter, r *http.Request) error {
	if err := writeForm(r, tkm.UseAccount); err != nil {
		return err
	}
	me := tkm.UserFromContext(r.Context())
	err := h.Users.SetPassword(r.Context(), me.ID, r.PostForm.Get("old_password"), r.PostForm.Get("password"))
	if err != nil {
		return h.showAccount(w, r, http.StatusUnprocessableEntity, err)
	}
	clearSessionCookie(w, r)
	setFlash(w, flash{key: "account.password.flash"})
	return redirect(w, r, "/masuk")
}
