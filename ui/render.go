package ui

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"tkm"
)

// wib is Western Indonesian Time, in which the UI shows timestamps.
var wib = time.FixedZone("WIB", 7*60*60)

// funcs returns the template functions for one language.
func funcs(p printer, a *assets, regions tkm.Regions) template.FuncMap {
	return template.FuncMap{
		"t":         p.t,
		"field":     p.field,
		"static":    a.url,
		"stage":     func(s tkm.Stage) string { return s.Label(p.en()) },
		"longDate":  p.longDate,
		"shortDate": p.shortDate,
		"age":       func(d tkm.Date) int { return d.AgeOn(tkm.DateOf(time.Now().In(wib).Date())) },
		"rupiah":    tkm.FormatRupiah,
		"number":    func(n int) string { return tkm.FormatNumber(int64(n)) },
		"phone":     tkm.FormatPhone,
		"tel":       telURL,
		"region":    func(code string) string { return regionPath(regions, code) },
		"can":       func(u *tkm.User, a string) bool { return tkm.Can(u, tkm.Action(a)) },
	}
}

// telURL is a tel: link to a stored E.164 number, or nothing for a value
// that is not one.
func telURL(e164 string) template.URL {
	if len(e164) < 8 || len(e164) > 16 || e164[0] != '+' || strings.Trim(e164[1:], "0123456789") != "" {
		return ""
	}
	return template.URL("tel:" + e164)
}

// regionPath names a region with the areas above it, most specific first:
// "Kuta, Kabupaten Badung, Bali". An unknown code names itself.
func regionPath(regions tkm.Regions, code string) string {
	var names []string
	for c := code; c != ""; {
		if r, ok := regions.Region(c); ok {
			names = append(names, r.Name)
		}
		i := strings.LastIndexByte(c, '.')
		if i < 0 {
			break
		}
		c = c[:i]
	}
	if len(names) == 0 {
		return code
	}
	return strings.Join(names, ", ")
}

// base is what every page needs: the language, the user, and what the
// layout shows above the page's own content.
type base struct {
	printer
	User    *tkm.User
	Menu    menu        // the sections the user may open
	Here    string      // this page's address, for the language switch to return to
	Errors  *formErrors // the error summary, nil when the page has none
	Notice  *notice     // a message left by the previous request
	Version string
	Refresh int  // seconds after which the page reloads itself (a job in progress); 0 never
	Public  bool // a page of the public area: its header links the public pages, not the user's
}

// menu is the navigation: a section shows only to a role that may use it.
type menu struct {
	Dashboard                                        bool // the officers: every role that reads the registry but a group's leader
	Registry, Imports, Users, Audit, Person, Account bool
	Expos                                            bool // those who run expos, sell at them or audit them
}

// menuOf works out the navigation of u (nil: nobody logged in).
func menuOf(u *tkm.User) menu {
	return menu{Dashboard: tkm.Can(u, tkm.ReadRegistry) && u.Role != tkm.RoleGroup, Registry: tkm.Can(u, tkm.ReadRegistry), Imports: tkm.Can(u, tkm.ImportGroups), Users: tkm.Can(u, tkm.ManageUsers),
		Audit: tkm.Can(u, tkm.ReadAudit), Person: tkm.Can(u, tkm.ReportPerson), Account: tkm.Can(u, tkm.UseAccount),
		Expos: tkm.Can(u, tkm.ReadExpos)}
}

// base returns the base of a page for r, taking the flash message if any.
func (h *Handler) base(w http.ResponseWriter, r *http.Request) base {
	u := tkm.UserFromContext(r.Context())
	b := base{printer: h.views.cat.printer(langOf(r)), User: u, Menu: menuOf(u),
		Here: nextAfterLogin(r), Version: h.Version}
	b.Notice = b.takeFlash(w, r)
	return b
}

// publicBase is the base of a page of the public area: the same for a
// visitor and a logged-in user, whose menu it leaves out.
func (h *Handler) publicBase(w http.ResponseWriter, r *http.Request) base {
	b := h.base(w, r)
	b.Public, b.Menu = true, menu{}
	return b
}

// publicPaths start the addresses of the public area.
var publicPaths = []string{"/katalog", "/usaha/", "/expo", "/foto/", "/daftar", "/masuk"}

// isPublic reports whether path lies in the public area, whose error
// pages keep its header.
func isPublic(path string) bool {
	for _, p := range publicPaths {
		if strings.HasPrefix(path, p) {
			return true
		}
	}
	return false
}

// UserRole labels the user's role, for the header and the error pages.
func (b base) UserRole() string {
	if b.User == nil {
		return ""
	}
	return b.T("userrole." + string(b.User.Role))
}

// Lang is the page's language code, for <html lang>.
func (b base) Lang() string { return b.lang }

// Current reports whether this page lies under the section at path, for
// the navigation's aria-current.
func (b base) Current(path string) bool {
	return b.Here == path || strings.HasPrefix(b.Here, path+"/") || strings.HasPrefix(b.Here, path+"?")
}

// OtherLang is the language the header's switch offers.
func (b base) OtherLang() string {
	if b.en() {
		return langID
	}
	return langEN
}

// SwitchURL is the header's link to the other language.
func (b base) SwitchURL() string {
	return "/bahasa?l=" + b.OtherLang() + "&next=" + url.QueryEscape(b.Here)
}

// render writes a page, or a bare 500 if the template fails. The page is
// rendered whole before anything is sent, so a failure never shows half,
// and it goes out in one write with its length.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, page string, data any) {
	t := h.views.pages[langOf(r)][page]
	if t == nil {
		h.Logger.ErrorContext(r.Context(), "ui: no such page template", "page", page)
		http.Error(w, "Terjadi kesalahan internal.", http.StatusInternalServerError)
		return
	}
	buf := h.views.buffer()
	defer h.views.recycle(buf)
	if err := t.Execute(buf, data); err != nil {
		h.Logger.ErrorContext(r.Context(), "ui: render", "page", page, "err", err)
		http.Error(w, "Terjadi kesalahan internal.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// page renders a page with status 200; it never fails, so handlers can
// return it.
func (h *Handler) page(w http.ResponseWriter, r *http.Request, page string, data any) error {
	h.render(w, r, http.StatusOK, page, data)
	return nil
}
