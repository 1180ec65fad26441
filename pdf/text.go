package pdf

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// winAnsi turns UTF-8 text into the Windows-1252 bytes the PDF core fonts
// draw. Control characters (a tab or line break inside a name) become
// spaces; a character Windows-1252 lacks becomes its base letter ("ā" → "a",
// "ŋ" → "?"), so text stays readable and nothing fails.
func winAnsi(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteByte(winAnsiByte(r))
	}
	return b.String()
}

// winAnsiByte is the Windows-1252 byte for r, or the nearest stand-in.
func winAnsiByte(r rune) byte {
	switch {
	case unicode.IsControl(r):
		return ' '
	case r < utf8.RuneSelf:
		return byte(r)
	}
	if c, ok := charmap.Windows1252.EncodeRune(r); ok {
		return c
	}
	base, _ := utf8.DecodeRuneInString(norm.NFD.String(string(r)))
	if base != r && !unicode.IsControl(base) {
		if c, ok := charmap.Windows1252.EncodeRune(base); ok {
			return c
		}
	}
	return '?'
}

// plain makes text safe for the document's metadata, which fpdf writes as
// UTF-16: invalid UTF-8 becomes "?" and control characters spaces.
func plain(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, "?"))
}

// fromWinAnsi turns Windows-1252 bytes, as winAnsi makes them, back into
// UTF-8 text.
func fromWinAnsi(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		b.WriteRune(charmap.Windows1252.DecodeByte(s[i]))
	}
	return b.String()
}
