package sheet

import (
	"bytes"
	"errors"
	"io"
	"strconv"
)

// sheetRows streams the rows of the first sheet of a book.
type sheetRows struct {
	b       *book
	rc      io.ReadCloser
	in      *countingReader
	sc      *xmlScanner
	opt     Options
	cache   blockCache
	row     int  // number of the last row read
	started bool // inside <sheetData>
	v, t    []byte
	num     []byte // a number's Text
}

// maxExcelRows is the most rows an Excel sheet has.
const maxExcelRows = 1 << 20

func (b *book) rows(opt Options) (*sheetRows, error) {
	if b.closed.Load() {
		return nil, errors.New("sheet: Rows on a closed Reader")
	}
	rc, err := b.sheet.Open()
	if err != nil {
		return nil, errCorrupt(b.sheetRef + ": " + err.Error())
	}
	in := &countingReader{r: rc}
	return &sheetRows{b: b, rc: rc, in: in, sc: newXMLScanner(in, b.sheet.UncompressedSize64), opt: opt}, nil
}

func (s *sheetRows) close() error { return s.rc.Close() }

// corrupt wraps what went wrong in the sheet's XML.
func (s *sheetRows) corrupt(err error) error {
	return errCorrupt(s.b.sheetRef + ": " + err.Error())
}

// next reads the next <row> into b and returns its number.
func (s *sheetRows) next(b *rowBuilder) (int, error) {
	mark := s.in.n
	for {
		if err := s.sc.next(); err == io.EOF && !s.started {
			return 0, io.EOF // a sheet without rows
		} else if err != nil {
			return 0, s.corrupt(err)
		}
		if s.in.n-mark > maxRowXML {
			return 0, s.corrupt(errors.New("XML tanpa baris terlalu panjang / too much XML without a row"))
		}
		switch {
		case !s.started:
			if s.sc.is("sheetData") {
				s.started = true
			}
		case s.sc.isEnd("sheetData"):
			return 0, io.EOF
		case s.sc.is("row"):
			return s.readRow(b)
		case !s.sc.end:
			if err := s.sc.skip(); err != nil {
				return 0, s.corrupt(err)
			}
		}
	}
}

// readRow reads the cells of the current <row>.
func (s *sheetRows) readRow(b *rowBuilder) (int, error) {
	n := s.row + 1
	if v, ok := s.sc.attr("r"); ok {
		n = atoi(v)
	}
	if n <= s.row || n > maxExcelRows {
		return 0, s.corrupt(errors.New("nomor baris / row number " + strconv.Itoa(n)))
	}
	s.row = n
	if n > s.opt.MaxRows { // Rows refuses it; read no further
		return n, nil
	}
	mark := s.in.n
	for col := -1; ; {
		if err := s.sc.next(); err != nil {
			return 0, s.corrupt(err)
		}
		if s.in.n-mark > maxRowXML {
			return 0, s.corrupt(errors.New("baris terlalu panjang / row too long"))
		}
		switch {
		case s.sc.isEnd("row"):
			return n, nil
		case s.sc.is("c"):
			var err error
			if col, err = s.readCell(b, n, col); err != nil {
				return 0, err
			}
		case !s.sc.end:
			if err := s.sc.skip(); err != nil {
				return 0, s.corrupt(err)
			}
		}
	}
}

// readCell reads the current <c> of row n; prev is the previous cell's
// column. It returns the cell's column.
func (s *sheetRows) readCell(b *rowBuilder, n, prev int) (int, error) {
	col, kind, style := prev+1, typeNumber, -1
	for a := s.sc.attrs; ; {
		name, value, rest, ok := nextAttr(a)
		if !ok {
			break
		}
		switch string(name) {
		case "r":
			col = refColumn(value)
		case "t":
			kind = cellKind(value)
		case "s":
			style = atoi(value)
		}
		a = rest
	}
	if col <= prev {
		return 0, s.corrupt(errors.New("urutan sel / cell order in row " + strconv.Itoa(n)))
	}
	s.v, s.t = s.v[:0], s.t[:0]
	long := false
	for {
		if err := s.sc.next(); err != nil {
			return 0, s.corrupt(err)
		}
		var err error
		switch {
		case s.sc.isEnd("c"):
			return col, s.addCell(b, n, col, kind, style, long)
		case s.sc.is("v"):
			s.v, err = s.sc.text(s.v, s.opt.MaxCellBytes)
		case s.sc.is("is"):
			s.t, err = s.inline(s.t)
		case !s.sc.end:
			err = s.sc.skip()
		}
		if err == errTextTooBig {
			long, err = true, nil
		}
		if err != nil {
			return 0, s.corrupt(err)
		}
	}
}

