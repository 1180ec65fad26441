package sheet

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"sync/atomic"

	"tkm"
)

// This file opens an XLSX package: the zip, the workbook, its first sheet,
// the styles that tell dates from numbers, and the shared strings.
//
// Why not excelize's Rows? Its Columns gives each cell's value as a string,
// without its type or style, so a NIK typed as text cannot be told from
// one stored as a number, nor a date from its serial; it parses with
// encoding/xml (about 28 MB/s); past 16 MB of shared strings it indexes
// them with a [][]uint of 40 bytes a string; and it reads every other part
// of the zip into memory, whatever its declared size up to UnzipSizeLimit
// (16 GB by default). On a million member rows (BenchmarkReadExcelize) it
// takes about 57 s and 475 MB where this reader takes 5 s and 75 MB. This
// reader streams the sheet with a bounded scanner, checks every part's
// declared size before inflating it, and keeps the shared strings in a
// disk-backed table.

// Limits on the parts of an XLSX file.
const (
	maxDirRead   = 2 << 20  // bytes of the zip's central directory (≈ 20,000 parts)
	maxSmallPart = 16 << 20 // workbook, relationships, styles
	maxBigPart   = 2 << 30  // shared strings and the sheet, streamed (a million rows: 0.5–1 GB)
	maxRatio     = 100      // real parts inflate 5–30 times, zip bombs about 1,000
	maxRowXML    = 16 << 20 // XML of one row (or of what precedes the rows)
)

// book is an open XLSX file.
type book struct {
	sheet    *zip.File
	sheetRef string // the sheet's part name, for errors
	sst      *strTable
	styles   []cellFormat // by style index (the s attribute of a cell)
	date1904 bool
	closed   atomic.Bool
}

// cellFormat is what a cell style says about a number.
type cellFormat struct {
	date bool // a date or time format: the number is a serial
	pad  int  // a "0000" format: shown padded with zeros to pad digits
}

