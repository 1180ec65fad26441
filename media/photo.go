package media

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
)

// Photo is an uploaded photo made safe to store and to show.
type Photo struct {
	ContentType   string // TypeJPEG or TypePNG
	Width, Height int    // of Data, as displayed (after the EXIF orientation)
	Data          []byte // the image re-encoded from its pixels: no metadata survives
	Thumb         []byte // a JPEG fitting ThumbSide×ThumbSide, aspect kept, never enlarged
}

var (
	jpegMagic = []byte{0xFF, 0xD8, 0xFF}
	pngMagic  = []byte("\x89PNG\r\n\x1a\n")
)

// ReadPhoto reads an upload (at most MaxPhotoBytes+1 bytes from r, to tell
// "too large"), checks it is really a JPEG or PNG by its content (not its name
// or declared type), refuses oversized or oversized-in-pixels images and
// anything that fails to decode, and makes the thumbnail.
//
// Data is always re-encoded from the decoded pixels (JPEG at quality 85, PNG
// losslessly), so EXIF, XMP, comments, text chunks and anything appended to
// the file are dropped. A JPEG's EXIF orientation is applied to the pixels
// first, so the photo stands upright everywhere; a PNG's eXIf orientation is
// not read. Colour profiles are dropped too: a wide-gamut (Display P3) photo
// is shown as if it were sRGB, slightly duller.
//
// Refusals are *tkm.Error values with one FieldError on "file" (CodeFileTooLarge,
// CodeFileType, CodeImageTooBig, CodeImageCorrupt); an error reading r is
// returned wrapped, as it is.
func ReadPhoto(r io.Reader) (*Photo, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxPhotoBytes+1))
	if err != nil {
		return nil, fmt.Errorf("media: read photo: %w", err)
	}
	if len(data) > MaxPhotoBytes {
		return nil, errTooLarge()
	}
	switch {
	case bytes.HasPrefix(data, jpegMagic):
		return readJPEG(data)
	case bytes.HasPrefix(data, pngMagic):
		return readPNG(data)
	}
	return nil, errType()
}

// readJPEG checks, decodes, turns upright and re-encodes a JPEG file.
func readJPEG(data []byte) (*Photo, error) {
	if err := checkPixels(jpeg.DecodeConfig(bytes.NewReader(data))); err != nil {
		return nil, err
	}
	if jpegScans(data) > maxJPEGScans {
		return nil, errCorrupt()
	}
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, errCorrupt()
	}
	img = orient(img, jpegOrientation(data))
	return newPhoto(TypeJPEG, img, encodeJPEG)
}

// readPNG checks, decodes and re-encodes a PNG file.
func readPNG(data []byte) (*Photo, error) {
	if err := checkPixels(png.DecodeConfig(bytes.NewReader(data))); err != nil {
		return nil, err
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, errCorrupt()
	}
	return newPhoto(TypePNG, img, png.Encode)
}

// checkPixels takes the result of a DecodeConfig, which reads only the header,
// and refuses an image that is unreadable or too big to decode. The format's
// own DecodeConfig and Decode are called rather than image.DecodeConfig and
// image.Decode, which would also take any other format that some import in
// the binary registered (GIF, WebP, …) once the magic bytes were faked.
func checkPixels(cfg image.Config, err error) error {
	switch {
	case err != nil || cfg.Width <= 0 || cfg.Height <= 0:
		return errCorrupt()
	case int64(cfg.Width)*int64(cfg.Height) > MaxPixels:
		return errTooBig(cfg.Width, cfg.Height)
	}
	return nil
}

// newPhoto encodes img and its thumbnail.
func newPhoto(contentType string, img image.Image, encode func(io.Writer, image.Image) error) (*Photo, error) {
	var data bytes.Buffer
	if err := encode(&data, img); err != nil {
		return nil, fmt.Errorf("media: encode %s: %w", contentType, err)
	}
	thumb, err := thumbnail(img)
	if err != nil {
		return nil, fmt.Errorf("media: thumbnail: %w", err)
	}
	b := img.Bounds()
	return &Photo{ContentType: contentType, Width: b.Dx(), Height: b.Dy(), Data: data.Bytes(), Thumb: thumb}, nil
}

// encodeJPEG writes img as a JPEG at photoQuality. Images of a kind the JPEG
// encoder has no fast path for (CMYK, say) are converted to RGBA first.
func encodeJPEG(w io.Writer, img image.Image) error {
	switch img.(type) {
	case *image.YCbCr, *image.Gray, *image.RGBA:
	default:
		img = toRGBA(img)
	}
	return jpeg.Encode(w, img, &jpeg.Options{Quality: photoQuality})
}
