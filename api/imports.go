package api

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"tkm"
)

// maxImportBody caps an import upload: the 64 MB file and its form.
const maxImportBody = 65 << 20

// importForm is what POST /imports reads from its multipart body.
type importForm struct {
	opt  tkm.ImportOptions
	name string
	data []byte
}

func (a *API) createImport(w http.ResponseWriter, r *http.Request) error {
	form, err := readImportForm(w, r)
	if err != nil {
		return err
	}
	res, err := a.Imports.CreateImportJob(r.Context(), form.opt, form.name, form.data)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, res)
}

// readImportForm reads the parts file, cohort_id, dry_run and partial.
func readImportForm(w http.ResponseWriter, r *http.Request) (*importForm, error) {
	r.Body = http.MaxBytesReader(w, r.Body, maxImportBody)
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, noFile()
	}
	f := &importForm{}
	var bad tkm.Fields
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		} else if err != nil {
			return nil, uploadError(err)
		}
		if err := f.read(part.FormName(), part.FileName(), part, &bad); err != nil {
			return nil, uploadError(err)
		}
	}
	if f.data == nil {
		return nil, noFile()
	}
	if err := bad.Err(); err != nil {
		return nil, err
	}
	return f, nil
}

func (f *importForm) read(field, fileName string, r io.Reader, bad *tkm.Fields) error {
	if field == "file" {
		var buf bytes.Buffer
		_, err := buf.ReadFrom(r)
		f.name, f.data = cleanName(fileName), buf.Bytes()
		return err
	}
	v, err := io.ReadAll(io.LimitReader(r, 100))
	if err != nil {
		return err
	}
	switch s := string(v); field {
	case "cohort_id":
		if f.opt.CohortID, err = tkm.ParseID(s); err != nil {
			bad.Add("cohort_id", "id_invalid", "Pilih angkatan.", "Choose a cohort.")
		}
	case "dry_run":
		f.opt.DryRun = truthy(s)
	case "partial":
		f.opt.Partial = truthy(s)
	}
	return nil
}

func truthy(s string) bool {
	b, err := strconv.ParseBool(s)
	return err == nil && b || s == "on" || s == "ya"
}

func uploadError(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return tkm.Errorf(tkm.ETOOLARGE, "Berkas impor paling besar 64 MB.", "An import file may be at most 64 MB.")
	}
	return tkm.Errorf(tkm.EMALFORMED, "Unggahan tidak dapat dibaca.", "The upload cannot be read.")
}

func (a *API) getImport(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	res, err := a.Imports.FindImportJob(r.Context(), id)
	if err != nil {
		return err
	}
	if english(r) {
		for i := range res.Errors {
			res.Errors[i].Message = res.Errors[i].English
		}
	}
	return writeJSON(w, http.StatusOK, res)
}

// importErrors sends a copy of the import file with an error column.
func (a *API) importErrors(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	byRow := map[int]string{}
	err = a.Imports.ImportJobErrors(r.Context(), id, func(e tkm.RowError) error {
		if byRow[e.Row] != "" {
			byRow[e.Row] += "; "
		}
		byRow[e.Row] += fmt.Sprintf("%s: %s", e.Column, e.Message)
		return nil
	})
	if err != nil {
		return err
	}
	_, data, err := a.Imports.ImportJobFile(r.Context(), id)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := a.Sheets.Annotate(&buf, bytes.NewReader(data), int64(len(data)), byRow); err != nil {
		return err
	}
	return sendFile(w, xlsxType, fmt.Sprintf("kesalahan-impor-%s.xlsx", id), buf.Bytes())
}

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

func sendFile(w http.ResponseWriter, ctype, name string, data []byte) error {
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	_, err := w.Write(data)
	return err
}

func (a *API) importTemplate(w http.ResponseWriter, r *http.Request) error {
	var buf bytes.Buffer
	if err := a.Sheets.Template(&buf); err != nil {
		return err
	}
	return sendFile(w, xlsxType, "templat-impor-tkm.xlsx", buf.Bytes())
}
