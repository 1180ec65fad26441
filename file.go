package tkm

import (
	"context"
	"time"
)

// File is an uploaded file kept by tkm: a photo of a product or of a
// monitoring visit, or an attachment of an accountability report.
type File struct {
	ID          ID        `json:"id"`
	Name        string    `json:"name"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	Width       int       `json:"width,omitzero"`
	Height      int       `json:"height,omitzero"`
	CreatedAt   time.Time `json:"created_at"`
	Data        []byte    `json:"-"`
	Thumb       []byte    `json:"-"` // a small JPEG of an image
}

// FileService hands out files to those who may see what they belong to.
type FileService interface {
	// FindFile returns a file with its bytes (or its thumbnail's).
	FindFile(ctx context.Context, id ID, thumb bool) (*File, error)
	// CanAttach says whether the caller may attach a file to a product,
	// an LPJ or a report ("product", "lpj", "report"): cheap, before an
	// upload is read.
	CanAttach(ctx context.Context, owner string, id ID) error
}
