package media

import (
	"bytes"
	"encoding/binary"
	"iter"
)

// JPEG markers read here.
const (
	markerSOS  = 0xDA // start of scan
	markerEOI  = 0xD9 // end of image
	markerAPP1 = 0xE1 // Exif (and XMP)
)

// jpegSegments yields the marker and body of each segment of a JPEG file that
// has a length, in file order, walking the file as image/jpeg does: bytes that
// are not a marker (the entropy-coded data after a start of scan, stuffed
// zeros, junk between segments) are passed over, so are fill bytes and
// restart markers. The walk ends at the end of the image or at a segment that
// runs past the end of the file.
func jpegSegments(data []byte) iter.Seq2[byte, []byte] {
	return func(yield func(byte, []byte) bool) {
		p := 2 // after SOI
		for p+1 < len(data) {
			if data[p] != 0xFF {
				i := bytes.IndexByte(data[p:], 0xFF)
				if i < 0 {
					return
				}
				p += i
				continue
			}
			m := data[p+1]
			switch {
			case m == 0xFF: // a fill byte
				p++
				continue
			case m == 0x00 || 0xD0 <= m && m <= 0xD7: // stuffed zero, restart
				p += 2
				continue
			case m == markerEOI:
				return
			}
			if p+4 > len(data) {
				return
			}
			n := int(binary.BigEndian.Uint16(data[p+2:])) // counts itself
			if n < 2 || p+2+n > len(data) {
				return
			}
			if !yield(m, data[p+4:p+2+n]) {
				return
			}
			p += 2 + n
		}
	}
}

// jpegScans counts the scans image/jpeg would decode in a JPEG file. Bytes
// after the end of the image (the video of a "motion photo", say) and inside
// other segments do not count.
func jpegScans(data []byte) int {
	n := 0
	for m := range jpegSegments(data) {
		if m == markerSOS {
			n++
		}
	}
	return n
}
