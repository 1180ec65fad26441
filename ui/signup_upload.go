package ui

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"

	"tkm"
)

// On the group step a leader may upload the import template the officers
// use instead of typing the members: the file fills the group form in, and
// the leader checks it and sends it as if typed. Nothing is saved before.

// maxSignupUpload caps the body of a leader's upload: a group of a hundred
// members takes a few dozen kilobytes.
const maxSignupUpload = 2 << 20

// signupUpload shows the group form filled in from the uploaded file,
// with every problem of the file located by row and column; a file that
// cannot be read, or holds more than one group, is refused whole.
func (h *Handler) signupUpload(w http.ResponseWriter, r *http.Request) error {
	c, code, err := h.signupChoices(r)
	if err != nil || c == nil || code == "" {
		return h.restartSignupAt(w, r, c, err)
	}
	f := &groupForm{CohortID: c.ID.String(), Province: tkm.ProvinceOf(code), RegionCode: code}
	name, gf, err := h.readGroupFile(r)
	if err != nil {
		f.addRows(min(max(c.GroupSizeMax, 1), tkm.MaxMembers))
		status, err := uploadStatus(err)
		return h.showSignupGroup(w, r, status, c, f, err)
	}
	gf.Errors = append(gf.Errors, h.fileRegion(gf, code)...)
	f.fill(gf)
	v := h.signupGroupView(w, r, c, f)
	v.Uploaded, v.Errors = name, fileErrors(v.printer, gf)
	h.render(w, r, statusOf(len(gf.Errors) == 0), "signup_group", v)
	return nil
}

// statusOf is 200 for a file without problems, else 422.
func statusOf(clean bool) int {
	if clean {
		return http.StatusOK
	}
	return http.StatusUnprocessableEntity
}

// uploadStatus is the status of a refused file, and its problem as one of
// the file input: a file too large is not an error page.
func uploadStatus(err error) (int, error) {
	switch tkm.ErrorCode(err) {
	case tkm.ETOOLARGE:
		return http.StatusRequestEntityTooLarge, fileProblem(err)
	case tkm.EMALFORMED:
		return http.StatusBadRequest, err
	}
	return failStatus(err), err
}

// readGroupFile reads the uploaded file's one group, a few files at a time
// (an XLSX is unzipped to be read).
func (h *Handler) readGroupFile(r *http.Request) (string, *tkm.GroupFile, error) {
	name, data, err := uploadedFile(r)
	if err != nil {
		return "", nil, err
	}
	release, err := h.takeSlot(r)
	if err != nil {
		return "", nil, err
	}
	defer release()
	src, err := h.Sheets.Open(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", nil, err
	}
	defer src.Close()
	gf, err := tkm.ReadGroupFile(src, h.Regions, tkm.Today(time.Now()))
	return name, gf, err
}

// uploadedFile reads the form's input "file".
func uploadedFile(r *http.Request) (string, []byte, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return "", nil, noFile()
	}
	for {
		part, err := mr.NextPart()
		if err != nil {
			return "", nil, signupUploadError(err)
		}
		if part.FormName() != "file" {
			continue
		}
		if part.FileName() == "" {
			return "", nil, noFile()
		}
		data, err := io.ReadAll(part)
		if err != nil {
			return "", nil, signupUploadError(err)
		}
		return cleanName(part.FileName()), data, nil
	}
}

// signupUploadError says why an upload could not be read.
func signupUploadError(err error) error {
	var tooBig *http.MaxBytesError
	switch {
	case err == io.EOF:
		return noFile()
	case errors.As(err, &tooBig):
		return tkm.Errorf(tkm.ETOOLARGE, "Berkas paling besar 2 MB.", "The file may be at most 2 MB.")
	}
	return tkm.Errorf(tkm.EMALFORMED, "Unggahan tidak dapat dibaca.", "The upload cannot be read.")
}

// signupFields maps a problem of the file as a whole, or of one of its
// rows, to the file input; every other problem as m does.
func signupFields(m fieldMap) fieldMap {
	return func(field string) (string, string) {
		if field == "file" || strings.HasPrefix(field, "row ") {
			return "file", ""
		}
		return m(field)
	}
}

// fileRegion reports a group whose kode_wilayah lies outside the regency
// chosen: the group is registered where the leader chose.
func (h *Handler) fileRegion(gf *tkm.GroupFile, code string) []tkm.RowError {
	got := gf.Group.RegionCode
	if got == "" || len(gf.Rows) == 0 || tkm.WithinRegion(got, code) || !h.isRegion(got) {
		return nil
	}
	where := regionPath(h.Regions, code)
	return []tkm.RowError{{Row: gf.Rows[0], Column: "kode_wilayah", Code: "region_other",
		Message: "Wilayah " + got + " tidak berada di " + where + " yang Anda pilih; kelompok didaftarkan di " + where + ". Ubah wilayah di atas bila perlu.",
		English: "Region " + got + " is not in " + where + ", which you chose; the group is registered in " + where + ". Change the region above if need be."}}
}

// fill puts the file's group and members in the form.
func (f *groupForm) fill(gf *tkm.GroupFile) {
	f.Name, f.Sector, f.Phone = gf.Group.Name, gf.Group.Sector, tkm.FormatPhone(gf.Group.Phone)
	f.Members = nil
	for _, m := range gf.Members {
		f.Members = append(f.Members, memberFormOf(&m))
	}
}

// Where the values of a file's columns go on the group form.
var (
	groupColumnInput  = map[string]string{"nama_kelompok": "name", "bidang_usaha": "sector", "telepon_kelompok": "phone"}
	memberColumnInput = map[string]string{"nik": "nik", "nama": "name", "jenis_kelamin": "sex", "tanggal_lahir": "birth_date",
		"telepon": "phone", "alamat": "address", "peran": "role", "status_kerja": "employment"}
)

// fileErrors lists the problems of a file in its rows' order, each named
// by row and column ("Baris 4, kolom nik: ") and shown beside the input
// its value went to.
func fileErrors(p printer, gf *tkm.GroupFile) *formErrors {
	if len(gf.Errors) == 0 {
		return nil
	}
	fe := &formErrors{byField: map[string]string{}}
	for _, e := range gf.Errors {
		fe.add(fileInput(e, gf.Rows), p.T("signup.upload.cell", e.Row, e.Column), p.pick(e.Message, e.English))
	}
	return fe
}

// fileInput is the form input holding the value of e's cell, or "".
func fileInput(e tkm.RowError, rows []int) string {
	i := slices.Index(rows, e.Row)
	switch {
	case i < 0:
		return ""
	case groupColumnInput[e.Column] != "":
		return groupColumnInput[e.Column]
	case memberColumnInput[e.Column] != "":
		return memberPrefix(i) + memberColumnInput[e.Column]
	}
	return ""
}

// signupTemplate sends a leader the import template the officers use.
func (h *Handler) signupTemplate(w http.ResponseWriter, r *http.Request) error {
	if err := leader(r); err != nil {
		return err
	}
	return h.sendTemplate(w)
}
