package media

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"runtime"
	"testing"

	"tkm"
)

func TestReadPhotoAccepts(t *testing.T) {
	gray := image.NewGray(image.Rect(0, 0, 300, 200))
	for i := range gray.Pix {
		gray.Pix[i] = uint8(i)
	}
	paletted := image.NewPaletted(image.Rect(0, 0, 500, 500), color.Palette{color.Black, color.White})
	for i := range paletted.Pix {
		paletted.Pix[i] = uint8(i / 7 % 2)
	}
	transparent := image.NewNRGBA(image.Rect(0, 0, 400, 300)) // all transparent

	tests := []struct {
		name                 string
		file                 []byte
		contentType          string
		width, height        int
		thumbWidth, thumbHgt int
	}{
		{"jpeg landscape", encodeJPEGBytes(t, photoLike(1600, 1200)), TypeJPEG, 1600, 1200, 320, 240},
		{"jpeg portrait", encodeJPEGBytes(t, photoLike(900, 1600)), TypeJPEG, 900, 1600, 180, 320},
		{"jpeg odd size", encodeJPEGBytes(t, photoLike(1001, 333)), TypeJPEG, 1001, 333, 320, 106},
		{"jpeg small, not enlarged", encodeJPEGBytes(t, photoLike(200, 150)), TypeJPEG, 200, 150, 200, 150},
		{"jpeg 1×1", encodeJPEGBytes(t, photoLike(1, 1)), TypeJPEG, 1, 1, 1, 1},
		{"jpeg grey", encodeJPEGBytes(t, gray), TypeJPEG, 300, 200, 300, 200},
		{"png exactly the thumbnail", encodePNGBytes(t, photoLike(320, 320)), TypePNG, 320, 320, 320, 320},
		{"png panorama", encodePNGBytes(t, photoLike(2000, 300)), TypePNG, 2000, 300, 320, 48},
		{"png portrait", encodePNGBytes(t, photoLike(480, 640)), TypePNG, 480, 640, 240, 320},
		{"png 1×1", encodePNGBytes(t, photoLike(1, 1)), TypePNG, 1, 1, 1, 1},
		{"png paletted", encodePNGBytes(t, paletted), TypePNG, 500, 500, 320, 320},
		{"png transparent", encodePNGBytes(t, transparent), TypePNG, 400, 300, 320, 240},
		{"png a line 1×5000", encodePNGBytes(t, image.NewGray(image.Rect(0, 0, 1, 5000))), TypePNG, 1, 5000, 1, 320},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ReadPhoto(bytes.NewReader(tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if p.ContentType != tt.contentType || p.Width != tt.width || p.Height != tt.height {
				t.Errorf("got %s %d×%d, want %s %d×%d", p.ContentType, p.Width, p.Height, tt.contentType, tt.width, tt.height)
			}
			data, format, err := image.Decode(bytes.NewReader(p.Data))
			if err != nil || "image/"+format != tt.contentType || data.Bounds() != image.Rect(0, 0, tt.width, tt.height) {
				t.Errorf("Data decodes as %s %v, %v", format, boundsOf(data), err)
			}
			thumb, err := jpeg.Decode(bytes.NewReader(p.Thumb))
			if err != nil || thumb.Bounds() != image.Rect(0, 0, tt.thumbWidth, tt.thumbHgt) {
				t.Errorf("Thumb decodes as %v, %v; want %d×%d", boundsOf(thumb), err, tt.thumbWidth, tt.thumbHgt)
			}
		})
	}
}

func boundsOf(img image.Image) image.Rectangle {
	if img == nil {
		return image.Rectangle{}
	}
	return img.Bounds()
}

