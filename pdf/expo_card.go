package pdf

import (
	"cmp"
	"strconv"
	"strings"

	"tkm"
)

// Geometry of a booth's block in the catalogue, in millimetres. A block is
// at least cardMinH high, so no more than three share a page; the caps
// below keep the tallest block under half a page, so at least two do.
const (
	cardMinH  = 84.0
	cardGap   = 5.0 // between blocks
	cardPad   = 3.0 // under the band and at the foot of a block
	bandH     = 9.0 // the band with the booth number
	bandPt    = 15.0
	qrColW    = 46.0
	qrSize    = 36.0
	cardGutW  = 4.0 // between the text and the QR code
	urlLineH  = 3.2
	urlMaxPt  = 7.0
	urlMinPt  = 5.0
	cardTextH = 4.2 // line height of a block's small text
)

// Caps on what a block shows; the group's page shows the rest.
const (
	nameLines    = 2
	storyLines   = 5
	contactLines = 2
	maxProducts  = 4
	cellLines    = 2 // in the products table
)

// textRun is a run of text in a block's column: its font, line height,
// the space after it and the most lines it may take.
type textRun struct {
	text   string
	style  string
	pt, lh float64
	after  float64
	lines  int
}

// card is one booth's block, laid out before it is drawn so that its
// height is known.
type card struct {
	booth    string    // "STAN A1"
	head     []textRun // above the products
	products table
	tail     []textRun // below the products
	url      string
	urlLines []string // encoded, urlPt high
	urlPt    float64
}

// productColumns are the columns of a block's products table; they fill
// the text column (width - qrColW - cardGutW = 120 mm).
var productColumns = []column{
	{"Produk", 52, "L"},
	{"Harga", 40, "R"},
	{"Kapasitas/bulan", 28, "R"},
}

// textW is the width of a block's text column.
func (c *catalogue) textW() float64 { return c.width() - qrColW - cardGutW }

// card lays out b's block from the public record of its group, or from
// the booth alone when there is none.
func (c *catalogue) card(b booth) card {
	g := b.group
	if g == nil {
		g = &tkm.PublicGroup{ID: b.GroupID, Name: b.GroupName, RegionCode: b.RegionCode, Sector: b.Sector}
	}
	k := card{url: publicURL(c.BaseURL, g.ID)}
	c.font("B", bandPt)
	k.booth = c.clip("STAN "+cmp.Or(strings.TrimSpace(b.Booth), "-"), c.width()-2*cardPad, 1)
	k.head = c.runs([]textRun{
		{text: g.Name, style: "B", pt: 12, lh: 5.5, after: 1, lines: nameLines},
		{text: regencyPath(c.Regions, g.RegionCode), pt: 9, lh: cardTextH, lines: 1},
		{text: "Bidang usaha: " + cmp.Or(g.Sector, "-"), pt: 9, lh: cardTextH, after: 2, lines: 1},
		{text: g.Story, pt: 9, lh: cardTextH, after: 2, lines: storyLines},
	})
	k.products = c.products(g.Products)
	k.tail = c.runs([]textRun{
		{text: moreProducts(len(g.Products)), style: "I", pt: 8.5, lh: cardTextH, after: 1, lines: 1},
		{text: contactLine(g.Contact), pt: 9, lh: cardTextH, lines: contactLines},
	})
	k.urlPt, k.urlLines = c.fitURL(k.url)
	return k
}

// runs trims each run and clips it to its lines in the text column, in
// its own font, and drops the empty ones.
func (c *catalogue) runs(rs []textRun) []textRun {
	out := rs[:0]
	for _, r := range rs {
		if r.text = strings.TrimSpace(r.text); r.text == "" {
			continue
		}
		c.font(r.style, r.pt)
		r.text = c.clip(r.text, c.textW(), r.lines)
		out = append(out, r)
	}
	return out
}

// products is the table of the first maxProducts products, each cell
// clipped to cellLines lines.
func (c *catalogue) products(ps []*tkm.Product) table {
	t := table{cols: productColumns}
	c.font("", tablePt)
	for _, p := range ps[:min(len(ps), maxProducts)] {
		if p == nil {
			continue
		}
		cells := []string{p.Name, unitPrice(p), capacity(p)}
		for i, s := range cells {
			cells[i] = c.clip(s, productColumns[i].width, cellLines)
		}
		t.rows = append(t.rows, row{cells: cells})
	}
	return t
}

