// Package sheet reads and writes the spreadsheets officers exchange with tkm:
// CSV and XLSX, safely, fast and in constant memory.
//
// Open reads the first sheet of an XLSX file or a CSV file, judged by its
// bytes and never by its name, as rows of trimmed cells that keep what Excel
// stored: a NIK saved as a number comes back digit for digit, a date as its
// serial with a flag. It refuses hostile files with a *tkm.Error instead of
// spending memory or time on them: a size cap before anything is read, zip
// parts that inflate more than 100 times or past 2 GB, more rows or columns
// than the Options allow, XML with a DTD, tags or text too long, malformed
// CSV. Memory stays bounded whatever the file: rows are streamed, and the
// shared-strings table of a big XLSX is kept in a temporary file with an
// index of 2.5 bytes a string (11 MB for the 4.3 million distinct strings
// of a million member rows). Peak memory reading such a file is about
// 75 MB; excelize's Rows takes 475 MB and ten times as long.
//
// The default MaxBytes (64 MB) is for uploads: a million member rows make
// a CSV of about 190 MB and an XLSX of about 65 MB, so a command-line
// import of that size needs a bigger MaxBytes.
//
// NewWriter streams rows out as CSV or XLSX; Template makes the import
// template and Annotate the copy of a refused file with an error column.
//
// Every refusal is a *tkm.Error. Its one FieldError names where the problem
// is: Field "file" for the file as a whole, or "row N" (see RowField) for a
// row, with one of the Code… constants as its Code.
package sheet

import (
	"errors"
	"fmt"
	"io"

	"tkm"
)

// Formats of a Reader and a Writer.
const (
	CSV  = "csv"
	XLSX = "xlsx"
)

// Options bound what Open accepts. A zero field takes its default.
type Options struct {
	MaxBytes     int64 // size of the file; default 64 MB
	MaxRows      int   // highest row number; default 2,000,000
	MaxCols      int   // columns that may hold a value; default 64
	MaxCellBytes int   // bytes of one cell's text; default 4096, at most 65,534
}

// Defaults of Options.
const (
	DefaultMaxBytes     = 64 << 20
	DefaultMaxRows      = 2_000_000
	DefaultMaxCols      = 64
	DefaultMaxCellBytes = 4096
)

func (o Options) withDefaults() Options {
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxRows <= 0 {
		o.MaxRows = DefaultMaxRows
	}
	if o.MaxCols <= 0 {
		o.MaxCols = DefaultMaxCols
	}
	if o.MaxCellBytes <= 0 {
		o.MaxCellBytes = DefaultMaxCellBytes
	}
	o.MaxCellBytes = min(o.MaxCellBytes, maxEntryBytes-1)
	return o
}

// Row is one non-blank row of the sheet.
type Row struct {
	Number int    // the spreadsheet's row number, 1-based: what Excel shows at the left
	Cells  []Cell // column A first; an empty Cell where nothing was typed
}

// Cell is one cell of a Row.
type Cell struct {
	// Text is what the user typed or sees, trimmed of surrounding spaces,
	// NBSP and zero-width characters. For a date cell it is the date as
	// YYYY-MM-DD (YYYY-MM-DD HH:MM:SS when it has a time), with the
	// workbook's 1900 or 1904 date system applied. A number formatted with
	// leading zeros ("0000") is padded as Excel shows it.
	Text string
	// Number tells that the cell held a number (an XLSX numeric cell)
	// rather than text. CSV cells never do.
	Number bool
	// Raw is, for a numeric cell, the stored value exactly as in the XML:
	// "5103051201900001", "32.1", "32874", "5.1030512019E+15". Otherwise it
	// equals Text.
	Raw string
	// Date tells that the numeric cell has a date or time number format, so
	// Raw is an Excel date serial.
	Date bool
}

// Reader reads one spreadsheet file, as many times as needed. It is not safe
// for concurrent use, but the Rows of two passes may run at once.
type Reader struct {
	r      io.ReaderAt
	size   int64
	opt    Options
	format string
	notes  []string
	csv    csvFormat // when format is CSV
	book   *book     // when format is XLSX
	cache  rowCache  // the rows of an XLSX's first pass
}

// Open detects the format by content (XLSX is a zip with a workbook; anything
// else is read as CSV) and returns a reader of the first sheet. It reads
// the file in Open to check it (a CSV's encoding, an XLSX's structure and
// shared strings) and again on each call to Rows; r must stay readable until
// Close. Call Close to release the temporary file a big XLSX needs.
func Open(r io.ReaderAt, size int64, opt Options) (rd *Reader, err error) {
	defer recoverTo(&err)
	opt = opt.withDefaults()
	if size > opt.MaxBytes {
		return nil, errFileTooLarge(opt.MaxBytes)
	}
	if size <= 0 {
		return nil, fileError(tkm.EINVALID, CodeFileEmpty, "File kosong.", "The file is empty.")
	}
	head := make([]byte, min(size, 512))
	if _, err := r.ReadAt(head, 0); err != nil && err != io.EOF {
		return nil, fmt.Errorf("sheet: read: %w", err)
	}
	rd = &Reader{r: r, size: size, opt: opt}
	switch kind := sniff(head); kind {
	case kindZip:
		rd.format = XLSX
		if rd.book, err = openBook(r, size, opt); err != nil {
			return nil, err
		}
	case kindText:
		rd.format = CSV
		if rd.csv, rd.notes, err = detectCSV(r, size); err != nil {
			return nil, err
		}
	default:
		return nil, errFileKind(kind)
	}
	return rd, nil
}

