package sheet

import (
	"unicode"
	"unicode/utf8"
)

// rowBuilder collects the cells of one row in a single byte arena, so that
// a row costs one string allocation however many cells it has.
type rowBuilder struct {
	buf   []byte
	cells []span
}

// span locates one cell's Text and Raw in the arena.
type span struct {
	col                            int
	text0, text1, raw0, raw1       int
	number, date, differentRawText bool
}

func (b *rowBuilder) reset() {
	b.buf = b.buf[:0]
	b.cells = b.cells[:0]
}

// blank tells whether no cell of the row holds anything.
func (b *rowBuilder) blank() bool { return len(b.cells) == 0 }

// last returns the column of the last cell added, or -1.
func (b *rowBuilder) last() int {
	if len(b.cells) == 0 {
		return -1
	}
	return b.cells[len(b.cells)-1].col
}

// addText adds a text cell at column col; text must already be trimmed.
// Empty text adds nothing.
func (b *rowBuilder) addText(col int, text []byte) {
	if len(text) == 0 {
		return
	}
	t0 := len(b.buf)
	b.buf = append(b.buf, text...)
	b.cells = append(b.cells, span{col: col, text0: t0, text1: len(b.buf)})
}

// addNumber adds a numeric cell whose Text may differ from its Raw value.
func (b *rowBuilder) addNumber(col int, text, raw []byte, date bool) {
	t0 := len(b.buf)
	b.buf = append(b.buf, text...)
	r0 := len(b.buf)
	b.buf = append(b.buf, raw...)
	b.cells = append(b.cells, span{col: col, text0: t0, text1: r0, raw0: r0, raw1: len(b.buf),
		number: true, date: date, differentRawText: true})
}

// build returns the row's cells, reusing cells' storage; the cells are
// ordered by column and the columns without a value are empty Cells.
func (b *rowBuilder) build(cells []Cell) []Cell {
	s := string(b.buf)
	width := b.last() + 1
	cells = cells[:0]
	for range width {
		cells = append(cells, Cell{})
	}
	for _, sp := range b.cells {
		c := &cells[sp.col]
		c.Text, c.Raw = s[sp.text0:sp.text1], s[sp.text0:sp.text1]
		if sp.differentRawText {
			c.Raw = s[sp.raw0:sp.raw1]
		}
		c.Number, c.Date = sp.number, sp.date
	}
	return cells
}

// trim removes surrounding white space, NBSP and zero-width characters.
func trim(b []byte) []byte {
	for len(b) > 0 {
		if c := b[0]; c < utf8.RuneSelf {
			if !asciiSpace(c) {
				break
			}
			b = b[1:]
			continue
		}
		r, n := utf8.DecodeRune(b)
		if !trimmable(r) {
			break
		}
		b = b[n:]
	}
	for len(b) > 0 {
		if c := b[len(b)-1]; c < utf8.RuneSelf {
			if !asciiSpace(c) {
				break
			}
			b = b[:len(b)-1]
			continue
		}
		r, n := utf8.DecodeLastRune(b)
		if !trimmable(r) {
			break
		}
		b = b[:len(b)-n]
	}
	return b
}

func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// trimmable reports white space (NBSP included) and the zero-width
// characters that pasting from the web or WhatsApp leaves around a value.
func trimmable(r rune) bool {
	switch r {
	case '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u180E':
		return true
	}
	return unicode.IsSpace(r)
}
