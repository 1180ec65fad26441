package media

import (
	"encoding/binary"
	"testing"
)

// tiffWith returns a TIFF structure whose IFD0 holds one entry.
func tiffWith(bo binary.AppendByteOrder, tag, typ uint16, count uint32, value uint16) []byte {
	t := []byte("II*\x00")
	if bo == binary.AppendByteOrder(binary.BigEndian) {
		t = []byte("MM\x00*")
	}
	t = bo.AppendUint32(t, 8)
	t = bo.AppendUint16(t, 1)
	t = bo.AppendUint16(t, tag)
	t = bo.AppendUint16(t, typ)
	t = bo.AppendUint32(t, count)
	t = bo.AppendUint16(t, value)
	return append(t, 0, 0, 0, 0, 0, 0)
}

func TestExifOrientation(t *testing.T) {
	le, be := binary.LittleEndian, binary.BigEndian
	tests := []struct {
		name string
		tiff []byte
		want int
	}{
		{"little-endian 8", tiffWith(le, 0x0112, 3, 1, 8), 8},
		{"big-endian 6", tiffWith(be, 0x0112, 3, 1, 6), 6},
		{"upright", tiffWith(le, 0x0112, 3, 1, 1), 1},
		{"value 0", tiffWith(le, 0x0112, 3, 1, 0), 1},
		{"value 9", tiffWith(be, 0x0112, 3, 1, 9), 1},
		{"stored as LONG", tiffWith(le, 0x0112, 4, 1, 6), 1},
		{"count 2", tiffWith(le, 0x0112, 3, 2, 6), 1},
		{"another tag", tiffWith(le, 0x010F, 3, 1, 6), 1},
		{"bad byte order", append([]byte("XX*\x00"), tiffWith(le, 0x0112, 3, 1, 6)[4:]...), 1},
		{"IFD past the end", append([]byte("II*\x00\xff\xff\x00\x00"), make([]byte, 20)...), 1},
		{"IFD inside the header", []byte("II*\x00\x02\x00\x00\x00\x00\x00"), 1},
		{"entries cut short", tiffWith(le, 0x0112, 3, 1, 6)[:18], 1},
		{"empty", nil, 1},
	}
	for _, tt := range tests {
		if got := exifOrientation(tt.tiff); got != tt.want {
			t.Errorf("%s: got %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestJPEGOrientation(t *testing.T) {
	jpg := encodeJPEGBytes(t, photoLike(16, 16))
	exif6 := append([]byte("Exif\x00\x00"), tiffWith(binary.BigEndian, 0x0112, 3, 1, 6)...)
	sos := func(file []byte) int { // where the first scan starts
		for i := 2; ; i += 2 + int(binary.BigEndian.Uint16(file[i+2:])) {
			if file[i+1] == 0xDA {
				return i
			}
		}
	}
	afterSOS := append([]byte{}, jpg[:sos(jpg)]...)
	afterSOS = append(afterSOS, 0xFF, 0xDA, 0, 2)
	afterSOS = append(afterSOS, withSegment([]byte{0xFF, 0xD8}, 0xE1, exif6)[2:]...)
	tests := []struct {
		name string
		file []byte
		want int
	}{
		{"no Exif", jpg, 1},
		{"Exif 6", withSegment(jpg, 0xE1, exif6), 6},
		{"after XMP and a comment", withSegment(withSegment(withSegment(jpg, 0xE1, exif6), 0xE1, []byte("http://ns.adobe.com/xap/1.0/\x00")), 0xFE, []byte("hi")), 6},
		{"fill bytes before the marker", append([]byte{0xFF, 0xD8, 0xFF, 0xFF}, withSegment(jpg, 0xE1, exif6)[2:]...), 6},
		{"in APP2, not APP1", withSegment(jpg, 0xE2, exif6), 1},
		{"after the first scan", afterSOS, 1},
		{"segment longer than the file", withSegment(jpg, 0xE1, exif6)[:20], 1},
		{"segment length 0", []byte{0xFF, 0xD8, 0xFF, 0xE1, 0, 0, 'E', 'x'}, 1},
		{"SOI only", []byte{0xFF, 0xD8}, 1},
	}
	for _, tt := range tests {
		if got := jpegOrientation(tt.file); got != tt.want {
			t.Errorf("%s: got %d, want %d", tt.name, got, tt.want)
		}
	}
}
