package ui

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"tkm"
)

// exportLists are the lists to download, by their name in the address:
// /ekspor/kelompok.xlsx, /ekspor/anggota.csv.
var exportLists = map[string]string{"kelompok": "groups", "anggota": "members"}

// exportTypes are the formats to download, with their media types.
var exportTypes = map[string]string{"xlsx": xlsxType, "csv": "text/csv; charset=utf-8"}

// fullNIKExport is the address of the members' export with full NIKs: a
// form posts to it, so that the choice is confirmed and no NIK (a search
// may be one) ever sits in an address.
const fullNIKExport = "/ekspor/anggota-nik-lengkap.xlsx"

// download is a link to the list as a file.
type download struct{ Href, Label string }

// nikExportForm is the form that downloads the members with full NIKs:
// the list's filters, and the box that confirms the need.
type nikExportForm struct {
	Action string
	Hidden []hiddenField
	Errors *formErrors
}

// hiddenField carries a value through a form unseen.
type hiddenField struct{ Name, Value string }

// nikExportView is the confirmation asked again when the box was not ticked.
type nikExportView struct {
	base
	Back string
	Form nikExportForm
}

// filterOf reads the list's filters from a query or a posted form.
func filterOf(q url.Values) listFilter {
	return listFilter{Cohort: q.Get("cohort"), Year: q.Get("year"), Province: q.Get("province"), Stage: q.Get("stage"), Q: q.Get("q"),
		Limit: q.Get("limit")}
}

// exportQuery is the list's filters for a download: every page, so no
// page size.
func (f listFilter) exportQuery() url.Values {
	v := f.values()
	v.Del("limit")
	return v
}

// downloads are the links to the list as files, with its filters.
func (v *groupListView) downloads() []download {
	q := v.Filter.exportQuery().Encode()
	if q != "" {
		q = "?" + q
	}
	var ds []download
	for _, l := range []string{"kelompok", "anggota"} {
		for _, f := range []string{"xlsx", "csv"} {
			ds = append(ds, download{Href: "/ekspor/" + l + "." + f + q, Label: v.T("export." + l + "." + f)})
		}
	}
	return ds
}

// nikForm is the full-NIK export form for the list's filters.
func nikForm(f listFilter, errs *formErrors) *nikExportForm {
	form := &nikExportForm{Action: fullNIKExport, Errors: errs}
	q := f.exportQuery()
	for _, k := range []string{"cohort", "year", "province", "stage", "q"} {
		if s := q.Get(k); s != "" {
			form.Hidden = append(form.Hidden, hiddenField{Name: k, Value: s})
		}
	}
	return form
}

// export streams the groups or the members that match the filters in its
// address, within the user's scope, NIKs masked.
func (h *Handler) export(w http.ResponseWriter, r *http.Request) error {
	name, format, _ := strings.Cut(r.PathValue("file"), ".")
	list, ok := exportLists[name]
	if _, typed := exportTypes[format]; !ok || !typed {
		return tkm.Errorf(tkm.ENOTFOUND, "Halaman tidak ditemukan.", "Page not found.")
	}
	if err := tkm.Authorize(r.Context(), tkm.Export); err != nil {
		return err
	}
	f, err := h.exportFilter(filterOf(r.URL.Query()))
	if err != nil {
		return err
	}
	return h.streamExport(w, r, list, format, "tkm-"+name, f, false)
}

// exportFullNIK streams the members with their full NIKs, once the user
// confirmed the need; the export names every NIK in the audit log.
func (h *Handler) exportFullNIK(w http.ResponseWriter, r *http.Request) error {
	if err := tkm.Authorize(r.Context(), tkm.Export); err != nil {
		return err
	}
	if err := writeForm(r, tkm.ReadNIK); err != nil {
		return err
	}
	lf := filterOf(r.PostForm)
	f, err := h.exportFilter(lf)
	if err != nil {
		return err
	}
	if r.PostForm.Get("confirm") == "" {
		return h.confirmNIKExport(w, r, lf)
	}
	return h.streamExport(w, r, "members", "xlsx", "tkm-anggota-nik-lengkap", f, true)
}

