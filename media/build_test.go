package media

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"

	"tkm"
)

// This file makes the images the tests feed to ReadPhoto.

// photoLike returns a w×h image with smooth gradients and some noise, so that
// it compresses about as a photo does.
func photoLike(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	seed := uint32(1)
	for y := range h {
		for x := range w {
			seed = seed*1664525 + 1013904223
			n := uint8(seed >> 28)
			i := m.PixOffset(x, y)
			m.Pix[i+0] = uint8(x*200/w) + n
			m.Pix[i+1] = uint8(y*200/h) + n
			m.Pix[i+2] = uint8((x+y)*100/(w+h)) + 60 + n
			m.Pix[i+3] = 0xFF
		}
	}
	return m
}

func encodeJPEGBytes(t testing.TB, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func encodePNGBytes(t testing.TB, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// withSegment returns a JPEG file with one more marker segment right after SOI.
func withSegment(jpg []byte, marker byte, body []byte) []byte {
	n := len(body) + 2
	out := []byte{0xFF, 0xD8, 0xFF, marker, byte(n >> 8), byte(n)}
	out = append(out, body...)
	return append(out, jpg[2:]...)
}

// exifBody returns the body of an Exif APP1 segment (big-endian TIFF) whose
// IFD0 holds the Orientation o (none if o is 0) and a GPS IFD with a latitude,
// as a phone writes it.
func exifBody(o int) []byte {
	var t bytes.Buffer
	t.WriteString("Exif\x00\x00MM\x00*\x00\x00\x00\x08")
	entries := [][]byte{}
	entry := func(tag, typ uint16, count, value uint32) []byte {
		e := binary.BigEndian.AppendUint16(nil, tag)
		e = binary.BigEndian.AppendUint16(e, typ)
		e = binary.BigEndian.AppendUint32(e, count)
		return binary.BigEndian.AppendUint32(e, value)
	}
	if o != 0 {
		entries = append(entries, entry(0x0112, 3, 1, uint32(o)<<16))
	}
	gpsIFD := uint32(8 + 2 + 12*(len(entries)+1) + 4)
	entries = append(entries, entry(0x8825, 4, 1, gpsIFD)) // GPSInfo
	t.Write(binary.BigEndian.AppendUint16(nil, uint16(len(entries))))
	for _, e := range entries {
		t.Write(e)
	}
	t.Write([]byte{0, 0, 0, 0}) // no IFD1
	// The GPS IFD: GPSLatitudeRef "S" and a marker string a test looks for.
	t.Write([]byte{0, 1})
	t.Write(entry(0x0001, 2, 2, 'S'<<24))
	t.Write([]byte{0, 0, 0, 0})
	t.WriteString("GPSLatitude -8.7467 GPSLongitude 115.1668 Jalan Pantai Kuta")
	return t.Bytes()
}

// withChunk returns a PNG file with one more chunk right after IHDR.
func withChunk(p []byte, typ string, data []byte) []byte {
	const afterIHDR = 8 + 8 + 13 + 4
	c := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	c = append(c, typ...)
	c = append(c, data...)
	c = binary.BigEndian.AppendUint32(c, crc32.ChecksumIEEE(c[4:]))
	out := append([]byte{}, p[:afterIHDR]...)
	out = append(out, c...)
	return append(out, p[afterIHDR:]...)
}

// pngBomb returns a w×h 8-bit RGBA PNG whose pixel data is one small zlib
// stream of zeros: a few hundred bytes that decode to w×h×4 bytes, or fail
// to once the stream runs out, after the decoder has made room for them all.
func pngBomb(w, h uint32) []byte {
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 6, 0, 0, 0)
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(make([]byte, 64<<10))
	zw.Close()
	out := []byte("\x89PNG\r\n\x1a\n")
	for _, c := range []struct {
		typ  string
		data []byte
	}{{"IHDR", ihdr}, {"IDAT", z.Bytes()}, {"IEND", nil}} {
		b := binary.BigEndian.AppendUint32(nil, uint32(len(c.data)))
		b = append(append(b, c.typ...), c.data...)
		out = append(append(out, b...), binary.BigEndian.AppendUint32(nil, crc32.ChecksumIEEE(b[4:]))...)
	}
	return out
}

// bitWriter writes JPEG entropy-coded data, stuffing a zero after each 0xFF.
type bitWriter struct {
	buf   bytes.Buffer
	acc   uint32
	nbits uint
}

func (w *bitWriter) write(bits uint32, n uint) {
	for i := int(n) - 1; i >= 0; i-- {
		w.acc = w.acc<<1 | bits>>uint(i)&1
		if w.nbits++; w.nbits == 8 {
			w.buf.WriteByte(byte(w.acc))
			if byte(w.acc) == 0xFF {
				w.buf.WriteByte(0)
			}
			w.acc, w.nbits = 0, 0
		}
	}
}

func (w *bitWriter) flush() []byte {
	for w.nbits != 0 {
		w.write(1, 1)
	}
	return w.buf.Bytes()
}

// progressiveJPEG returns a valid grey w×h progressive JPEG with one DC scan
// and acScans AC scans, each a few bytes of end-of-band runs: the
// LJT-01-003 shape, where every scan costs the decoder a walk over every block.
func progressiveJPEG(w, h, acScans int) []byte {
	var b bytes.Buffer
	seg := func(marker byte, body ...byte) {
		b.Write([]byte{0xFF, marker, byte((len(body) + 2) >> 8), byte(len(body) + 2)})
		b.Write(body)
	}
	b.Write([]byte{0xFF, 0xD8})
	seg(0xDB, append([]byte{0}, bytes.Repeat([]byte{1}, 64)...)...)
	seg(0xC2, 8, byte(h>>8), byte(h), byte(w>>8), byte(w), 1, 1, 0x11, 0)
	oneCode := func(class, symbol byte) []byte { // one Huffman code, "0"
		return append(append([]byte{class, 1}, make([]byte, 15)...), symbol)
	}
	seg(0xC4, oneCode(0x00, 0x00)...) // DC: difference 0
	seg(0xC4, oneCode(0x10, 0xE0)...) // AC: EOB14, a run of up to 32767 blocks
	blocks := ((w + 7) / 8) * ((h + 7) / 8)
	seg(0xDA, 1, 1, 0x00, 0, 0, 0)
	var dc bitWriter
	for range blocks {
		dc.write(0, 1)
	}
	b.Write(dc.flush())
	for range acScans {
		seg(0xDA, 1, 1, 0x00, 1, 63, 0)
		var ac bitWriter
		for range (blocks + 32766) / 32767 {
			ac.write(0, 1)
			ac.write(1<<14-1, 14)
		}
		b.Write(ac.flush())
	}
	b.Write([]byte{0xFF, 0xD9})
	return b.Bytes()
}

// fieldCode returns the code of the one FieldError on "file" that a refusal
// carries, checking the error's shape on the way.
func fieldCode(t testing.TB, err error) string {
	t.Helper()
	var e *tkm.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not a *tkm.Error", err, err)
	}
	if len(e.Fields) != 1 || e.Fields[0].Field != "file" {
		t.Fatalf("error %v: want one FieldError on \"file\"", err)
	}
	f := e.Fields[0]
	if f.Message == "" || f.English == "" || e.Message == "" || e.English == "" {
		t.Errorf("error %v: a message is missing", err)
	}
	return f.Code
}

