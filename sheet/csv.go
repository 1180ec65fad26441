package sheet

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"tkm"
)

// csvFormat is what Open found out about a CSV file.
type csvFormat struct {
	enc     encoding
	skip    int64 // bytes of the UTF-8 BOM
	sep     byte  // ',', ';' or '\t'
	loneCR  bool  // lines end with CR alone (CSV of old Mac Excel)
	sepLine bool  // the first line is Excel's "sep=;" hint, not data
}

type encoding int

const (
	encUTF8 encoding = iota
	encWindows1252
	encUTF16 // with a BOM: Excel's "Unicode Text"
)

// detectCSV reads the whole file once: it refuses binary files (NUL bytes),
// tells UTF-8 from Windows-1252, and finds the separator in the first line.
func detectCSV(r io.ReaderAt, size int64) (f csvFormat, notes []string, err error) {
	head := make([]byte, min(size, 3))
	if _, err := r.ReadAt(head, 0); err != nil && err != io.EOF {
		return f, nil, fmt.Errorf("sheet: read: %w", err)
	}
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		f.enc = encUTF16
		notes = append(notes, "File dibaca sebagai teks UTF-16 (Unicode Text dari Excel).")
	case bytes.HasPrefix(head, utf8BOM):
		f.skip = int64(len(utf8BOM))
	}
	if f.enc != encUTF16 {
		valid, hasLF, hasCR, err := scanText(r, f.skip, size)
		if err != nil {
			return f, nil, err
		}
		f.loneCR = hasCR && !hasLF
		if !valid {
			f.enc = encWindows1252
			notes = append(notes, "File bukan UTF-8; dibaca sebagai Windows-1252 (CSV Excel di Windows). Periksa huruf beraksen.")
		}
	}
	if err := f.detectSeparator(r, size); err != nil {
		return f, nil, err
	}
	return f, notes, nil
}

// scanText reads r from off to size: it refuses NUL bytes, and reports
// whether the bytes are valid UTF-8 and which line endings they use.
func scanText(r io.ReaderAt, off, size int64) (valid, hasLF, hasCR bool, err error) {
	const chunk = 1 << 20
	buf := make([]byte, min(chunk, size-off)+utf8.UTFMax)
	valid, carry := true, 0
	for off < size {
		n, err := r.ReadAt(buf[carry:carry+int(min(chunk, size-off))], off)
		if n == 0 && err != nil {
			return false, false, false, fmt.Errorf("sheet: read: %w", err)
		}
		off += int64(n)
		data, fresh := buf[:carry+n], buf[carry:carry+n]
		if bytes.IndexByte(fresh, 0) >= 0 {
			return false, false, false, errNotSpreadsheet()
		}
		hasLF = hasLF || bytes.IndexByte(fresh, '\n') >= 0
		hasCR = hasCR || bytes.IndexByte(fresh, '\r') >= 0
		cut := len(data)
		if off < size {
			cut = incompleteTail(data)
		}
		valid = valid && utf8.Valid(data[:cut])
		carry = copy(buf, data[cut:])
	}
	return valid, hasLF, hasCR, nil
}

// incompleteTail returns where an incomplete UTF-8 sequence at the end of b
// starts, or len(b).
func incompleteTail(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if utf8.FullRune(b[i:]) {
				return len(b)
			}
			return i
		}
	}
	return len(b)
}

// detectSeparator picks ',', ';' or tab, whichever the first line has most
// of outside quotes (',' on a tie), or what Excel's "sep=X" line says.
func (f *csvFormat) detectSeparator(r io.ReaderAt, size int64) error {
	head := make([]byte, min(64<<10, 4*size))
	n, err := io.ReadFull(f.stream(r, size), head)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return fmt.Errorf("sheet: read: %w", err)
	}
	line := head[:n]
	if len(line) >= 5 && bytes.EqualFold(line[:4], []byte("sep=")) && (len(line) == 5 || line[5] == '\r' || line[5] == '\n') {
		f.sep, f.sepLine = line[4], true
		return nil
	}
	var comma, semicolon, tab int
	quoted := false
scan:
	for _, c := range line {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\n':
			break scan
		case c == ',':
			comma++
		case c == ';':
			semicolon++
		case c == '\t':
			tab++
		}
	}
	switch {
	case semicolon > comma && semicolon >= tab:
		f.sep = ';'
	case tab > comma && tab > semicolon:
		f.sep = '\t'
	default:
		f.sep = ','
	}
	return nil
}

// stream returns the file's text as UTF-8, from its start, BOM removed.
func (f csvFormat) stream(r io.ReaderAt, size int64) io.Reader {
	var s io.Reader = io.NewSectionReader(r, f.skip, size-f.skip)
	switch f.enc {
	case encWindows1252:
		s = transform.NewReader(s, charmap.Windows1252.NewDecoder())
	case encUTF16:
		s = transform.NewReader(s, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder())
	}
	if f.loneCR {
		s = crToLF{s}
	}
	return s
}

// crToLF turns the CR line endings of old Mac files into LF.
type crToLF struct{ r io.Reader }

func (c crToLF) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i, b := range p[:n] {
		if b == '\r' {
			p[i] = '\n'
		}
	}
	return n, err
}

