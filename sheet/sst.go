package sheet

import (
	"errors"
	"io"
)

// strTable is an XLSX file's shared-strings table: every text cell of a
// sheet saved by Excel is an index into it. A million rows of names, NIKs
// and addresses make millions of strings. excelize keeps them in memory
// (or, past 16 MB of XML, an index of 40 bytes a string: 500 MB for 13
// million), so strTable keeps the strings in a spill (memory up to 8 MB,
// then a temporary file), and indexes them with two bytes a string (their
// lengths) plus one offset every 16 strings.
type strTable struct {
	lens  []uint16
	base  []int64 // offset of string i*16
	limit int     // longest string kept; a longer one is cut to limit+1 bytes
	data  spill
}

const (
	maxStrings    = 1 << 25 // 33 million strings: an index of 83 MB
	maxEntryBytes = 1<<16 - 1
	blockSize     = 64 << 10
	cacheBlocks   = 32 // 2 MB of cache per pass
)

var errTooManyStrings = errors.New("too many shared strings")

func newStrTable(limit int) *strTable { return &strTable{limit: limit} }

// add appends the next string of the table.
func (t *strTable) add(b []byte) error {
	if len(t.lens) >= maxStrings {
		return errTooManyStrings
	}
	if len(b) > t.limit {
		b = b[:t.limit+1]
	}
	if len(t.lens)%16 == 0 {
		t.base = append(t.base, t.data.size)
	}
	t.lens = append(t.lens, uint16(len(b)))
	_, err := t.data.Write(b)
	return err
}

// done ends adding.
func (t *strTable) done() error { return t.data.done() }

// get returns string i; c caches the file's blocks for one pass. The bytes
// are valid until the next call with c.
func (t *strTable) get(i int, c *blockCache) ([]byte, bool) {
	if i < 0 || i >= len(t.lens) {
		return nil, false
	}
	off := t.base[i/16]
	for j := i &^ 15; j < i; j++ {
		off += int64(t.lens[j])
	}
	n := int(t.lens[i])
	if t.data.file == nil {
		return t.data.mem[off : off+int64(n)], true
	}
	b, err := c.read(t.data.file, off, n)
	return b, err == nil
}

func (t *strTable) close() error {
	t.lens, t.base = nil, nil
	return t.data.close()
}

// blockCache keeps the most recently used 64 KB blocks of the strings file.
// Excel writes the strings in the order the sheet first uses them, so a pass
// reads the file nearly in order, with a few hot blocks (L, P, anggota …).
type blockCache struct {
	blocks  [cacheBlocks]cachedBlock
	clock   uint64
	last    int
	scratch []byte
}

type cachedBlock struct {
	index int64 // block number + 1; 0 when empty
	data  []byte
	used  uint64
}

func (c *blockCache) read(f io.ReaderAt, off int64, n int) ([]byte, error) {
	bi := off / blockSize
	if (off+int64(n)-1)/blockSize != bi || n == 0 { // crosses blocks: read it alone
		if cap(c.scratch) < n {
			c.scratch = make([]byte, n)
		}
		c.scratch = c.scratch[:n]
		_, err := f.ReadAt(c.scratch, off)
		return c.scratch, err
	}
	c.clock++
	b := &c.blocks[c.last]
	if b.index != bi+1 {
		b = c.find(bi)
		if b.index != bi+1 {
			if err := c.load(f, b, bi); err != nil {
				return nil, err
			}
		}
	}
	b.used = c.clock
	lo := int(off - bi*blockSize)
	if lo+n > len(b.data) {
		return nil, io.ErrUnexpectedEOF
	}
	return b.data[lo : lo+n], nil
}

// find returns block bi's slot, or the least recently used slot.
func (c *blockCache) find(bi int64) *cachedBlock {
	lru := 0
	for i := range c.blocks {
		if c.blocks[i].index == bi+1 {
			c.last = i
			return &c.blocks[i]
		}
		if c.blocks[i].used < c.blocks[lru].used {
			lru = i
		}
	}
	c.last = lru
	return &c.blocks[lru]
}

func (c *blockCache) load(f io.ReaderAt, b *cachedBlock, bi int64) error {
	if b.data == nil {
		b.data = make([]byte, blockSize)
	}
	b.data = b.data[:blockSize]
	n, err := f.ReadAt(b.data, bi*blockSize)
	if err != nil && err != io.EOF {
		b.index = 0
		return err
	}
	b.data, b.index = b.data[:n], bi+1
	return nil
}
