package api

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"tkm"
)

var auditQuery = []param{
	{"user", "user ID"}, {"group", "group ID"}, {"nik", "a person's 16-digit NIK"},
	{"action", "e.g. group.update, nik.view, auth.login"},
	{"since", "from this time (RFC 3339) or day (YYYY-MM-DD)"}, {"until", "before this time or day"},
	{"limit", "page size, 1 to 500 (default 50)"}, {"cursor", "next_cursor of the previous page"},
}

func (a *API) listAudit(w http.ResponseWriter, r *http.Request) error {
	f, err := auditFilter(r)
	if err != nil {
		return err
	}
	page, err := a.Audit.FindAuditEntries(r.Context(), f)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, page)
}

// auditFilter reads and checks the audit log's filters.
func auditFilter(r *http.Request) (tkm.AuditFilter, error) {
	q := r.URL.Query()
	f := tkm.AuditFilter{NIK: strings.TrimSpace(q.Get("nik")), Action: q.Get("action"), Cursor: q.Get("cursor")}
	var bad tkm.Fields
	f.UserID = queryID(q.Get("user"), "user", &bad)
	f.GroupID = queryID(q.Get("group"), "group", &bad)
	f.Since = queryTime(q.Get("since"), "since", &bad)
	f.Until = queryTime(q.Get("until"), "until", &bad)
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > tkm.MaxLimit {
			bad.Add("limit", "limit_invalid", "limit harus 1 sampai 500.", "limit must be 1 to 500.")
		}
		f.Limit = n
	}
	if err := bad.Err(); err != nil {
		err.(*tkm.Error).Code = tkm.EMALFORMED
		return f, err
	}
	return f, nil
}

func queryID(s, field string, bad *tkm.Fields) tkm.ID {
	if s == "" {
		return 0
	}
	id, err := tkm.ParseID(s)
	if err != nil {
		bad.Add(field, "id_invalid", "ID tidak sah.", "Invalid ID.")
	}
	return id
}

func queryTime(s, field string, bad *tkm.Fields) time.Time {
	if s == "" {
		return time.Time{}
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t
	}
	if d, err := tkm.ParseDate(s); err == nil {
		return d.Time()
	}
	bad.Add(field, "time_invalid", "Waktu harus RFC 3339 atau TTTT-BB-HH.", "Time must be RFC 3339 or YYYY-MM-DD.")
	return time.Time{}
}
