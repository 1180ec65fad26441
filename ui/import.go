package ui

import (
	"bytes"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"

	"tkm"
)

// maxImportBody caps the upload of an import: the file (the job service
// takes 64 MB at most) and its form.
const maxImportBody = 65 << 20

// importAccept is what the file input offers: CSV and XLSX.
const importAccept = ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// xlsxType is the media type of an XLSX file.
const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// importView is the upload page: the form, and how to fill the file.
type importView struct {
	base
	Form    importForm
	Cohorts []option
	Columns []importColumn
	Accept  string
}

// importForm is the upload form as sent. The file is never shown back: a
// browser cannot be given one to send again.
type importForm struct {
	CohortID        string
	DryRun, Partial string // "1" when ticked
	chosen          bool   // a file was chosen, even an empty one
	name            string
	data            []byte
}

// importColumn is one column of the import file, explained.
type importColumn struct{ Name, About string }

// importPage shows the upload form.
func (h *Handler) importPage(w http.ResponseWriter, r *http.Request) error {
	if err := tkm.Authorize(r.Context(), tkm.ImportGroups); err != nil {
		return err
	}
	v, err := h.importView(w, r, importForm{})
	if err != nil {
		return err
	}
	return h.page(w, r, "import", v)
}

// importView fills the upload page around the form f.
func (h *Handler) importView(w http.ResponseWriter, r *http.Request, f importForm) (*importView, error) {
	cs, err := h.Cohorts.FindCohorts(r.Context())
	if err != nil {
		return nil, err
	}
	v := &importView{base: h.base(w, r), Form: f, Cohorts: cohortOptions(cs), Accept: importAccept}
	for _, c := range tkm.ImportColumns {
		v.Columns = append(v.Columns, importColumn{Name: c, About: v.T("import.column." + c)})
	}
	return v, nil
}

// importCreate queues the uploaded file for the server's worker and sends
// the browser to the job's page, where it watches the import run. As the
// API does, the right is checked before a byte of the file is read.
func (h *Handler) importCreate(w http.ResponseWriter, r *http.Request) error {
	if err := tkm.Authorize(r.Context(), tkm.ImportGroups); err != nil {
		return err
	}
	f, err := readImportForm(r)
	if err != nil {
		return h.importFailed(w, r, f, err)
	}
	res, err := h.Imports.CreateImportJob(r.Context(), f.options(), f.name, f.data)
	if err != nil {
		return h.importFailed(w, r, f, err)
	}
	setFlash(w, flash{key: "import.queued.flash", arg: f.name})
	return redirect(w, r, "/impor/"+res.ID.String())
}

// importFailed shows the form again with its problems: a file too large
// is a problem of the file input, not an error page.
func (h *Handler) importFailed(w http.ResponseWriter, r *http.Request, f importForm, err error) error {
	f.data = nil
	status := failStatus(err)
	switch tkm.ErrorCode(err) {
	case tkm.ETOOLARGE:
		status, err = http.StatusRequestEntityTooLarge, fileProblem(err)
	case tkm.EMALFORMED:
		status = http.StatusBadRequest
	}
	v, verr := h.importView(w, r, f)
	if verr != nil {
		return verr
	}
	if v.Errors, err = v.formErrorsOf(err, sameField); err != nil {
		return err
	}
	h.render(w, r, status, "import", v)
	return nil
}

// readImportForm reads the parts file, cohort_id, dry_run and partial,
// and checks that a cohort and a file were chosen.
func readImportForm(r *http.Request) (importForm, error) {
	var f importForm
	mr, err := r.MultipartReader()
	if err != nil {
		return f, f.check() // not a multipart form: nothing was chosen
	}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		} else if err != nil {
			return f, importUploadError(err)
		}
		if err := f.read(part); err != nil {
			return f, importUploadError(err)
		}
	}
	return f, f.check()
}

// read takes one part of the form.
func (f *importForm) read(part *multipart.Part) error {
	if part.FormName() == "file" {
		if part.FileName() == "" {
			return nil // the input sent with no file chosen
		}
		var buf bytes.Buffer
		_, err := buf.ReadFrom(part)
		f.chosen, f.name, f.data = true, cleanName(part.FileName()), buf.Bytes()
		return err
	}
	b, err := io.ReadAll(io.LimitReader(part, 100))
	if err != nil {
		return err
	}
	switch v := strings.TrimSpace(string(b)); part.FormName() {
	case "cohort_id":
		f.CohortID = v
	case "dry_run":
		f.DryRun = ticked(v)
	case "partial":
		f.Partial = ticked(v)
	}
	return nil
}

// ticked is "1" for the value of a ticked box.
func ticked(v string) string {
	if b, err := strconv.ParseBool(v); err == nil && b || v == "on" || v == "ya" {
		return "1"
	}
	return ""
}

// check reports a form sent without a cohort or without a file.
func (f *importForm) check() error {
	var bad tkm.Fields
	if _, err := tkm.ParseID(f.CohortID); err != nil {
		bad.Add("cohort_id", "required", "Pilih angkatan.", "Choose a cohort.")
	}
	if !f.chosen {
		bad.Add("file", "required", "Pilih berkas CSV atau XLSX untuk diunggah.", "Choose a CSV or XLSX file to upload.")
	}
	return bad.Err()
}

// options are the import's options, the form once checked.
func (f *importForm) options() tkm.ImportOptions {
	id, _ := tkm.ParseID(f.CohortID)
	return tkm.ImportOptions{CohortID: id, DryRun: f.DryRun != "", Partial: f.Partial != ""}
}

// importUploadError says why an upload could not be read.
func importUploadError(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return tkm.Errorf(tkm.ETOOLARGE, "Berkas impor paling besar 64 MB.", "An import file may be at most 64 MB.")
	}
	return tkm.Errorf(tkm.EMALFORMED, "Unggahan tidak dapat dibaca.", "The upload cannot be read.")
}

// importTemplate sends the import template.
func (h *Handler) importTemplate(w http.ResponseWriter, r *http.Request) error {
	if err := tkm.Authorize(r.Context(), tkm.ImportGroups); err != nil {
		return err
	}
	return h.sendTemplate(w)
}

// sendTemplate sends the import template: the officers' and the leaders'.
func (h *Handler) sendTemplate(w http.ResponseWriter) error {
	var buf bytes.Buffer
	if err := h.Sheets.Template(&buf); err != nil {
		return err
	}
	return sendDownload(w, xlsxType, "templat-impor-tkm.xlsx", buf.Bytes())
}

// sendDownload sends a file to save, which no cache keeps: an import file
// and its error copy hold full NIKs.
func sendDownload(w http.ResponseWriter, ctype, name string, data []byte) error {
	downloadHeaders(w, ctype, name)
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	_, err := w.Write(data)
	return err
}

// downloadHeaders names a file to save, of its own type, kept by no cache.
func downloadHeaders(w http.ResponseWriter, ctype, name string) {
	hd := w.Header()
	hd.Set("Content-Type", ctype)
	hd.Set("Content-Disposition", contentDisposition("attachment", name))
	hd.Set("Cache-Control", "no-store")
	hd.Set("X-Content-Type-Options", "nosniff")
}