func TestReadPhotoRefuses(t *testing.T) {
	small := encodeJPEGBytes(t, photoLike(64, 48))
	smallPNG := encodePNGBytes(t, photoLike(64, 48))
	var gifFile bytes.Buffer
	if err := gif.Encode(&gifFile, photoLike(64, 48), nil); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name     string
		file     []byte
		code     string // of the tkm.Error
		field    string // of its FieldError
		contains string // in the Indonesian message
	}{
		{"empty", nil, tkm.EINVALID, CodeFileType, "JPG atau PNG"},
		{"text", []byte("Daftar anggota kelompok Tenun Ikat Sukarara\n"), tkm.EINVALID, CodeFileType, "JPG atau PNG"},
		{"gif", gifFile.Bytes(), tkm.EINVALID, CodeFileType, "bukan foto JPG atau PNG"},
		{"html named .jpg", []byte("<html><script>alert(1)</script>"), tkm.EINVALID, CodeFileType, "8 MB"},
		{"one byte over the cap", padded(small, MaxPhotoBytes+1), tkm.ETOOLARGE, CodeFileTooLarge, "paling besar 8 MB"},
		{"far over the cap", padded(small, 3*MaxPhotoBytes), tkm.ETOOLARGE, CodeFileTooLarge, "8 MB"},
		{"png claiming 100000×100000", pngBomb(100000, 100000), tkm.EINVALID, CodeImageTooBig, "100000×100000"},
		{"png just over MaxPixels", pngBomb(8000, 3001), tkm.EINVALID, CodeImageTooBig, "24 juta piksel"},
		{"jpeg claiming 65500×65500", jpegClaiming(t, 65500, 65500), tkm.EINVALID, CodeImageTooBig, "65500×65500"},
		{"jpeg cut short", small[:len(small)/2], tkm.EINVALID, CodeImageCorrupt, "unggah lagi"},
		{"jpeg header only", small[:3], tkm.EINVALID, CodeImageCorrupt, "rusak"},
		{"jpeg magic then junk", append([]byte{0xFF, 0xD8, 0xFF}, "junk junk junk"...), tkm.EINVALID, CodeImageCorrupt, "rusak"},
		{"png cut short", smallPNG[:len(smallPNG)-40], tkm.EINVALID, CodeImageCorrupt, "terpotong"},
		{"png signature only", []byte("\x89PNG\r\n\x1a\n"), tkm.EINVALID, CodeImageCorrupt, "rusak"},
		{"png zero width", pngBomb(0, 10), tkm.EINVALID, CodeImageCorrupt, "rusak"},
		{"jpeg with too many scans", progressiveJPEG(64, 64, maxJPEGScans), tkm.EINVALID, CodeImageCorrupt, "JPG atau PNG"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ReadPhoto(bytes.NewReader(tt.file))
			if err == nil {
				t.Fatalf("accepted as %s %d×%d", p.ContentType, p.Width, p.Height)
			}
			if got := fieldCode(t, err); got != tt.field {
				t.Errorf("field code %q, want %q (%v)", got, tt.field, err)
			}
			if got := tkm.ErrorCode(err); got != tt.code {
				t.Errorf("code %q, want %q", got, tt.code)
			}
			if msg := tkm.ErrorMessage(err); !bytes.Contains([]byte(msg), []byte(tt.contains)) {
				t.Errorf("message %q does not say %q", msg, tt.contains)
			}
		})
	}
}

// jpegClaiming returns a small JPEG whose frame header claims w×h pixels.
func jpegClaiming(t testing.TB, w, h int) []byte {
	file := encodeJPEGBytes(t, photoLike(64, 48))
	sof := bytes.Index(file, []byte{0xFF, 0xC0}) // then length, precision, height, width
	copy(file[sof+5:], []byte{byte(h >> 8), byte(h), byte(w >> 8), byte(w)})
	return file
}

// padded returns file followed by zeros up to n bytes.
func padded(file []byte, n int) []byte {
	out := make([]byte, n)
	copy(out, file)
	return out
}

func TestReadPhotoSizeCap(t *testing.T) {
	// Bytes after the end of the image do not stop it decoding, so a file
	// exactly at the cap is a good photo and one byte more is too large.
	jpg := encodeJPEGBytes(t, photoLike(64, 48))
	if _, err := ReadPhoto(bytes.NewReader(padded(jpg, MaxPhotoBytes))); err != nil {
		t.Errorf("a file of exactly MaxPhotoBytes: %v", err)
	}
	if _, err := ReadPhoto(bytes.NewReader(padded(jpg, MaxPhotoBytes+1))); tkm.ErrorCode(err) != tkm.ETOOLARGE {
		t.Errorf("a file of MaxPhotoBytes+1: %v", err)
	}
}

// TestReadPhotoBombStaysSmall feeds headers that claim gigapixel images and
// checks that ReadPhoto refuses them having allocated almost nothing.
func TestReadPhotoBombStaysSmall(t *testing.T) {
	bombs := map[string][]byte{
		"png 100000×100000": pngBomb(100000, 100000),
		"png 20000×20000":   pngBomb(20000, 20000),
		"png 2³¹-1 square":  pngBomb(1<<31-1, 1<<31-1),
		"jpeg 65500×65500":  jpegClaiming(t, 65500, 65500),
	}
	for name, file := range bombs {
		t.Run(name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := ReadPhoto(bytes.NewReader(file))
			runtime.ReadMemStats(&after)
			if code := tkm.ErrorCode(err); code != tkm.EINVALID {
				t.Fatalf("got %v", err)
			}
			if n := after.TotalAlloc - before.TotalAlloc; n > 1<<20 {
				t.Errorf("allocated %d bytes refusing a %d-byte header", n, len(file))
			}
			allocs := testing.AllocsPerRun(10, func() { _, _ = ReadPhoto(bytes.NewReader(file)) })
			if allocs > 50 {
				t.Errorf("%v allocations refusing a header", allocs)
			}
		})
	}
}

