package pdf_test

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/png"
	"io"
	"regexp"
	"strconv"
	"testing"

	"github.com/makiuchi-d/gozxing"
	zxqrcode "github.com/makiuchi-d/gozxing/qrcode"
)

// The PDF reader of the text helper cannot decode the PNG predictors of
// images, so the images are taken from the file's bytes: fpdf writes a
// palette PNG as an image object holding the PNG's own compressed pixel
// data, with its palette in the next object, uncompressed streams of
// dictionaries on lines of their own.
var imageObject = regexp.MustCompile(`/Subtype /Image\n/Width (\d+)\n/Height (\d+)\n` +
	`/ColorSpace \[/Indexed /DeviceRGB \d+ (\d+) 0 R\]\n/BitsPerComponent (\d+)\n` +
	`/Filter /FlateDecode\n/DecodeParms <<[^>]*>>\n/Length (\d+)>>\nstream\n`)

// paletteImages returns the palette images embedded in a PDF made by
// fpdf, decoded, in the order of the file.
func paletteImages(t testing.TB, b []byte) []image.Image {
	t.Helper()
	var out []image.Image
	for _, m := range imageObject.FindAllSubmatchIndex(b, -1) {
		n := func(i int) int { v, _ := strconv.Atoi(string(b[m[2*i]:m[2*i+1]])); return v }
		w, h, palObj, bpc, length := n(1), n(2), n(3), n(4), n(5)
		idat := b[m[1] : m[1]+length]
		img, err := png.Decode(bytes.NewReader(pngFile(w, h, bpc, palette(t, b, palObj), idat)))
		if err != nil {
			t.Fatalf("image %d×%d: %v", w, h, err)
		}
		out = append(out, img)
	}
	return out
}

// palette returns the RGB palette held by object obj of the PDF b.
func palette(t testing.TB, b []byte, obj int) []byte {
	t.Helper()
	re := regexp.MustCompile(fmt.Sprintf(`\n%d 0 obj\n<<(/Filter /FlateDecode )?/Length (\d+)>>\nstream\n`, obj))
	m := re.FindSubmatchIndex(b)
	if m == nil {
		t.Fatalf("no palette object %d", obj)
	}
	length, _ := strconv.Atoi(string(b[m[4]:m[5]]))
	data := b[m[1] : m[1]+length]
	if m[2] < 0 {
		return data
	}
	zr, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("palette %d: %v", obj, err)
	}
	pal, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("palette %d: %v", obj, err)
	}
	return pal
}

// pngFile wraps compressed palette-image pixel data in a PNG file.
func pngFile(w, h, bpc int, pal, idat []byte) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := binary.BigEndian.AppendUint32(nil, uint32(w))
	ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(h))
	ihdr = append(ihdr, byte(bpc), 3, 0, 0, 0) // colour type 3: palette
	pngChunk(&b, "IHDR", ihdr)
	pngChunk(&b, "PLTE", pal)
	pngChunk(&b, "IDAT", idat)
	pngChunk(&b, "IEND", nil)
	return b.Bytes()
}

// pngChunk writes one PNG chunk: length, type, data and CRC.
func pngChunk(b *bytes.Buffer, typ string, data []byte) {
	b.Write(binary.BigEndian.AppendUint32(nil, uint32(len(data))))
	crc := crc32.NewIEEE()
	crc.Write([]byte(typ))
	crc.Write(data)
	b.WriteString(typ)
	b.Write(data)
	b.Write(binary.BigEndian.AppendUint32(nil, crc.Sum32()))
}

// decodeQR reads the QR code in img with a QR decoder independent of the
// encoder.
func decodeQR(t testing.TB, img image.Image) string {
	t.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatalf("bitmap: %v", err)
	}
	res, err := zxqrcode.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("decode QR code: %v", err)
	}
	return res.GetText()
}