// Format returns CSV or XLSX.
func (rd *Reader) Format() string { return rd.format }

// Notes returns what a person should know about how the file was read, in
// Indonesian, such as that a CSV was decoded as Windows-1252.
func (rd *Reader) Notes() []string { return rd.notes }

// Close releases the temporary files of a big XLSX. The Reader is unusable
// afterwards. Close is safe to call more than once.
func (rd *Reader) Close() error {
	if rd.book == nil {
		return nil
	}
	err := rd.cache.close()
	if err2 := rd.book.close(); err == nil {
		err = err2
	}
	return err
}

// Rows starts a fresh pass over the rows, from the top of the sheet. For
// an XLSX file the first pass that runs to its end is recorded, and later
// passes replay it.
func (rd *Reader) Rows() (rs *Rows, err error) {
	defer recoverTo(&err)
	rs = &Rows{max: rd.opt}
	if rd.format == XLSX {
		if rs.src = rd.cache.replay(); rs.src != nil {
			return rs, nil
		}
		if rs.src, err = rd.book.rows(rd.opt); err == nil && rd.cache.record() {
			rs.rec = &rd.cache
		}
	} else {
		rs.src, err = newCSVRows(rd.r, rd.size, rd.csv, rd.opt)
	}
	if err != nil {
		return nil, err
	}
	return rs, nil
}

// source yields the rows of one pass, blank rows included.
type source interface {
	next(b *rowBuilder) (number int, err error) // io.EOF at the end
	close() error
}

// Rows is one pass over the rows of a Reader. Blank rows (every cell empty
// once trimmed) are skipped; Row.Number keeps the spreadsheet's numbering.
type Rows struct {
	src    source
	max    Options
	b      rowBuilder
	row    Row
	err    error
	done   bool
	rec    *rowCache // recording this pass
	recBuf []byte
}

// Next advances to the next non-blank row. It returns false at the end or on
// an error; check Err.
func (rs *Rows) Next() (ok bool) {
	if rs.done {
		return false
	}
	defer func() {
		if p := recover(); p != nil {
			rs.stop(panicError(p))
			ok = false
		}
	}()
	for {
		rs.b.reset()
		n, err := rs.src.next(&rs.b)
		if err != nil {
			if err == io.EOF {
				err = nil
			}
			rs.stop(err)
			return false
		}
		if n > rs.max.MaxRows {
			rs.stop(errTooManyRows(n, rs.max.MaxRows))
			return false
		}
		if !rs.b.blank() {
			rs.row.Number = n
			rs.row.Cells = rs.b.build(rs.row.Cells)
			rs.record(n)
			return true
		}
	}
}

// record adds the current row to the recording of the pass, if any; a
// recording that fails is dropped, not the pass.
func (rs *Rows) record(n int) {
	if rs.rec == nil {
		return
	}
	var err error
	if rs.recBuf, err = rs.rec.add(n, &rs.b, rs.recBuf); err != nil {
		rs.rec.abort()
		rs.rec = nil
	}
}

// stop ends the pass with err (nil at the end of the sheet).
func (rs *Rows) stop(err error) {
	rs.err, rs.done = err, true
	if rs.rec != nil {
		var refusal *tkm.Error
		if err == nil || errors.As(err, &refusal) {
			rs.rec.finish(err)
		} else {
			rs.rec.abort() // an I/O error or a panic: try again next time
		}
		rs.rec = nil
	}
}

// Row returns the current row. It and its Cells are valid until the next
// call to Next: copy the Cells slice to keep it (the strings stay valid).
func (rs *Rows) Row() Row { return rs.row }

// Err returns the error that ended the pass, if any.
func (rs *Rows) Err() error { return rs.err }

// Close ends the pass early or releases it after the end.
func (rs *Rows) Close() error {
	rs.done = true
	if rs.rec != nil {
		rs.rec.abort()
		rs.rec = nil
	}
	if rs.src == nil {
		return nil
	}
	err := rs.src.close()
	rs.src = nil
	return err
}

// recoverTo turns a panic into an error at the package boundary: a bug in
// this package must not take a server down on a strange file.
func recoverTo(err *error) {
	if p := recover(); p != nil {
		*err = panicError(p)
	}
}

// panicError is a plain error: tkm.ErrorCode makes it EINTERNAL, which
// shows the user no details and gets logged.
func panicError(p any) error {
	return fmt.Errorf("sheet: panic reading file: %v", p)
}
