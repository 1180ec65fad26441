package tkm

import (
	"context"
	"io"
)

// SheetWriter writes rows of a spreadsheet as they come.
type SheetWriter interface {
	Write(cells []string) error
	Close() error
}

// Spreadsheets reads import files and writes lists, as CSV or XLSX (see
// package sheet).
type Spreadsheets interface {
	// Open reads an import file whose format it tells by content.
	Open(r io.ReaderAt, size int64) (ImportSource, error)
	// NewWriter streams a list; the given columns are written as text.
	NewWriter(w io.Writer, format string, header []string, textColumns ...int) (SheetWriter, error)
	// Template writes the import template as XLSX.
	Template(w io.Writer) error
	// Annotate writes a copy of an import file with an error column.
	Annotate(w io.Writer, r io.ReaderAt, size int64, errs map[int]string) error
}

// ExportService streams lists of the registry within the caller's scope.
// Every export is recorded in the audit log.
type ExportService interface {
	// ExportGroups hands each group matching f to fn, in ID order.
	ExportGroups(ctx context.Context, f GroupFilter, fn func(*Group) error) error
	// ExportMembers hands each member of the groups matching f to fn,
	// with NIKs masked unless fullNIK (for roles that may read them).
	ExportMembers(ctx context.Context, f GroupFilter, fullNIK bool, fn func(*Group, *Member) error) error
}
