package ui

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"tkm"
)

// personView is the form that hands out everything held about one person
// (UU 27/2022). The NIK travels only in the posted form.
type personView struct {
	base
	NIK string
}

// personPage shows the form.
func (h *Handler) personPage(w http.ResponseWriter, r *http.Request) error {
	if err := tkm.Authorize(r.Context(), tkm.ReportPerson); err != nil {
		return err
	}
	return h.page(w, r, "person", &personView{base: h.base(w, r)})
}

// personReport answers the form with the report as a JSON file to keep;
// the request is recorded in the audit log. A NIK that cannot be one shows
// the form again with the problem.
func (h *Handler) personReport(w http.ResponseWriter, r *http.Request) error {
	if err := writeForm(r, tkm.ReportPerson); err != nil {
		return err
	}
	nik := strings.TrimSpace(r.PostForm.Get("nik"))
	if _, ferr := tkm.ParseNIK(nik, h.Regions); ferr != nil {
		v := &personView{base: h.base(w, r), NIK: nik}
		f := tkm.Fields{{Field: "nik", Code: ferr.Code, Message: ferr.Message, English: ferr.English}}
		v.Errors, _ = v.formErrorsOf(f.Err(), sameField) // an EINVALID error: always a form's
		h.render(w, r, http.StatusUnprocessableEntity, "person", v)
		return nil
	}
	report, err := h.Persons.PersonReport(r.Context(), nik)
	if err != nil {
		return err
	}
	return writeReport(w, report)
}

// writeReport sends the report as a file that no cache keeps.
func writeReport(w http.ResponseWriter, report *tkm.PersonReport) error {
	b, err := json.MarshalIndent(report, "", "  ")
	if err != nil {
		return err
	}
	b = append(b, '\n')
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="data-pribadi-`+report.GeneratedAt.Format("20060102-150405")+`.json"`)
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(http.StatusOK)
	w.Write(b)
	return nil
}
