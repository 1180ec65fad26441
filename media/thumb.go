package media

import (
	"bytes"
	"image"
	"image/jpeg"

	"golang.org/x/image/draw"
)

// thumbnail returns img scaled down to fit ThumbSide×ThumbSide with its aspect
// kept (never enlarged), flattened onto white since JPEG has no transparency,
// and encoded as a JPEG at thumbQuality.
func thumbnail(img image.Image) ([]byte, error) {
	src := img
	sb := src.Bounds()
	w, h := fit(sb.Dx(), sb.Dy(), ThumbSide)
	// CatmullRom keeps a buffer of (thumbnail width × source height) pixels,
	// 30 MB for a phone photo and gigabytes for a 1×40,000,000 one, so a large
	// image is first brought down to 4×ThumbSide cheaply; CatmullRom's
	// 4-to-1 pass then smooths away most of the aliasing.
	if sb.Dx() > 4*w || sb.Dy() > 4*h {
		mw, mh := fit(sb.Dx(), sb.Dy(), 4*ThumbSide)
		mid := image.NewRGBA(image.Rect(0, 0, mw, mh))
		draw.ApproxBiLinear.Scale(mid, mid.Rect, src, sb, draw.Src, nil)
		src, sb = mid, mid.Rect
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(dst, dst.Rect, image.White, image.Point{}, draw.Src)
	draw.CatmullRom.Scale(dst, dst.Rect, src, sb, draw.Over, nil)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, dst, &jpeg.Options{Quality: thumbQuality}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// fit returns the size of a w×h image scaled down to fit side×side with its
// aspect kept, rounded to whole pixels and at least 1×1. An image that fits
// already keeps its size.
func fit(w, h, side int) (int, int) {
	if w <= side && h <= side {
		return w, h
	}
	scaled := func(short, long int) int {
		return max(1, int((int64(short)*int64(side)+int64(long)/2)/int64(long)))
	}
	if w >= h {
		return side, scaled(h, w)
	}
	return scaled(w, h), side
}