// quadrants returns a w×h image whose quarters are red (top left), green
// (top right), blue (bottom left) and white (bottom right).
func quadrants(w, h int) *image.NRGBA {
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	colors := [2][2]color.NRGBA{
		{{255, 0, 0, 255}, {0, 255, 0, 255}},
		{{0, 0, 255, 255}, {255, 255, 255, 255}},
	}
	for y := range h {
		for x := range w {
			m.SetNRGBA(x, y, colors[y*2/h][x*2/w])
		}
	}
	return m
}

// quadrantNames names the colours at the centres of img's quarters, in
// reading order, as letters: R, G, B, W (or ? for none of them).
func quadrantNames(img image.Image) string {
	b := img.Bounds()
	var s []byte
	for _, q := range [][2]int{{1, 1}, {3, 1}, {1, 3}, {3, 3}} {
		r, g, bl, _ := img.At(b.Min.X+b.Dx()*q[0]/4, b.Min.Y+b.Dy()*q[1]/4).RGBA()
		hi := func(v uint32) bool { return v > 0xC000 }
		lo := func(v uint32) bool { return v < 0x4000 }
		switch {
		case hi(r) && hi(g) && hi(bl):
			s = append(s, 'W')
		case hi(r) && lo(g) && lo(bl):
			s = append(s, 'R')
		case lo(r) && hi(g) && lo(bl):
			s = append(s, 'G')
		case lo(r) && lo(g) && hi(bl):
			s = append(s, 'B')
		default:
			s = append(s, '?')
		}
	}
	return string(s)
}
