package ui

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"tkm"
)

// maxUploadBody caps a request that uploads a file.
const maxUploadBody = 12 << 20

// imageSlots is how many uploads are checked at once: a large photo may
// take hundreds of megabytes while it is decoded.
const imageSlots = 2

// upload reads the file posted in the multipart form's input "file"
// through read (which checks its content), once the user may attach a
// file to owner ("product", "lpj", "report") with that ID: as the API does,
// the right is checked before a byte of the file is read, and only a few
// uploads are decoded at once.
func (h *Handler) upload(r *http.Request, owner string, id tkm.ID, read func(io.Reader) (*tkm.File, error)) (*tkm.File, error) {
	if err := h.Files.CanAttach(r.Context(), owner, id); err != nil {
		return nil, err
	}
	release, err := h.takeSlot(r)
	if err != nil {
		return nil, err
	}
	defer release()
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, noFile()
	}
	for {
		part, err := mr.NextPart()
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			return nil, tkm.Errorf(tkm.ETOOLARGE, "Berkas melebihi 12 MB.", "The file is over 12 MB.")
		case err == io.EOF:
			return nil, noFile()
		case err != nil:
			return nil, tkm.Errorf(tkm.EMALFORMED, "Unggahan tidak dapat dibaca.", "The upload cannot be read.")
		}
		if part.FormName() != "file" {
			continue
		}
		if part.FileName() == "" {
			return nil, noFile()
		}
		f, err := read(part)
		if err != nil {
			return nil, err
		}
		f.Name = cleanName(part.FileName())
		return f, nil
	}
}

// takeSlot waits for one of the few uploads checked at once, and returns
// the function that gives it back.
func (h *Handler) takeSlot(r *http.Request) (func(), error) {
	select {
	case h.slots <- struct{}{}:
		return func() { <-h.slots }, nil
	case <-r.Context().Done():
		return nil, r.Context().Err()
	}
}

// noFile is the problem of a form sent without a file.
func noFile() error {
	var f tkm.Fields
	f.Add("file", "required", "Pilih berkas untuk diunggah.", "Choose a file to upload.")
	return f.Err()
}

// cleanName keeps a file name safe to show and to send back in a header.
func cleanName(name string) string {
	out := make([]rune, 0, len(name))
	for _, c := range name {
		if c >= ' ' && c != '"' && c != '\\' && c != '/' && c != 0x7f {
			out = append(out, c)
		}
	}
	if len(out) > 120 {
		out = out[len(out)-120:]
	}
	return string(out)
}

// uploadView is a page that takes files for a group's product, LPJ or
// monitoring report, and shows those it already holds.
type uploadView struct {
	base
	Group        *tkm.Group
	Title, Intro string
	Label, Hint  string // catalog keys of the file input
	Accept       string // the types the file input offers
	Submit       string
	Action, Back string
	Photos       []photoLine // images already kept
	Files        []fileLine  // attachments already kept
	Empty        string      // what to say when there is none yet
}

// showUpload shows an upload page, with the problems of err if any: a
// file too large is one of them, not an error page.
func (h *Handler) showUpload(w http.ResponseWriter, r *http.Request, v *uploadView, err error) error {
	status := http.StatusOK
	if err != nil {
		status = failStatus(err)
		if tkm.ErrorCode(err) == tkm.ETOOLARGE {
			status, err = http.StatusRequestEntityTooLarge, fileProblem(err)
		}
		if v.Errors, err = v.formErrorsOf(err, uploadField); err != nil {
			return err
		}
	}
	h.render(w, r, status, "upload", v)
	return nil
}

// fileProblem turns an upload refused for its size into a problem of the
// file input.
func fileProblem(err error) error {
	var e *tkm.Error
	if !errors.As(err, &e) {
		return err
	}
	f := tkm.Fields{{Field: "file", Code: "file_too_large", Message: e.Message, English: e.English}}
	return f.Err()
}

// uploadField maps every problem of an upload to its one input.
func uploadField(string) (string, string) { return "file", "" }

// file sends an uploaded file to a user who may see its group.
func (h *Handler) file(w http.ResponseWriter, r *http.Request) error { return h.serveFile(w, r, false) }

// thumbnail sends an image's thumbnail.
func (h *Handler) thumbnail(w http.ResponseWriter, r *http.Request) error {
	return h.serveFile(w, r, true)
}

// serveFile sends a stored file with its own type, never sniffed and never
// run as a page of this site; a PDF is downloaded, not shown. Only the
// user's browser may keep it.
func (h *Handler) serveFile(w http.ResponseWriter, r *http.Request, thumb bool) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	f, err := h.Files.FindFile(r.Context(), id, thumb)
	if err != nil {
		return err
	}
	disposition := "inline"
	if f.ContentType != "image/jpeg" && f.ContentType != "image/png" {
		disposition = "attachment"
	}
	hd := w.Header()
	hd.Set("Content-Type", f.ContentType)
	hd.Set("Content-Disposition", contentDisposition(disposition, f.Name))
	hd.Set("Content-Length", strconv.Itoa(len(f.Data)))
	hd.Set("Cache-Control", "private, max-age=3600")
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	_, err = w.Write(f.Data)
	return err
}

// contentDisposition is the header naming a file to show or to save; a
// name it cannot carry is left out.
func contentDisposition(disposition, name string) string {
	if name = strings.TrimSpace(name); name != "" {
		if s := mime.FormatMediaType(disposition, map[string]string{"filename": name}); s != "" {
			return s
		}
	}
	return disposition
}