// inline reads an inline string (<is>): its <t> texts, phonetic runs left
// out.
func (s *sheetRows) inline(dst []byte) ([]byte, error) {
	phonetic, long := 0, false
	for {
		if err := s.sc.next(); err != nil {
			return dst, err
		}
		var err error
		switch {
		case s.sc.isEnd("is"):
			if long {
				return dst, errTextTooBig
			}
			return dst, nil
		case s.sc.is("rPh"):
			phonetic++
		case s.sc.isEnd("rPh"):
			phonetic--
		case phonetic == 0 && s.sc.is("t"):
			dst, err = s.sc.text(dst, max(s.opt.MaxCellBytes+1-len(dst), 0))
		}
		if err == errTextTooBig {
			long, err = true, nil
		}
		if err != nil {
			return dst, err
		}
	}
}

// Cell types: the t attribute of <c>.
const (
	typeNumber = iota // "n" or none
	typeShared        // "s"
	typeInline        // "inlineStr"
	typeString        // "str": a formula's text
	typeBool          // "b"
	typeError         // "e": #N/A, #VALUE!
	typeDate          // "d": ISO 8601
)

func cellKind(t []byte) int {
	switch string(t) {
	case "s":
		return typeShared
	case "inlineStr":
		return typeInline
	case "str":
		return typeString
	case "b":
		return typeBool
	case "e":
		return typeError
	case "d":
		return typeDate
	}
	return typeNumber
}

// addCell adds the cell just read to b.
func (s *sheetRows) addCell(b *rowBuilder, n, col, kind, style int, long bool) error {
	var text []byte
	switch kind {
	case typeShared:
		if len(trim(s.v)) == 0 {
			return nil
		}
		str, ok := s.b.sst.get(atoi(trim(s.v)), &s.cache)
		if !ok {
			return s.corrupt(errors.New("indeks teks / shared string index in row " + strconv.Itoa(n)))
		}
		text = str
	case typeInline:
		text = trim(decodeXString(s.t))
	case typeString:
		text = trim(decodeXString(s.v))
	case typeError:
		text = trim(s.v)
	case typeBool:
		switch string(trim(s.v)) {
		case "1":
			text = []byte("TRUE")
		case "0":
			text = []byte("FALSE")
		}
	default:
		return s.addNumber(b, n, col, kind, style, long)
	}
	if long || len(text) > s.opt.MaxCellBytes {
		return errCellTooLong(n, col, s.opt.MaxCellBytes, false)
	}
	if len(text) > 0 && col >= s.opt.MaxCols {
		return errTooManyCols(n, col, s.opt.MaxCols)
	}
	b.addText(col, text)
	return nil
}

// addNumber adds a numeric or ISO-date cell: Raw as stored, Text a date or
// the padded digits when the style says so.
func (s *sheetRows) addNumber(b *rowBuilder, n, col, kind, style int, long bool) error {
	raw := trim(s.v)
	if len(raw) == 0 {
		return nil
	}
	if long {
		return errCellTooLong(n, col, s.opt.MaxCellBytes, false)
	}
	if col >= s.opt.MaxCols {
		return errTooManyCols(n, col, s.opt.MaxCols)
	}
	var f cellFormat
	if 0 <= style && style < len(s.b.styles) {
		f = s.b.styles[style]
	}
	switch {
	case kind == typeDate:
		v, ok := dateSerial(string(raw), s.b.date1904)
		if !ok {
			b.addText(col, raw)
			return nil
		}
		raw, f.date = strconv.AppendFloat(s.v[:0], v, 'f', -1, 64), true
	case !isNumber(raw): // not what a numeric cell holds: keep it as text
		b.addText(col, raw)
		return nil
	}
	var date bool
	s.num = s.num[:0]
	if f.date {
		s.num, date = serialText(s.num, raw, s.b.date1904)
	}
	if !date {
		s.num = padded(s.num, raw, f.pad)
	}
	b.addNumber(col, s.num, raw, date)
	return nil
}

// isNumber reports whether b is a number as XLSX stores one: "32.1",
// "-5", "5.1030512019E+15".
func isNumber(b []byte) bool {
	_, err := strconv.ParseFloat(string(b), 64)
	return err == nil && b[0] != '+' && b[len(b)-1] != '.' && !bytes.ContainsAny(b, "_xXpPiInN")
}

// refColumn returns the 0-based column of a cell reference such as "AB12",
// or -1.
func refColumn(ref []byte) int {
	col, i := 0, 0
	for ; i < len(ref) && i < 3; i++ {
		c := ref[i] | 0x20 // lower case
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a') + 1
	}
	if i == 0 || col > 16384 || atoi(ref[i:]) < 1 {
		return -1
	}
	return col - 1
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