func openBook(r io.ReaderAt, size int64, opt Options) (*book, error) {
	zr, err := openZip(r, size)
	if err != nil {
		return nil, err
	}
	parts := make(map[string]*zip.File, len(zr.File))
	for _, f := range zr.File {
		name := strings.ToLower(strings.ReplaceAll(f.Name, `\`, "/"))
		if _, dup := parts[name]; !dup {
			parts[name] = f
		}
	}
	wbName := "xl/workbook.xml"
	if rels, err := readRels(parts, "_rels/.rels", ""); err == nil {
		if t := rels.target("/officeDocument"); t != "" {
			wbName = t
		}
	} else if !errors.Is(err, errNoPart) {
		return nil, err
	}
	wb := parts[wbName]
	if wb == nil {
		return nil, errNotXLSX(parts)
	}
	b := &book{}
	rid, err := b.readWorkbook(wb)
	if err != nil {
		return nil, err
	}
	dir := path.Dir(wbName)
	rels, err := readRels(parts, path.Join(dir, "_rels", path.Base(wbName)+".rels"), dir)
	if errors.Is(err, errNoPart) {
		return nil, errCorrupt("relasi workbook tidak ada / workbook relationships missing")
	} else if err != nil {
		return nil, err
	}
	sheet, ok := rels.byID[rid]
	if b.sheet = parts[sheet.target]; !ok || b.sheet == nil {
		return nil, errCorrupt("lembar pertama tidak ada / first sheet missing")
	}
	if !strings.HasSuffix(sheet.typ, "/worksheet") {
		return nil, fileError(tkm.EINVALID, CodeFileType,
			"Lembar pertama file XLSX ini bukan tabel data (mungkin grafik). Pindahkan tabel data ke lembar pertama.",
			"The first sheet of this XLSX file is not a table of data (perhaps a chart). Move the data to the first sheet.")
	}
	if err := checkPart(b.sheet, maxBigPart); err != nil {
		return nil, err
	}
	b.sheetRef = b.sheet.Name
	if err := b.readStyles(parts[rels.target("/styles")]); err != nil {
		return nil, err
	}
	if err := b.readSharedStrings(parts[rels.target("/sharedStrings")], opt.MaxCellBytes); err != nil {
		b.close()
		return nil, err
	}
	return b, nil
}

// openZip reads the zip's directory, refusing one so long that holding it
// would cost more memory than a spreadsheet's ever needs.
func openZip(r io.ReaderAt, size int64) (*zip.Reader, error) {
	cr := &cappedReaderAt{r: r}
	cr.budget.Store(maxDirRead + 128<<10) // the directory and its end record
	zr, err := zip.NewReader(cr, size)
	cr.budget.Store(-1)
	switch {
	case errors.Is(err, errDirTooLong):
		return nil, errCorrupt("direktori zip terlalu panjang / zip directory too long")
	case err != nil && !errors.Is(err, zip.ErrInsecurePath):
		return nil, errCorrupt("zip: " + err.Error())
	}
	return zr, nil
}

var errDirTooLong = errors.New("zip directory too long")

// cappedReaderAt fails once budget bytes were read; a negative budget is
// unlimited.
type cappedReaderAt struct {
	r      io.ReaderAt
	budget atomic.Int64
}

func (c *cappedReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if b := c.budget.Load(); b >= 0 {
		if int64(len(p)) > b {
			return 0, errDirTooLong
		}
		c.budget.Add(-int64(len(p)))
	}
	return c.r.ReadAt(p, off)
}

// errNotXLSX explains a zip that holds no workbook.
func errNotXLSX(parts map[string]*zip.File) error {
	if parts["mimetype"] != nil || parts["content.xml"] != nil {
		return fileError(tkm.EINVALID, CodeFileType,
			"File ini berformat OpenDocument (.ods). Buka di LibreOffice atau Excel, lalu simpan sebagai .xlsx atau .csv.",
			"This file is an OpenDocument spreadsheet (.ods). Open it in LibreOffice or Excel and save it as .xlsx or .csv.")
	}
	return fileError(tkm.EINVALID, CodeFileType,
		"File ZIP ini bukan file XLSX.",
		"This ZIP file is not an XLSX file.")
}

// checkPart refuses a part that would inflate past max bytes or more than
// maxRatio times its compressed size. Both sizes come from the zip's
// directory, and archive/zip stops with an error when a part inflates past
// its declared size, so a part cannot lie its way past this check.
func checkPart(f *zip.File, max uint64) error {
	if f.UncompressedSize64 > max || (f.UncompressedSize64 > 1<<20 && f.UncompressedSize64/maxRatio > f.CompressedSize64) {
		return errInflates(f.Name)
	}
	if f.Method != zip.Store && f.Method != zip.Deflate {
		return errCorrupt(fmt.Sprintf("%s: metode kompresi %d / compression method %d", f.Name, f.Method, f.Method))
	}
	return nil
}

var errNoPart = errors.New("no such part")

// scanPart opens a small part and calls fn for each of its tags until fn
// returns false or the part ends.
func scanPart(f *zip.File, fn func(*xmlScanner) bool) error {
	if f == nil {
		return errNoPart
	}
	if err := checkPart(f, maxSmallPart); err != nil {
		return err
	}
	rc, err := f.Open()
	if err != nil {
		return errCorrupt(f.Name + ": " + err.Error())
	}
	defer rc.Close()
	sc := newXMLScanner(rc, f.UncompressedSize64)
	for {
		if err := sc.next(); err == io.EOF {
			return nil
		} else if err != nil {
			return errCorrupt(f.Name + ": " + err.Error())
		}
		if !fn(sc) {
			return nil
		}
	}
}

// rel is one relationship of a part.
type rel struct{ typ, target string }

type relations struct{ byID map[string]rel }

// target returns the part name of the first relationship whose type ends
// with suffix, or "".
func (r relations) target(suffix string) string {
	for _, x := range r.byID {
		if strings.HasSuffix(x.typ, suffix) {
			return x.target
		}
	}
	return ""
}

// readRels reads a relationships part; targets are resolved against dir and
// lowercased, as the keys of parts are.
func readRels(parts map[string]*zip.File, name, dir string) (relations, error) {
	r := relations{byID: map[string]rel{}}
	err := scanPart(parts[name], func(sc *xmlScanner) bool {
		if sc.is("Relationship") && sc.attrText("TargetMode") != "External" && len(r.byID) < 10_000 {
			target := sc.attrText("Target")
			if strings.HasPrefix(target, "/") {
				target = path.Clean(target[1:])
			} else {
				target = path.Join(dir, target)
			}
			r.byID[sc.attrText("Id")] = rel{typ: sc.attrText("Type"), target: strings.ToLower(target)}
		}
		return true
	})
	return r, err
}

// readWorkbook finds the date system and the first sheet's relationship id.
func (b *book) readWorkbook(f *zip.File) (rid string, err error) {
	found := false
	err = scanPart(f, func(sc *xmlScanner) bool {
		switch {
		case sc.is("workbookPr"):
			v := sc.attrText("date1904")
			b.date1904 = v == "1" || v == "true"
		case sc.is("sheet"):
			rid, found = sc.attrText("id"), true
			return false
		}
		return true
	})
	if err == nil && !found {
		err = errCorrupt("tidak ada lembar kerja / no worksheet")
	}
	return rid, err
}

// readStyles reads which cell styles format numbers as dates.
func (b *book) readStyles(f *zip.File) error {
	custom := map[int]string{}
	var ids []int
	inFmts, inXfs := false, false
	err := scanPart(f, func(sc *xmlScanner) bool {
		switch {
		case sc.is("numFmts"), sc.isEnd("numFmts"):
			inFmts = !sc.end
		case sc.is("cellXfs"), sc.isEnd("cellXfs"):
			inXfs = !sc.end
		case inFmts && sc.is("numFmt") && len(custom) < 4096:
			custom[sc.attrInt("numFmtId")] = sc.attrText("formatCode")
		case inXfs && sc.is("xf") && len(ids) < 65_536:
			ids = append(ids, max(sc.attrInt("numFmtId"), 0))
		}
		return true
	})
	if err != nil && !errors.Is(err, errNoPart) {
		return err
	}
	b.styles = make([]cellFormat, len(ids))
	for i, id := range ids {
		code, ok := custom[id]
		if !ok {
			b.styles[i].date = builtinDate(id)
			continue
		}
		b.styles[i] = cellFormat{date: isDateCode(code), pad: zeroPad(code)}
	}
	return nil
}

// readSharedStrings loads the shared strings, trimmed, into b.sst.
func (b *book) readSharedStrings(f *zip.File, limit int) error {
	b.sst = newStrTable(limit)
	if f == nil {
		return nil
	}
	if err := checkPart(f, maxBigPart); err != nil {
		return err
	}
	rc, err := f.Open()
	if err != nil {
		return errCorrupt(f.Name + ": " + err.Error())
	}
	defer rc.Close()
	if err := readStrings(newXMLScanner(rc, f.UncompressedSize64), b.sst, limit); err != nil {
		if errors.Is(err, errTooManyStrings) {
			return errInflates(f.Name)
		}
		return errCorrupt(f.Name + ": " + err.Error())
	}
	return b.sst.done()
}

// readStrings adds each <si> of a shared-strings part to t: the text of its
// <t> elements, leaving out phonetic runs (<rPh>).
func readStrings(sc *xmlScanner, t *strTable, limit int) error {
	var buf []byte
	inSI, phonetic := false, 0
	for {
		err := sc.next()
		if err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
		switch {
		case sc.is("si"):
			inSI, buf = true, buf[:0]
		case sc.isEnd("si"):
			inSI = false
			if err := t.add(trim(decodeXString(buf))); err != nil {
				return err
			}
		case sc.is("rPh"):
			phonetic++
		case sc.isEnd("rPh"):
			phonetic--
		case inSI && phonetic == 0 && sc.is("t"):
			if buf, err = sc.text(buf, max(limit+1-len(buf), 0)); err != nil && err != errTextTooBig {
				return err
			}
		}
	}
}

func (b *book) close() error {
	if b.closed.Swap(true) {
		return nil
	}
	return b.sst.close()
}