// csvRows parses CSV records, one per call to next. It never holds more than
// one record: each cell is capped at MaxCellBytes and each record at lineCap
// bytes, so an unclosed quote stops at the cell limit instead of swallowing
// the file.
type csvRows struct {
	br      *bufio.Reader
	f       csvFormat
	opt     Options
	n       int // number of the last record read
	lineCap int
	long    []byte // a line longer than br's buffer
}

func newCSVRows(r io.ReaderAt, size int64, f csvFormat, opt Options) (*csvRows, error) {
	c := &csvRows{
		br:      bufio.NewReaderSize(f.stream(r, size), int(min(64<<10, 4*size))),
		f:       f,
		opt:     opt,
		lineCap: opt.MaxCols*(2*opt.MaxCellBytes+3) + 64<<10,
	}
	if f.sepLine {
		if _, err := c.readLine(1); err != nil && err != io.EOF {
			return nil, err
		}
	}
	return c, nil
}

func (c *csvRows) close() error { return nil }

// next parses one record into b and returns its row number.
func (c *csvRows) next(b *rowBuilder) (int, error) {
	line, err := c.readLine(c.n + 1)
	if err != nil {
		return 0, err
	}
	c.n++
	used := len(line)
	for col, pos := 0, 0; ; col++ {
		from, quoted := len(b.buf), pos < len(line) && line[pos] == '"'
		if quoted {
			pos++
			for {
				i := bytes.IndexByte(line[pos:], '"')
				if i < 0 { // the quoted cell goes on in the next line
					b.buf = append(b.buf, line[pos:]...)
					if err := c.checkCell(b, from, col, true); err != nil {
						return 0, err
					}
					if line, err = c.readLine(c.n); err == io.EOF {
						return 0, errQuote(c.n)
					} else if err != nil {
						return 0, err
					}
					if used += len(line); used > c.lineCap {
						return 0, errRowTooLong(c.n)
					}
					pos = 0
					continue
				}
				b.buf = append(b.buf, line[pos:pos+i]...)
				if pos += i + 1; pos < len(line) && line[pos] == '"' {
					b.buf = append(b.buf, '"')
					pos++
					continue
				}
				break
			}
		}
		// Unquoted, or what follows the closing quote (kept, as Excel does).
		end := lineEnd(line)
		j := bytes.IndexByte(line[pos:end], c.f.sep)
		if j < 0 {
			j = end - pos
		}
		b.buf = append(b.buf, line[pos:pos+j]...)
		if err := c.checkCell(b, from, col, quoted); err != nil {
			return 0, err
		}
		b.commit(col, from)
		if pos += j; pos >= end {
			return c.n, nil
		}
		pos++ // the separator
	}
}

// checkCell refuses a cell over the limits.
func (c *csvRows) checkCell(b *rowBuilder, from, col int, quoted bool) error {
	if len(b.buf)-from > c.opt.MaxCellBytes {
		return errCellTooLong(c.n, col, c.opt.MaxCellBytes, quoted)
	}
	if col >= c.opt.MaxCols && len(trim(b.buf[from:])) > 0 {
		return errTooManyCols(c.n, col, c.opt.MaxCols)
	}
	return nil
}

// lineEnd returns where line's "\n" or "\r\n" starts.
func lineEnd(line []byte) int {
	n := len(line)
	if n > 0 && line[n-1] == '\n' {
		n--
		if n > 0 && line[n-1] == '\r' {
			n--
		}
	}
	return n
}

// readLine returns the next line with its "\n", or io.EOF when none is
// left. The line is valid until the next call. n names the row in errors.
func (c *csvRows) readLine(n int) ([]byte, error) {
	line, err := c.br.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		c.long = append(c.long[:0], line...)
		for err == bufio.ErrBufferFull {
			if len(c.long) > c.lineCap {
				return nil, errRowTooLong(n)
			}
			line, err = c.br.ReadSlice('\n')
			c.long = append(c.long, line...)
		}
		line = c.long
	}
	if len(line) > 0 && (err == nil || err == io.EOF) {
		return line, nil
	}
	if err == nil || err == io.EOF {
		return nil, io.EOF
	}
	return nil, fmt.Errorf("sheet: read: %w", err)
}

// commit ends the cell that starts at from in the arena: it trims it, and
// keeps it unless it is empty.
func (b *rowBuilder) commit(col, from int) {
	t := trim(b.buf[from:])
	if len(t) == 0 {
		b.buf = b.buf[:from]
		return
	}
	t0 := from + cap(b.buf[from:]) - cap(t) // trim returns a subslice
	b.cells = append(b.cells, span{col: col, text0: t0, text1: t0 + len(t)})
}

func errQuote(n int) error {
	return rowError(tkm.EINVALID, CodeQuote, n,
		fmt.Sprintf(`Baris %d: tanda kutip (") dibuka tetapi tidak ditutup sampai akhir file.`, n),
		fmt.Sprintf(`Row %d: a quote (") is opened but never closed before the end of the file.`, n))
}

func errRowTooLong(n int) error {
	return rowError(tkm.EINVALID, CodeRowTooLong, n,
		fmt.Sprintf("Baris %d terlalu panjang untuk sebuah baris data.", n),
		fmt.Sprintf("Row %d is too long for a row of data.", n))
}