// confirmNIKExport asks again for the confirmation the form was sent without.
func (h *Handler) confirmNIKExport(w http.ResponseWriter, r *http.Request, lf listFilter) error {
	v := &nikExportView{base: h.base(w, r), Back: "/kelompok"}
	if q := lf.values().Encode(); q != "" {
		v.Back += "?" + q
	}
	var bad tkm.Fields
	bad.Add("confirm", "required", "Centang pernyataan ini bila Anda memang membutuhkan NIK lengkap.",
		"Tick this statement if you do need the full NIKs.")
	v.Errors, _ = v.formErrorsOf(bad.Err(), sameField) // an EINVALID error: always a form's
	v.Form = *nikForm(lf, v.Errors)
	h.render(w, r, http.StatusUnprocessableEntity, "export_nik", v)
	return nil
}

// exportFilter checks a download's filters.
func (h *Handler) exportFilter(lf listFilter) (tkm.GroupFilter, error) {
	lf.Limit = ""
	f, err := h.groupFilter(lf)
	return f, downloadError(err)
}

// downloadError turns the problems of a download's filters into one
// message: a download has no form to show them beside.
func downloadError(err error) error {
	if err == nil {
		return nil
	}
	var e *tkm.Error
	var id, en []string
	if errors.As(err, &e) {
		for _, fe := range e.Fields {
			id, en = append(id, fe.Message), append(en, fe.English)
		}
	}
	return &tkm.Error{Code: tkm.EMALFORMED, Message: "Saringan unduhan tidak dapat dipakai: " + strings.Join(id, " "),
		English: "The download's filters cannot be used: " + strings.Join(en, " ")}
}

// streamExport writes a list as it comes from the database, a row at a
// time: the file is never whole in memory, however long the list. Until
// its first byte goes out, a failure shows the error page; after that,
// the download is cut off, so that no browser keeps a truncated file as
// if it were whole.
func (h *Handler) streamExport(w http.ResponseWriter, r *http.Request, list, format, name string, f tkm.GroupFilter, fullNIK bool) error {
	name += "-" + time.Now().In(wib).Format("20060102-150405") + "." + format
	downloadHeaders(w, exportTypes[format], name)
	out := &sentWriter{w: w}
	err := h.writeExport(r.Context(), out, list, format, f, fullNIK)
	switch {
	case err == nil:
		return nil
	case !out.sent:
		w.Header().Del("Content-Disposition") // the error page is to be seen, not saved
		return err
	}
	h.Logger.ErrorContext(r.Context(), "ui: export cut off", "err", err, "path", r.URL.Path)
	// net/http's own way to end a response unfinished: the client sees a
	// broken download, and the server's recovery lets it through.
	panic(http.ErrAbortHandler)
}

// writeExport writes the list through a spreadsheet writer; it leaves
// the file unfinished if the list fails.
func (h *Handler) writeExport(ctx context.Context, out io.Writer, list, format string, f tkm.GroupFilter, fullNIK bool) error {
	header, text := tkm.GroupExportHeader, tkm.GroupExportText
	if list == "members" {
		header, text = tkm.MemberExportHeader, tkm.MemberExportText
	}
	sw, err := h.Sheets.NewWriter(out, format, header, text...)
	if err != nil {
		return err
	}
	if list == "members" {
		err = h.Exports.ExportMembers(ctx, f, fullNIK, func(g *tkm.Group, m *tkm.Member) error {
			return sw.Write(tkm.MemberExportRow(g, m))
		})
	} else {
		err = h.Exports.ExportGroups(ctx, f, func(g *tkm.Group) error { return sw.Write(tkm.GroupExportRow(g, h.Regions)) })
	}
	if err != nil {
		return err
	}
	return sw.Close()
}

// sentWriter notes whether anything was written.
type sentWriter struct {
	w    io.Writer
	sent bool
}

func (s *sentWriter) Write(p []byte) (int, error) {
	s.sent = s.sent || len(p) > 0
	return s.w.Write(p)
}
