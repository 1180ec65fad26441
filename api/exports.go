package api

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"tkm"
)

var exportQuery = append([]param{{"format", "csv or xlsx (default xlsx)"},
	{"nik", "members: \"full\" for full NIKs (recorded in the audit log)"}}, groupQuery[:5]...)

// export streams the groups or the members matching the list's filters.
func (a *API) export(w http.ResponseWriter, r *http.Request) error {
	list := r.PathValue("list")
	format := r.URL.Query().Get("format")
	if format == "" {
		format = "xlsx"
	}
	if (list != "groups" && list != "members") || (format != "csv" && format != "xlsx") {
		return tkm.Errorf(tkm.ENOTFOUND, "Ekspor tersedia untuk groups atau members, sebagai csv atau xlsx.",
			"Exports are of groups or members, as csv or xlsx.")
	}
	f, err := a.groupFilter(r)
	if err != nil {
		return err
	}
	full := r.URL.Query().Get("nik") == "full"
	header, text := tkm.GroupExportHeader, tkm.GroupExportText
	if list == "members" {
		header, text = tkm.MemberExportHeader, tkm.MemberExportText
	}
	name := fmt.Sprintf("tkm-%s-%s.%s", list, time.Now().UTC().Format("20060102-150405"), format)
	ctype := xlsxType
	if format == "csv" {
		ctype = "text/csv; charset=utf-8"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "no-store")
	sw, err := a.Sheets.NewWriter(w, format, header, text...)
	if err != nil {
		return err
	}
	if list == "members" {
		err = a.Exports.ExportMembers(r.Context(), f, full, func(g *tkm.Group, m *tkm.Member) error {
			return sw.Write(tkm.MemberExportRow(g, m))
		})
	} else {
		err = a.Exports.ExportGroups(r.Context(), f, func(g *tkm.Group) error { return sw.Write(tkm.GroupExportRow(g, a.Regions)) })
	}
	return errors.Join(err, sw.Close())
}
