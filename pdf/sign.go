package pdf

// Signature block geometry, in millimetres.
const (
	signSpace  = 22.0 // room to sign in
	stampW     = 24.0 // the box for a duty stamp (meterai)
	stampH     = 16.0
	blankName  = "(.......................................)"
	stampLabel = "Meterai"
)

// signature is one signing block: the lines above the space to sign
// ("PIHAK KEDUA", "Ketua Kelompok …"), the signer's name below it (empty:
// a dotted line to write the name on) and whether a box marks where the
// duty stamp (meterai) goes.
type signature struct {
	over  []string
	name  string
	stamp bool
}

// signatures draws blocks side by side in equal columns, with a dated line
// ("Badung, 19 November 2019") above the last one. A lone block takes the
// right half of the page, where an Indonesian letter is signed. The whole
// set stays on one page.
func (d *doc) signatures(dated string, blocks ...signature) {
	if len(blocks) == 0 {
		return
	}
	d.keep(d.signaturesHeight(blocks))
	colW := d.signColW(blocks)
	left := marginX + d.width() - colW*float64(len(blocks))
	y := d.pdf.GetY()
	d.font("", bodyPt)
	d.pdf.SetXY(left+colW*float64(len(blocks)-1), y)
	d.pdf.CellFormat(colW, lineH, winAnsi(dated), "", 0, "C", false, 0, "")
	y += lineH
	rows := d.overRows(blocks, colW)
	bottom := y
	for i, b := range blocks {
		bottom = max(bottom, d.signature(b, left+colW*float64(i), y, colW, rows))
	}
	d.pdf.SetXY(marginX, bottom)
}

// signColW is the width of each signature block's column: the page
// shared among the blocks, but never more than half of it.
func (d *doc) signColW(blocks []signature) float64 {
	return d.width() / float64(max(len(blocks), 2))
}

// signaturesHeight is the height of a set of signature blocks: the dated
// line, the lines over the space, the space and a line for the name.
func (d *doc) signaturesHeight(blocks []signature) float64 {
	rows := d.overRows(blocks, d.signColW(blocks))
	return float64(rows+2)*lineH + signSpace
}

// overRows is the number of wrapped lines over the space in the tallest of
// blocks, each colW wide.
func (d *doc) overRows(blocks []signature, colW float64) int {
	d.font("", bodyPt)
	most := 0
	for _, b := range blocks {
		n := 0
		for _, l := range b.over {
			n += len(d.lines(l, colW))
		}
		most = max(most, n)
	}
	return most
}

// signature draws one block in the column at x, colW wide, from y; rows is
// the number of lines over the space in the tallest block, so that the
// names of all blocks line up. It returns the height below the block.
func (d *doc) signature(b signature, x, y, colW float64, rows int) float64 {
	d.font("", bodyPt)
	d.pdf.SetY(y)
	for _, l := range b.over {
		d.pdf.SetX(x)
		d.pdf.MultiCell(colW, lineH, winAnsi(l), "", "C", false)
	}
	space := y + float64(rows)*lineH
	if b.stamp {
		d.stampBox(x+4, space+(signSpace-stampH)/2)
	}
	name, style := blankName, ""
	if b.name != "" {
		name, style = b.name, "BU"
	}
	d.font(style, bodyPt)
	d.pdf.SetXY(x, space+signSpace)
	d.pdf.MultiCell(colW, lineH, winAnsi(name), "", "C", false)
	return d.pdf.GetY()
}

// stampBox draws the dashed box, labelled, where the meterai is stuck.
func (d *doc) stampBox(x, y float64) {
	d.pdf.SetDrawColor(120, 120, 120)
	d.pdf.SetDashPattern([]float64{1, 1}, 0)
	d.pdf.Rect(x, y, stampW, stampH, "D")
	d.pdf.SetDashPattern(nil, 0)
	d.pdf.SetDrawColor(0, 0, 0)
	d.font("", smallPt)
	d.pdf.SetTextColor(120, 120, 120)
	d.pdf.SetXY(x, y+stampH/2-2)
	d.pdf.CellFormat(stampW, 4, stampLabel, "", 0, "C", false, 0, "")
	d.pdf.SetTextColor(0, 0, 0)
}
