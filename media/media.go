// Package media makes uploaded images safe to keep and to show: the photos a
// group uploads as proof of its products (bukti produk) and with its
// monitoring reports.
//
// ReadPhoto accepts JPEG and PNG only, judged by the bytes and never by the
// file name or the declared content type. It caps the upload at MaxPhotoBytes,
// reads the image's dimensions before decoding it so that a small file that
// would decompress into gigabytes is refused (MaxPixels), decodes it fully,
// and then re-encodes it: the stored copy carries no metadata, in particular
// no EXIF GPS position of a member's home, and no bytes crafted for another
// decoder. JPEGs taken on phones are turned upright from their EXIF
// orientation before re-encoding. Every photo gets a JPEG thumbnail that fits
// ThumbSide×ThumbSide.
//
// A JPEG with more than 100 scans is refused too: each scan of a valid
// progressive file can cost a few dozen bytes and a walk over every block of
// the image, so an 8 MB file could keep the decoder busy for the best part of
// an hour.
//
// Decoding costs memory and time in proportion to the pixels: about 50 MB and
// half a second for a 12-megapixel phone photo, up to about 650 MB and a few
// seconds at MaxPixels (a 16-bit PNG or a progressive JPEG, which a file of a
// few hundred kilobytes can be). Callers serving the public should bound how
// many uploads are read at once.
//
// Every refusal is a *tkm.Error with one FieldError on the field "file",
// worded in Indonesian and English so the uploader knows what to do.
package media

import (
	"fmt"

	"tkm"
)

// Limits.
const (
	MaxPhotoBytes = 8 << 20    // 8 MB per upload
	MaxPixels     = 24_000_000 // refuse decompression bombs before decoding (24 MP: phones save 12)
	ThumbSide     = 320        // thumbnails fit in ThumbSide×ThumbSide
)

// Content types of the photos ReadPhoto returns.
const (
	TypeJPEG = "image/jpeg"
	TypePNG  = "image/png"
)

const (
	photoQuality = 85 // JPEG quality of the re-encoded photo
	thumbQuality = 80 // JPEG quality of the thumbnail

	// maxJPEGScans caps the scans a JPEG may hold. A valid progressive JPEG
	// can spend a few dozen bytes per scan and make the decoder walk every
	// block of the image once per scan, about 20 ms at 36 megapixels
	// (libjpeg-turbo calls this LJT-01-003); ordinary files have 1 to about
	// 12 scans.
	maxJPEGScans = 100
)

// Codes of the FieldError that ReadPhoto returns on the field "file".
const (
	CodeFileTooLarge = "file_too_large" // over MaxPhotoBytes (tkm.ETOOLARGE)
	CodeFileType     = "file_type"      // not a JPEG or PNG (tkm.EINVALID)
	CodeImageTooBig  = "image_too_big"  // over MaxPixels (tkm.EINVALID)
	CodeImageCorrupt = "image_corrupt"  // does not decode (tkm.EINVALID)
)

// fileError returns an error about the uploaded file. The same message heads
// the error and its one field, since the upload is the only thing wrong.
func fileError(code, fieldCode, id, en string) *tkm.Error {
	return &tkm.Error{
		Code:    code,
		Message: id,
		English: en,
		Fields:  []tkm.FieldError{{Field: "file", Code: fieldCode, Message: id, English: en}},
	}
}

func errTooLarge() error {
	return fileError(tkm.ETOOLARGE, CodeFileTooLarge,
		"Berkas terlalu besar. Unggah foto JPG atau PNG berukuran paling besar 8 MB.",
		"The file is too large. Upload a JPG or PNG photo of at most 8 MB.")
}

func errType() error {
	return fileError(tkm.EINVALID, CodeFileType,
		"Berkas ini bukan foto JPG atau PNG. Unggah foto JPG atau PNG berukuran paling besar 8 MB.",
		"This file is not a JPG or PNG photo. Upload a JPG or PNG photo of at most 8 MB.")
}

func errTooBig(w, h int) error {
	return fileError(tkm.EINVALID, CodeImageTooBig,
		fmt.Sprintf("Foto berukuran %d×%d piksel, melebihi batas %d juta piksel. Perkecil foto lalu unggah lagi.", w, h, MaxPixels/1_000_000),
		fmt.Sprintf("The photo is %d×%d pixels, over the limit of %d million pixels. Make it smaller and upload it again.", w, h, MaxPixels/1_000_000))
}

func errCorrupt() error {
	return fileError(tkm.EINVALID, CodeImageCorrupt,
		"Foto tidak dapat dibaca: berkasnya rusak, terpotong, atau tersimpan dengan cara yang tidak didukung. Simpan ulang foto sebagai JPG atau PNG, lalu unggah lagi.",
		"The photo cannot be read: the file is damaged, cut short or saved in an unsupported way. Save the photo again as JPG or PNG, then upload it again.")
}
