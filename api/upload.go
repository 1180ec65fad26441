package api

import (
	"errors"
	"io"
	"mime"
	"net/http"

	"tkm"
)

// maxUploadBody caps a multipart upload request.
const maxUploadBody = 12 << 20

// imageSlots is how many uploads are decoded at once: a large photo may
// take hundreds of megabytes while it is checked.
const imageSlots = 2

// upload reads the multipart part named "file" through read (which checks
// its content) and keeps the name the client gave it, once the caller may
// attach it to the owner ("product", "lpj", "report") with that ID.
func (a *API) upload(w http.ResponseWriter, r *http.Request, owner string, id tkm.ID, read func(io.Reader) (*tkm.File, error)) (*tkm.File, error) {
	if err := a.Files.CanAttach(r.Context(), owner, id); err != nil {
		return nil, err
	}
	select {
	case a.slots <- struct{}{}:
		defer func() { <-a.slots }()
	case <-r.Context().Done():
		return nil, r.Context().Err()
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxUploadBody)
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
		f, err := read(part)
		if err != nil {
			return nil, err
		}
		f.Name = cleanName(part.FileName())
		return f, nil
	}
}

func noFile() error {
	var f tkm.Fields
	f.Add("file", "required", "Pilih berkas untuk diunggah (multipart, bagian \"file\").", "Choose a file to upload (multipart, part \"file\").")
	e := f.Err().(*tkm.Error)
	e.Code = tkm.EMALFORMED
	return e
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

// serveFile sends a stored file; it is never run as a page of this site.
func serveFile(w http.ResponseWriter, f *tkm.File) error {
	w.Header().Set("Content-Type", f.ContentType)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("inline", map[string]string{"filename": f.Name}))
	w.Header().Set("Cache-Control", "private, max-age=3600")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; sandbox")
	_, err := w.Write(f.Data)
	return err
}

func (a *API) getFile(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	f, err := a.Files.FindFile(r.Context(), id, r.URL.Query().Get("thumb") != "")
	if err != nil {
		return err
	}
	return serveFile(w, f)
}