// TestReadPhotoScanBomb shows why maxJPEGScans exists: each scan of a few
// dozen bytes costs the decoder a walk over every block of the image.
func TestReadPhotoScanBomb(t *testing.T) {
	ok := progressiveJPEG(2000, 2000, 10) // as many scans as a real progressive JPEG
	p, err := ReadPhoto(bytes.NewReader(ok))
	if err != nil || p.Width != 2000 {
		t.Fatalf("a valid progressive JPEG with 10 scans: %v", err)
	}
	// 23 megapixels in 50,000 scans: decoding it would take a quarter of
	// an hour; it is refused before decoding.
	bomb := progressiveJPEG(4800, 4800, 50_000)
	_, err = ReadPhoto(bytes.NewReader(bomb))
	if fieldCode(t, err) != CodeImageCorrupt {
		t.Fatalf("got %v", err)
	}
}

func TestReadPhotoStripsEXIF(t *testing.T) {
	jpg := encodeJPEGBytes(t, photoLike(640, 480))
	jpg = withSegment(jpg, 0xE1, exifBody(1))
	jpg = withSegment(jpg, 0xE1, []byte("http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta>GPS home</x:xmpmeta>"))
	jpg = withSegment(jpg, 0xFE, []byte("GPS comment: rumah ketua"))
	jpg = append(jpg, "GPS trailer after EOI"...)
	if !bytes.Contains(jpg, []byte("GPSLatitude")) {
		t.Fatal("test file carries no GPS")
	}
	p, err := ReadPhoto(bytes.NewReader(jpg))
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range [][]byte{p.Data, p.Thumb} {
		for _, s := range []string{"GPS", "Exif", "xmpmeta", "Kuta", "rumah"} {
			if bytes.Contains(b, []byte(s)) {
				t.Errorf("output still contains %q", s)
			}
		}
	}
	if p.Width != 640 || p.Height != 480 {
		t.Errorf("got %d×%d", p.Width, p.Height)
	}
}

func TestReadPhotoStripsPNGMetadata(t *testing.T) {
	file := encodePNGBytes(t, photoLike(300, 200))
	file = withChunk(file, "tEXt", []byte("Comment\x00GPS -8.7467 115.1668"))
	file = withChunk(file, "eXIf", exifBody(6)[6:])
	file = withChunk(file, "tIME", []byte{0x07, 0xE9, 1, 2, 3, 4, 5})
	p, err := ReadPhoto(bytes.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"GPS", "tEXt", "eXIf", "tIME"} {
		if bytes.Contains(p.Data, []byte(s)) {
			t.Errorf("Data still contains %q", s)
		}
	}
	if p.Width != 300 || p.Height != 200 {
		t.Errorf("got %d×%d: a PNG's eXIf orientation is not applied", p.Width, p.Height)
	}
}

// orientations holds, for each EXIF orientation, where the quarters of the
// stored image (R G / B W) are shown.
var orientations = []struct {
	o     int
	shown string
}{
	{1, "RGBW"}, {2, "GRWB"}, {3, "WBGR"}, {4, "BWRG"},
	{5, "RBGW"}, {6, "BRWG"}, {7, "WGBR"}, {8, "GWRB"},
}

func TestReadPhotoOrientation(t *testing.T) {
	stored := encodeJPEGBytes(t, quadrants(160, 80))
	for _, tt := range orientations {
		p, err := ReadPhoto(bytes.NewReader(withSegment(stored, 0xE1, exifBody(tt.o))))
		if err != nil {
			t.Fatal(err)
		}
		w, h := 160, 80
		if tt.o >= 5 {
			w, h = h, w
		}
		if p.Width != w || p.Height != h {
			t.Errorf("orientation %d: %d×%d, want %d×%d", tt.o, p.Width, p.Height, w, h)
		}
		for name, b := range map[string][]byte{"Data": p.Data, "Thumb": p.Thumb} {
			img, err := jpeg.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			if got := quadrantNames(img); got != tt.shown {
				t.Errorf("orientation %d: %s shows %s, want %s", tt.o, name, got, tt.shown)
			}
		}
	}
}

