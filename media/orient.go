package media

import (
	"image"
	"image/color"

	"golang.org/x/image/draw"
)

// orient returns img turned upright as EXIF orientation o (1 to 8) asks:
// 2 mirrors it, 3 turns it half round, 4 flips it, 5 transposes it, 6 turns it
// a quarter clockwise, 7 transverses it, 8 turns it a quarter anticlockwise.
// Any other value leaves img as it is.
func orient(img image.Image, o int) image.Image {
	if o < 2 || o > 8 {
		return img
	}
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	dw, dh := w, h
	if o >= 5 {
		dw, dh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	at := rgbaAt(img)
	for y := range h {
		for x := range w {
			dx, dy := orientPoint(o, x, y, w, h)
			i := dy*dst.Stride + dx*4
			at(b.Min.X+x, b.Min.Y+y, dst.Pix[i:i+4:i+4])
		}
	}
	return dst
}

// orientPoint maps the stored pixel (x, y) of a w×h image to where it is
// shown under orientation o.
func orientPoint(o, x, y, w, h int) (int, int) {
	switch o {
	case 2:
		return w - 1 - x, y
	case 3:
		return w - 1 - x, h - 1 - y
	case 4:
		return x, h - 1 - y
	case 5:
		return y, x
	case 6:
		return h - 1 - y, x
	case 7:
		return h - 1 - y, w - 1 - x
	case 8:
		return y, w - 1 - x
	}
	return x, y
}

// rgbaAt returns a function that writes the opaque-premultiplied RGBA bytes
// of img's pixel (x, y) into px. A decoded JPEG is read in place; any other
// image is converted to RGBA once.
func rgbaAt(img image.Image) func(x, y int, px []byte) {
	if m, ok := img.(*image.YCbCr); ok {
		return func(x, y int, px []byte) {
			yi, ci := m.YOffset(x, y), m.COffset(x, y)
			px[0], px[1], px[2] = color.YCbCrToRGB(m.Y[yi], m.Cb[ci], m.Cr[ci])
			px[3] = 0xFF
		}
	}
	m := toRGBA(img)
	return func(x, y int, px []byte) {
		i := m.PixOffset(x, y)
		copy(px, m.Pix[i:i+4])
	}
}

// toRGBA returns img as an *image.RGBA, converting it if needed.
func toRGBA(img image.Image) *image.RGBA {
	if m, ok := img.(*image.RGBA); ok {
		return m
	}
	m := image.NewRGBA(img.Bounds())
	draw.Draw(m, m.Rect, img, m.Rect.Min, draw.Src)
	return m
}
