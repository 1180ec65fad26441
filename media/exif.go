package media

import (
	"bytes"
	"encoding/binary"
)

var exifHeader = []byte("Exif\x00\x00")

// jpegOrientation returns the EXIF orientation (1 to 8) of a JPEG file, read
// from the first Exif APP1 segment before the first scan, or 1 (upright) when
// there is none or it cannot be read.
func jpegOrientation(data []byte) int {
	for m, seg := range jpegSegments(data) {
		switch {
		case m == markerSOS:
			return 1
		case m == markerAPP1 && bytes.HasPrefix(seg, exifHeader):
			return exifOrientation(seg[len(exifHeader):])
		}
	}
	return 1
}

// exifOrientation reads the Orientation tag (0x0112) of IFD0 in a TIFF
// structure, the body of an Exif segment, and returns 1 unless it holds a
// valid value.
func exifOrientation(tiff []byte) int {
	if len(tiff) < 8 {
		return 1
	}
	var bo binary.ByteOrder
	switch string(tiff[:4]) {
	case "II*\x00":
		bo = binary.LittleEndian
	case "MM\x00*":
		bo = binary.BigEndian
	default:
		return 1
	}
	ifd := uint64(bo.Uint32(tiff[4:]))
	if ifd < 8 || ifd+2 > uint64(len(tiff)) {
		return 1
	}
	entries := tiff[ifd+2:]
	for range bo.Uint16(tiff[ifd:]) {
		if len(entries) < 12 {
			return 1
		}
		tag, typ, count := bo.Uint16(entries), bo.Uint16(entries[2:]), bo.Uint32(entries[4:])
		if tag == 0x0112 {
			o := int(bo.Uint16(entries[8:]))
			if typ != 3 || count != 1 || o < 1 || o > 8 { // 3: SHORT
				return 1
			}
			return o
		}
		entries = entries[12:]
	}
	return 1
}
