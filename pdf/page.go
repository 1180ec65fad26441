package pdf

import (
	"io"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// Page geometry and type of tkm's documents: A4 portrait, in millimetres
// and points.
const (
	marginX      = 20.0 // left and right margins
	marginTop    = 15.0
	marginBottom = 18.0 // leaves room for the footer
	footerFromY  = 12.0 // the footer's baseline box, from the bottom edge
	family       = "Helvetica"
	bodyPt       = 10.0
	smallPt      = 8.0
	lineH        = 5.0 // line height of body text
	paraGap      = 1.5 // space after a paragraph
)

// author is the author of every official document.
const author = "Kementerian Ketenagakerjaan RI"

// ministryHead is the letterhead of the ministry's documents.
var ministryHead = []string{
	"KEMENTERIAN KETENAGAKERJAAN REPUBLIK INDONESIA",
	"DIREKTORAT JENDERAL PEMBINAAN PENEMPATAN TENAGA KERJA DAN PERLUASAN KESEMPATAN KERJA",
}

// meta is what a document says about itself.
type meta struct {
	Title    string
	Subject  string
	Keywords string
	Ref      string    // names the document in the footer of every page
	Created  time.Time // pinned, so the same record gives the same bytes
}

// doc is one document being drawn: an A4 page set up as tkm's official
// documents are. Its methods take UTF-8 text and encode it for the fonts.
type doc struct {
	pdf    *fpdf.Fpdf
	ref    string
	images int // images drawn so far
}

// newDoc starts a document with its metadata set and its first page open.
func newDoc(m meta) *doc {
	f := fpdf.New("P", "mm", "A4", "")
	f.SetMargins(marginX, marginTop, marginX)
	f.SetAutoPageBreak(true, marginBottom)
	f.SetCatalogSort(true)
	created := m.Created.UTC()
	if m.Created.IsZero() {
		created = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	f.SetCreationDate(created)
	f.SetModificationDate(created)
	f.SetTitle(plain(m.Title), true)
	f.SetSubject(plain(m.Subject), true)
	f.SetKeywords(plain(m.Keywords), true)
	f.SetAuthor(author, true)
	f.SetCreator("tkm", true)
	f.SetLang("id-ID")
	f.SetFont(family, "", bodyPt)
	f.AddPage()
	return &doc{pdf: f, ref: m.Ref}
}

// font sets the style ("", "B", "I", "BU", …) and size in points.
func (d *doc) font(style string, pt float64) { d.pdf.SetFont(family, style, pt) }

// width is the width between the margins.
func (d *doc) width() float64 {
	w, _ := d.pdf.GetPageSize()
	return w - 2*marginX
}

// room is the height left on the page above the bottom margin.
func (d *doc) room() float64 {
	_, h := d.pdf.GetPageSize()
	return h - marginBottom - d.pdf.GetY()
}

// keep starts a new page unless a block of height h fits on this one.
func (d *doc) keep(h float64) {
	if d.room() < h {
		d.pdf.AddPage()
	}
}

// gap moves down h millimetres, back to the left margin.
func (d *doc) gap(h float64) { d.pdf.Ln(h) }

// lines splits text into the lines that fit width w in the current font;
// the lines come back encoded, ready to draw.
func (d *doc) lines(text string, w float64) []string {
	bs := d.pdf.SplitLines([]byte(winAnsi(text)), w)
	out := make([]string, len(bs))
	for i, b := range bs {
		out[i] = string(b)
	}
	return out
}

// centered writes text centred between the margins, wrapped as needed.
func (d *doc) centered(text, style string, pt float64) {
	d.font(style, pt)
	d.pdf.MultiCell(0, pt*0.45, winAnsi(text), "", "C", false)
}

// para writes a justified paragraph between the margins, indented by
// indent millimetres, and leaves a little space after it.
func (d *doc) para(indent float64, text string) {
	d.font("", bodyPt)
	d.pdf.SetX(marginX + indent)
	d.pdf.MultiCell(d.width()-indent, lineH, winAnsi(text), "", "J", false)
	d.gap(paraGap)
}

// paraHeight is the height para takes to write text at indent.
func (d *doc) paraHeight(indent float64, text string) float64 {
	d.font("", bodyPt)
	return float64(len(d.lines(text, d.width()-indent)))*lineH + paraGap
}

// field is one "label : value" line of a block of particulars.
type field struct{ label, value string }

// fields writes label : value lines at indent, the values aligned after a
// label column labelW wide and wrapped under themselves.
func (d *doc) fields(indent, labelW float64, fs []field) {
	d.font("", bodyPt)
	x := marginX + indent
	for _, f := range fs {
		d.pdf.SetX(x)
		d.pdf.CellFormat(labelW, lineH, winAnsi(f.label), "", 0, "L", false, 0, "")
		d.pdf.CellFormat(4, lineH, ":", "", 0, "L", false, 0, "")
		d.pdf.MultiCell(d.width()-indent-labelW-4, lineH, winAnsi(f.value), "", "L", false)
	}
}

// letterhead writes the heading lines centred, the first one larger, above
// the double rule of an Indonesian letterhead (kop surat).
func (d *doc) letterhead(lines []string) {
	for i, l := range lines {
		pt := 8.5 // the directorate general's long name fits on one line
		if i == 0 {
			pt = 12
		}
		d.centered(l, "B", pt)
	}
	y := d.pdf.GetY() + 2
	right := marginX + d.width()
	d.pdf.SetLineWidth(0.8)
	d.pdf.Line(marginX, y, right, y)
	d.pdf.SetLineWidth(0.2)
	d.pdf.Line(marginX, y+1.2, right, y+1.2)
	d.pdf.SetY(y + 6)
}

// finish numbers the pages when there is more than one and writes the
// document to w.
func (d *doc) finish(w io.Writer) error {
	if n := d.pdf.PageCount(); n > 1 {
		d.pdf.SetAutoPageBreak(false, 0)
		for i := 1; i <= n; i++ {
			d.pdf.SetPage(i)
			d.footer(i, n)
		}
	}
	return d.pdf.Output(w)
}

// footer writes the document's reference and "Halaman i dari n" at the foot
// of the current page. It runs after the page's content, so it sets its
// font explicitly: the font in force in the page's own stream is unknown.
func (d *doc) footer(i, n int) {
	_, h := d.pdf.GetPageSize()
	y := h - footerFromY
	d.pdf.SetDrawColor(150, 150, 150)
	d.pdf.SetLineWidth(0.2)
	d.pdf.Line(marginX, y-1, marginX+d.width(), y-1)
	d.font("", smallPt)
	d.pdf.SetFontSize(smallPt) // always emitted, unlike SetFont
	d.pdf.SetTextColor(90, 90, 90)
	d.pdf.SetXY(marginX, y)
	half := d.width() / 2
	ref := ""
	if ls := d.lines(d.ref, half); len(ls) > 0 {
		ref = ls[0] // a long reference is cut, not run into the page number
	}
	d.pdf.CellFormat(half, 4, ref, "", 0, "L", false, 0, "")
	page := "Halaman " + strconv.Itoa(i) + " dari " + strconv.Itoa(n)
	d.pdf.CellFormat(half, 4, page, "", 0, "R", false, 0, "")
}

// section writes a bold heading ("A. Ringkasan") on the page where the
// next at millimetres of what it heads fit too, so it never ends a page.
func (d *doc) section(text string, next float64) {
	d.keep(lineH + 1 + next)
	d.font("B", bodyPt)
	d.pdf.MultiCell(0, lineH, winAnsi(text), "", "L", false)
	d.gap(1)
}

// ellipsis ends text that was cut ("…" in Windows-1252).
const ellipsis = "\x85"

// clip returns text cut to the first n lines it wraps to in width w in the
// current font, the last line ending in "…" when something was cut, so a
// long name or story takes a known room.
func (d *doc) clip(text string, w float64, n int) string {
	ls := d.lines(text, w)
	if len(ls) <= max(n, 1) {
		return text
	}
	ls = ls[:max(n, 1)]
	last := strings.TrimRight(ls[len(ls)-1], " ")
	for last != "" && d.pdf.GetStringWidth(last+ellipsis) > w-2*d.pdf.GetCellMargin() {
		last = strings.TrimRight(last[:len(last)-1], " ")
	}
	ls[len(ls)-1] = last + ellipsis
	return fromWinAnsi(strings.Join(ls, " "))
}
