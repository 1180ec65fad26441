package ui

import (
	"encoding/json"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"tkm"
)

// auditActions are the actions the filter offers, in the order it lists them.
var auditActions = []string{
	tkm.AuditNIKView, tkm.AuditPersonReport, tkm.AuditExport,
	tkm.AuditGroupCreate, tkm.AuditGroupUpdate, tkm.AuditGroupDelete,
	tkm.AuditMemberCreate, tkm.AuditMemberUpdate, tkm.AuditMemberDelete,
	tkm.AuditTransition, tkm.AuditTraining, tkm.AuditAttendance, tkm.AuditAid, tkm.AuditProduct,
	tkm.AuditLPJ, tkm.AuditReport, tkm.AuditFile,
	tkm.AuditCohortCreate, tkm.AuditCohortUpdate,
	tkm.AuditUserCreate, tkm.AuditUserUpdate,
	tkm.AuditLogin, tkm.AuditLoginFailed, tkm.AuditLogout, tkm.AuditSessionEnd, tkm.AuditKeyRotate,
}

// auditForm is the audit log's filter form as typed. A NIK travels only in
// a posted form, never in an address that browsers and proxies keep.
type auditForm struct {
	User, Group, NIK, Action, Since, Until, Limit string
}

// readAuditForm reads the filter from form values.
func readAuditForm(form url.Values) auditForm {
	get := func(k string) string { return strings.TrimSpace(form.Get(k)) }
	return auditForm{User: get("user"), Group: get("group"), NIK: get("nik"), Action: get("action"),
		Since: get("since"), Until: get("until"), Limit: get("limit")}
}

// Any reports whether any filter is set.
func (f auditForm) Any() bool { return f != auditForm{Limit: f.Limit} }

// values returns the filter as form values, leaving out the empty ones.
func (f auditForm) values() url.Values {
	v := url.Values{}
	for k, s := range map[string]string{"user": f.User, "group": f.Group, "nik": f.NIK, "action": f.Action,
		"since": f.Since, "until": f.Until, "limit": f.Limit} {
		if s != "" {
			v.Set(k, s)
		}
	}
	return v
}

// auditView is one page of the audit log with its filters.
type auditView struct {
	base
	Filter   auditForm
	Users    []option // the users to choose from, for an administrator; nil: type an ID
	Actions  []option
	Entries  []auditRow
	Next     string   // the next page's address, when the filter holds no NIK
	NextForm []hidden // the next page's posted form, when it does
}

// hidden is a hidden input of a form.
type hidden struct{ Name, Value string }

// auditRow is one entry of the log, worked out before the template runs.
type auditRow struct {
	At, Email, UserFilter string // UserFilter: the log of this user only
	Action, ActionCode    string
	Entity                string // "Anggota #34"; empty when the entry is about a group
	Group, GroupLink      string // "Kelompok #12" and its page; empty for none
	Changes               []string
	Note, IP              string
}

// auditPage shows the newest entries of the log, filtered by the address
// (any filter but a NIK, which only a posted form carries).
func (h *Handler) auditPage(w http.ResponseWriter, r *http.Request) error {
	if err := tkm.Authorize(r.Context(), tkm.ReadAudit); err != nil {
		return err
	}
	q := r.URL.Query()
	f := readAuditForm(q)
	f.NIK = ""
	return h.showAudit(w, r, f, q.Get("cursor"))
}

// auditSearch shows the log filtered by the posted form.
func (h *Handler) auditSearch(w http.ResponseWriter, r *http.Request) error {
	if err := writeForm(r, tkm.ReadAudit); err != nil {
		return err
	}
	return h.showAudit(w, r, readAuditForm(r.PostForm), r.PostForm.Get("cursor"))
}

// showAudit shows one page of the log. A filter it cannot use shows its
// problem above an empty list.
func (h *Handler) showAudit(w http.ResponseWriter, r *http.Request, f auditForm, cursor string) error {
	v := &auditView{base: h.base(w, r), Filter: f}
	if err := h.auditChoices(r, v); err != nil {
		return err
	}
	page, err := h.findAuditEntries(r, f, cursor)
	if err != nil {
		if v.Errors, err = v.formErrorsOf(err, auditField); err != nil {
			return err
		}
		h.render(w, r, http.StatusBadRequest, "audit", v)
		return nil
	}
	v.Entries = auditRows(v.printer, page.Items)
	if page.NextCursor != "" {
		v.nextPage(page.NextCursor)
	}
	return h.page(w, r, "audit", v)
}

// nextPage links the next page: by its address, or by a posted form that
// keeps the NIK out of the address.
func (v *auditView) nextPage(cursor string) {
	next := v.Filter.values()
	next.Set("cursor", cursor)
	if v.Filter.NIK == "" {
		v.Next = "/audit?" + next.Encode()
		return
	}
	for _, k := range slices.Sorted(maps.Keys(next)) {
		v.NextForm = append(v.NextForm, hidden{k, next.Get(k)})
	}
}

