package pdf

import (
	"bytes"
	"fmt"

	"codeberg.org/go-pdf/fpdf"
	"github.com/skip2/go-qrcode"
)

// QR codes are drawn by github.com/skip2/go-qrcode (MIT, pure Go, no
// dependencies): the most used Go QR encoder, stable for years, whose PNG
// fpdf embeds as it is.
const (
	// qrLevel is the error correction level: Medium (15%) survives a
	// creased or smudged printed page and keeps the code small.
	qrLevel = qrcode.Medium
	// qrBasePx is the width in pixels of a document's first QR image; each
	// next one is a pixel wider. fpdf writes its images ordered by width
	// but leaves images of equal width in Go's random map order, which
	// would make every rendering's bytes differ; distinct widths pin the
	// order. At about seven pixels a module (a QR "pixel"), no module is
	// more than a pixel wider than another: nothing a scanner or an eye
	// notices on paper.
	qrBasePx = 256
)

// qrPNG encodes content as a QR code in a PNG image px pixels square, with
// the standard quiet zone around it.
func qrPNG(content string, px int) ([]byte, error) {
	b, err := qrcode.Encode(content, qrLevel, px)
	if err != nil {
		return nil, fmt.Errorf("QR code of %q: %w", content, err)
	}
	return b, nil
}

// qr draws a QR code of the address u, size millimetres square, with its
// top left corner at x, y; a click on it in a PDF reader opens u too.
func (d *doc) qr(u string, x, y, size float64) error {
	png, err := qrPNG(u, qrBasePx+d.images)
	if err != nil {
		return err
	}
	name := fmt.Sprintf("qr%d", d.images)
	d.images++
	opt := fpdf.ImageOptions{ImageType: "PNG"}
	d.pdf.RegisterImageOptionsReader(name, opt, bytes.NewReader(png))
	d.pdf.ImageOptions(name, x, y, size, size, false, opt, 0, u)
	return d.pdf.Error()
}