// unitPrice writes a product's price per unit: "Rp25.000 per bungkus".
func unitPrice(p *tkm.Product) string {
	if p.Unit == "" {
		return tkm.FormatRupiah(p.Price)
	}
	return tkm.FormatRupiah(p.Price) + " per " + p.Unit
}

// capacity writes how much of a product a group makes in a month: "500
// bungkus", or "-" when it did not say.
func capacity(p *tkm.Product) string {
	if p.MonthlyCapacity <= 0 {
		return "-"
	}
	s := tkm.FormatNumber(int64(p.MonthlyCapacity))
	if p.Unit != "" {
		s += " " + p.Unit
	}
	return s
}

// moreProducts says how many products the block leaves out, or nothing.
func moreProducts(n int) string {
	if n <= maxProducts {
		return ""
	}
	return "dan " + strconv.Itoa(n-maxProducts) + " produk lainnya di halaman kelompok"
}

// contactLine is the contact the group chose to publish, or nothing.
func contactLine(contact string) string {
	if contact == "" {
		return ""
	}
	return "Kontak: " + contact
}

// fitURL picks the largest type, down to urlMinPt, in which u fits on one
// line under the QR code, and wraps it when even that is too wide.
func (c *catalogue) fitURL(u string) (float64, []string) {
	pt := urlMaxPt
	for ; pt > urlMinPt; pt -= 0.5 {
		c.font("", pt)
		if len(c.lines(u, qrColW)) == 1 {
			break
		}
	}
	c.font("", pt)
	return pt, c.lines(u, qrColW)
}

// cardHeight is the height of k's block, without the gap after it.
func (c *catalogue) cardHeight(k card) float64 {
	text := 0.0
	for _, rs := range [][]textRun{k.head, k.tail} {
		for _, r := range rs {
			text += c.runHeight(r)
		}
	}
	if len(k.products.rows) > 0 {
		text += c.tableHeight(k.products)
	}
	qr := qrSize + 1 + float64(len(k.urlLines))*urlLineH
	return max(cardMinH, bandH+cardPad+max(text, qr)+cardPad)
}

// runHeight is the height r takes in the text column.
func (c *catalogue) runHeight(r textRun) float64 {
	c.font(r.style, r.pt)
	return float64(len(c.lines(r.text, c.textW())))*r.lh + r.after
}

// drawCard draws k's block on the page where it fits whole.
func (c *catalogue) drawCard(k card) error {
	h := c.cardHeight(k)
	c.keep(h)
	top := c.pdf.GetY()
	c.band(k.booth, top)
	c.pdf.SetXY(marginX, top+bandH+cardPad)
	for _, r := range k.head {
		c.drawRun(r)
	}
	if len(k.products.rows) > 0 {
		c.table(k.products)
	}
	for _, r := range k.tail {
		c.drawRun(r)
	}
	err := c.qrColumn(k, top+bandH+cardPad)
	c.pdf.SetXY(marginX, top+h+cardGap)
	return err
}

// band writes the booth ("STAN A1") large on a shaded band across the
// page.
func (c *catalogue) band(booth string, y float64) {
	c.pdf.SetFillColor(230, 230, 230)
	c.pdf.Rect(marginX, y, c.width(), bandH, "F")
	c.font("B", bandPt)
	c.pdf.SetXY(marginX+cardPad, y)
	c.pdf.CellFormat(c.width()-2*cardPad, bandH, winAnsi(booth), "", 0, "L", false, 0, "")
}

// drawRun writes r in the text column from the current height.
func (c *catalogue) drawRun(r textRun) {
	c.font(r.style, r.pt)
	c.pdf.SetX(marginX)
	c.pdf.MultiCell(c.textW(), r.lh, winAnsi(r.text), "", "L", false)
	c.gap(r.after)
}

// qrColumn draws k's QR code at the top of the right-hand column, from
// y, with the address printed small under it, both linked to it.
func (c *catalogue) qrColumn(k card, y float64) error {
	x := marginX + c.width() - qrColW
	if err := c.qr(k.url, x+(qrColW-qrSize)/2, y, qrSize); err != nil {
		return err
	}
	c.font("", k.urlPt)
	for i, l := range k.urlLines {
		c.pdf.SetXY(x, y+qrSize+1+float64(i)*urlLineH)
		c.pdf.CellFormat(qrColW, urlLineH, l, "", 0, "C", false, 0, k.url)
	}
	return nil
}