func TestReadPhotoThumbnailFits(t *testing.T) {
	for _, size := range [][2]int{{4000, 3000}, {3000, 4000}, {321, 320}, {320, 321}, {2500, 7}, {7, 2500}, {1000, 1000}, {319, 1}} {
		w, h := size[0], size[1]
		p, err := ReadPhoto(bytes.NewReader(encodePNGBytes(t, image.NewGray(image.Rect(0, 0, w, h)))))
		if err != nil {
			t.Fatal(err)
		}
		thumb, err := jpeg.Decode(bytes.NewReader(p.Thumb))
		if err != nil {
			t.Fatal(err)
		}
		tw, th := thumb.Bounds().Dx(), thumb.Bounds().Dy()
		if tw > ThumbSide || th > ThumbSide || tw > w || th > h {
			t.Errorf("%d×%d: thumbnail %d×%d", w, h, tw, th)
		}
		if max(tw, th) != min(ThumbSide, max(w, h)) {
			t.Errorf("%d×%d: thumbnail %d×%d does not fill %d", w, h, tw, th, ThumbSide)
		}
		// Aspect kept to within rounding: |tw/th - w/h| ≤ half a pixel.
		if d := tw*h - th*w; 2*d > max(w, h) || -2*d > max(w, h) {
			t.Errorf("%d×%d: thumbnail %d×%d changes the aspect", w, h, tw, th)
		}
	}
}

func TestOrientGeneric(t *testing.T) {
	// orient reads JPEG (YCbCr) pixels in place, anything else through RGBA.
	for _, tt := range orientations {
		if got := quadrantNames(orient(quadrants(6, 4), tt.o)); got != tt.shown {
			t.Errorf("orientation %d: shows %s, want %s", tt.o, got, tt.shown)
		}
	}
	img := quadrants(6, 4)
	if orient(img, 0) != image.Image(img) || orient(img, 9) != image.Image(img) {
		t.Error("an invalid orientation changed the image")
	}
}

func TestFit(t *testing.T) {
	tests := []struct{ w, h, fw, fh int }{
		{4000, 3000, 320, 240},
		{3000, 4000, 240, 320},
		{320, 320, 320, 320},
		{100, 50, 100, 50},
		{1, 1, 1, 1},
		{641, 320, 320, 160},
		{24_000_000, 1, 320, 1},
		{1, 24_000_000, 1, 320},
		{1000, 999, 320, 320},
	}
	for _, tt := range tests {
		if w, h := fit(tt.w, tt.h, 320); w != tt.fw || h != tt.fh {
			t.Errorf("fit(%d, %d) = %d, %d; want %d, %d", tt.w, tt.h, w, h, tt.fw, tt.fh)
		}
	}
}

func FuzzReadPhoto(f *testing.F) {
	f.Add(encodeJPEGBytes(f, photoLike(40, 30)))
	f.Add(withSegment(encodeJPEGBytes(f, quadrants(16, 8)), 0xE1, exifBody(6)))
	f.Add(encodePNGBytes(f, photoLike(30, 40)))
	f.Add(encodePNGBytes(f, image.NewPaletted(image.Rect(0, 0, 9, 9), color.Palette{color.Black, color.White})))
	f.Add(progressiveJPEG(24, 16, 3))
	f.Add(pngBomb(100000, 100000))
	f.Add([]byte("GIF89a"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, file []byte) {
		p, err := ReadPhoto(bytes.NewReader(file))
		if err != nil {
			switch fieldCode(t, err) {
			case CodeFileType, CodeFileTooLarge, CodeImageTooBig, CodeImageCorrupt:
			default:
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if p.Width <= 0 || p.Height <= 0 || p.Width*p.Height > MaxPixels {
			t.Fatalf("accepted a %d×%d image", p.Width, p.Height)
		}
		cfg, format, err := image.DecodeConfig(bytes.NewReader(p.Data))
		if err != nil || "image/"+format != p.ContentType || cfg.Width != p.Width || cfg.Height != p.Height {
			t.Fatalf("Data is %s %d×%d (%v), Photo says %s %d×%d", format, cfg.Width, cfg.Height, err, p.ContentType, p.Width, p.Height)
		}
		tc, err := jpeg.DecodeConfig(bytes.NewReader(p.Thumb))
		if err != nil || tc.Width > ThumbSide || tc.Height > ThumbSide {
			t.Fatalf("thumbnail %d×%d, %v", tc.Width, tc.Height, err)
		}
	})
}

func BenchmarkReadPhoto(b *testing.B) {
	phone := encodeJPEGBytes(b, photoLike(4000, 3000))
	benchmarks := []struct {
		name string
		file []byte
	}{
		{"jpeg 4000×3000", phone},
		{"jpeg 4000×3000 rotated", withSegment(phone, 0xE1, exifBody(6))},
		{"png 2000×1500", encodePNGBytes(b, photoLike(2000, 1500))},
	}
	for _, bm := range benchmarks {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(bm.file)))
			for b.Loop() {
				if _, err := ReadPhoto(bytes.NewReader(bm.file)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
