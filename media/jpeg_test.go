package media

import (
	"bytes"
	"testing"
)

func TestJPEGScans(t *testing.T) {
	jpg := encodeJPEGBytes(t, photoLike(64, 48))
	manySOS := bytes.Repeat([]byte{0xFF, 0xDA, 0x00, 0x08}, 1000)
	tests := []struct {
		name string
		file []byte
		want int
	}{
		{"baseline", jpg, 1},
		{"progressive, 10 AC scans", progressiveJPEG(100, 60, 10), 11},
		{"progressive, 500 AC scans", progressiveJPEG(8, 8, 500), 501},
		{"start-of-scan bytes inside an APP segment", withSegment(jpg, 0xE2, manySOS[:4000]), 1},
		{"start-of-scan bytes after the end (motion photo video)", append(bytes.Clone(jpg), manySOS...), 1},
		{"fill bytes before markers", append([]byte{0xFF, 0xD8, 0xFF, 0xFF, 0xFF}, jpg[2:]...), 1},
		{"SOI only", []byte{0xFF, 0xD8}, 0},
	}
	for _, tt := range tests {
		if got := jpegScans(tt.file); got != tt.want {
			t.Errorf("%s: %d scans, want %d", tt.name, got, tt.want)
		}
	}
}

func TestReadPhotoMotionPhoto(t *testing.T) {
	// Some phones append a short video after the JPEG's end; its bytes hold
	// start-of-scan pairs by chance and must not count as scans.
	jpg := encodeJPEGBytes(t, photoLike(640, 480))
	video := bytes.Repeat([]byte("ftypmp42\xFF\xDA\x00\x10moov"), 20_000)
	p, err := ReadPhoto(bytes.NewReader(append(jpg, video...)))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(p.Data, []byte("ftypmp42")) {
		t.Error("the video is kept")
	}
}