// auditChoices fills the filters' choices: the actions and, for an
// administrator, who may see every user, the users.
func (h *Handler) auditChoices(r *http.Request, v *auditView) error {
	v.Actions = make([]option, 0, len(auditActions)+1)
	for _, a := range auditActions {
		v.Actions = append(v.Actions, option{Value: a, Label: v.actionLabel(a)})
	}
	if a := v.Filter.Action; a != "" && !slices.Contains(auditActions, a) {
		v.Actions = append(v.Actions, option{Value: a, Label: v.actionLabel(a)})
	}
	if !tkm.Can(v.User, tkm.ManageUsers) {
		return nil
	}
	us, err := h.Users.FindUsers(r.Context(), tkm.UserFilter{})
	if err != nil {
		return err
	}
	v.Users = make([]option, len(us))
	for i, u := range us {
		v.Users[i] = option{Value: u.ID.String(), Label: u.Name + " (" + u.Email + ")"}
	}
	return nil
}

// findAuditEntries checks the filter and asks for one page of the log.
func (h *Handler) findAuditEntries(r *http.Request, f auditForm, cursor string) (*tkm.AuditPage, error) {
	af, err := h.auditFilter(f)
	if err != nil {
		return nil, err
	}
	af.Cursor = cursor
	return h.Audit.FindAuditEntries(r.Context(), af)
}

// auditFilter reads the filter form into a domain filter. Days are WIB
// days, and the last day counts whole.
func (h *Handler) auditFilter(f auditForm) (tkm.AuditFilter, error) {
	af := tkm.AuditFilter{NIK: f.NIK, Action: f.Action}
	var bad tkm.Fields
	af.UserID = formID(f.User, "user", &bad)
	af.GroupID = formID(f.Group, "group", &bad)
	if f.NIK != "" {
		if _, ferr := tkm.ParseNIK(f.NIK, h.Regions); ferr != nil {
			bad = append(bad, tkm.FieldError{Field: "nik", Code: ferr.Code, Message: ferr.Message, English: ferr.English})
		}
	}
	af.Since = formDay(f.Since, "since", &bad)
	if until := formDay(f.Until, "until", &bad); !until.IsZero() {
		af.Until = until.AddDate(0, 0, 1)
	}
	if f.Limit != "" {
		n, err := strconv.Atoi(f.Limit)
		if err != nil || n < 1 || n > tkm.MaxLimit {
			bad.Add("limit", "limit_invalid", "Jumlah per halaman harus 1 sampai 500.", "Page size must be 1 to 500.")
		}
		af.Limit = n
	}
	if err := bad.Err(); err != nil {
		err.(*tkm.Error).Code = tkm.EMALFORMED
		return af, err
	}
	return af, nil
}

// formID reads an optional ID typed in a form.
func formID(s, field string, bad *tkm.Fields) tkm.ID {
	if s == "" {
		return 0
	}
	id, err := tkm.ParseID(s)
	if err != nil {
		bad.Add(field, "id_invalid", "ID harus berupa angka, mis. 12.", "An ID is a number, e.g. 12.")
	}
	return id
}

// formDay reads an optional YYYY-MM-DD day as its first moment in WIB.
func formDay(s, field string, bad *tkm.Fields) time.Time {
	if s == "" {
		return time.Time{}
	}
	d, err := tkm.ParseDate(s)
	if err != nil {
		bad.Add(field, "date_invalid", "Tanggal tidak sah; tulis TTTT-BB-HH, mis. 2024-11-19.",
			"Invalid date; write YYYY-MM-DD, e.g. 2024-11-19.")
		return time.Time{}
	}
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, wib)
}

// auditField maps a filter problem to its input; the cursor has none.
func auditField(field string) (string, string) {
	switch field {
	case "user", "group", "nik", "action", "since", "until":
		return field, ""
	}
	return "", ""
}

// auditRows fills the table's rows.
func auditRows(p printer, es []*tkm.AuditEntry) []auditRow {
	rows := make([]auditRow, len(es))
	for i, e := range es {
		row := auditRow{At: p.moment(e.At, true), Email: e.UserEmail, Action: p.actionLabel(e.Action),
			ActionCode: e.Action, Changes: changeLines(e.Changes), Note: e.Note, IP: e.IP}
		if e.UserID != 0 {
			row.UserFilter = "/audit?user=" + e.UserID.String()
		}
		if e.GroupID != 0 {
			row.Group, row.GroupLink = p.T("audit.entity.group")+" #"+e.GroupID.String(), "/kelompok/"+e.GroupID.String()
		}
		if e.Entity != "group" || e.GroupID == 0 {
			row.Entity = p.labelOr("audit.entity."+e.Entity, e.Entity)
			if e.EntityID != 0 {
				row.Entity += " #" + e.EntityID.String()
			}
		}
		rows[i] = row
	}
	return rows
}

// actionLabel names an audit action; one the catalog does not know yet
// shows its code.
func (p printer) actionLabel(action string) string {
	return p.labelOr("audit.action."+action, action)
}

// labelOr returns the catalog text of key, or fallback without one.
func (p printer) labelOr(key, fallback string) string {
	if s, ok := p.texts[key]; ok {
		return s
	}
	return fallback
}

// changeLines writes each changed field as "field: old → new", by field.
func changeLines(cs map[string]tkm.Change) []string {
	if len(cs) == 0 {
		return nil
	}
	lines := make([]string, 0, len(cs))
	for _, k := range slices.Sorted(maps.Keys(cs)) {
		lines = append(lines, k+": "+changeValue(cs[k].Old)+" → "+changeValue(cs[k].New))
	}
	return lines
}

// changeValue writes one value of a change as the log's JSON holds it.
func changeValue(v any) string {
	switch v := v.(type) {
	case nil:
		return "—"
	case string:
		if v == "" {
			return "—"
		}
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "?"
	}
	return string(b)
}
