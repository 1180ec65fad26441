package media

import (
	"bytes"
	"io"

	"tkm"
)

// MaxAttachmentBytes caps a PDF attached to a report.
const MaxAttachmentBytes = 10 << 20

// ReadFile reads an uploaded photo (see ReadPhoto) as a file to keep.
func ReadFile(r io.Reader) (*tkm.File, error) {
	p, err := ReadPhoto(r)
	if err != nil {
		return nil, err
	}
	return &tkm.File{ContentType: p.ContentType, Width: p.Width, Height: p.Height, Data: p.Data, Thumb: p.Thumb}, nil
}

// ReadAttachment reads a report's attachment: a PDF, kept as it is once
// its header and end are checked, or a photo, made safe by ReadPhoto.
func ReadAttachment(r io.Reader) (*tkm.File, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxAttachmentBytes+1))
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		return ReadFile(bytes.NewReader(data))
	}
	if len(data) > MaxAttachmentBytes {
		return nil, fileError(tkm.ETOOLARGE, CodeFileTooLarge, "Berkas PDF paling besar 10 MB.", "A PDF may be at most 10 MB.")
	}
	if !bytes.Contains(data[max(0, len(data)-1024):], []byte("%%EOF")) {
		return nil, fileError(tkm.EINVALID, CodeImageCorrupt, "Berkas PDF tidak utuh; unggah ulang.", "The PDF is incomplete; upload it again.")
	}
	return &tkm.File{ContentType: "application/pdf", Data: data}, nil
}
