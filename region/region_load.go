package region

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"strings"

	"tkm"
)

const header = "code\tname\n"

// widths is how many digits each segment of a code has, level by level.
var widths = [...]int{2, 2, 2, 4}

// levels names the depth that shape returns.
var levels = [...]tkm.RegionLevel{tkm.LevelProvince, tkm.LevelRegency, tkm.LevelDistrict, tkm.LevelVillage}

// parse builds a Table from the gzip-compressed rows. Codes and names are
// substrings of one decompressed string, so there is no allocation per row.
func parse(gz []byte) (*Table, error) {
	text, err := gunzip(gz)
	if err != nil {
		return nil, fmt.Errorf("region: load: %w", err)
	}
	body, ok := strings.CutPrefix(text, header)
	if !ok {
		return nil, fmt.Errorf("region: load: missing header %q", header)
	}
	b := newBuilder(strings.Count(body, "\n"))
	for line := range strings.Lines(body) {
		if err := b.add(strings.TrimSuffix(line, "\n")); err != nil {
			return nil, fmt.Errorf("region: load: %w", err)
		}
	}
	return b.finish(), nil
}

// gunzip decompresses b into a string, sized from the gzip trailer.
func gunzip(b []byte) (string, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return "", err
	}
	var sb strings.Builder
	if len(b) >= 4 {
		sb.Grow(int(min(binary.LittleEndian.Uint32(b[len(b)-4:]), 64<<20)))
	}
	if _, err := io.Copy(&sb, zr); err != nil {
		return "", err
	}
	return sb.String(), zr.Close()
}

// builder fills a Table row by row. Rows come level by level, each level
// sorted by code, so the children of one parent arrive together; the parent
// being filled is kept aside and written back to the map when it changes.
type builder struct {
	t      *Table
	depth  int    // level of the previous row
	prev   string // code of the previous row
	parent string // code of the parent being filled
	pnode  node
}

func newBuilder(n int) *builder {
	t := &Table{all: make([]tkm.Region, 0, n), nodes: make(map[string]node, n)}
	return &builder{t: t}
}

// add appends one "code\tname" row.
func (b *builder) add(line string) error {
	code, name, ok := strings.Cut(line, "\t")
	depth, valid := shape(code)
	switch {
	case !ok || !valid || name == "":
		return fmt.Errorf("bad row %q", line)
	case depth < b.depth || depth == b.depth && code <= b.prev:
		return fmt.Errorf("row %q out of order", code)
	}
	i := int32(len(b.t.all))
	if err := b.link(code, depth, i); err != nil {
		return err
	}
	b.t.all = append(b.t.all, tkm.Region{Code: code, Name: name, Level: levels[depth]})
	b.t.nodes[code] = node{idx: i}
	b.depth, b.prev = depth, code
	return nil
}

// link records row i as a child of its parent, or as a province.
func (b *builder) link(code string, depth int, i int32) error {
	if depth == 0 {
		b.t.roots++
		return nil
	}
	parent := code[:strings.LastIndexByte(code, '.')]
	if parent != b.parent {
		b.flush()
		n, ok := b.t.nodes[parent]
		if !ok || n.lo != n.hi {
			return fmt.Errorf("row %q: parent missing or its children split", code)
		}
		b.parent, b.pnode = parent, node{idx: n.idx, lo: i}
	}
	b.pnode.hi = i + 1
	return nil
}

// flush writes the parent being filled back to the map.
func (b *builder) flush() {
	if b.parent != "" {
		b.t.nodes[b.parent] = b.pnode
	}
}

func (b *builder) finish() *Table {
	b.flush()
	return b.t
}

// shape checks that code is a Kemendagri code ("51", "51.03", "51.03.05",
// "51.03.05.2001") and returns its depth, 0 for a province.
func shape(code string) (depth int, ok bool) {
	for depth = range len(widths) {
		seg, rest, more := strings.Cut(code, ".")
		if !digits(seg, widths[depth]) {
			return 0, false
		}
		if !more {
			return depth, true
		}
		code = rest
	}
	return 0, false
}

// digits reports whether s is exactly n ASCII digits.
func digits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
