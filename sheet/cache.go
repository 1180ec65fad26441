package sheet

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"slices"
	"sync"
)

// rowCache keeps the rows of the first complete pass over an XLSX file, so
// that later passes replay them instead of inflating and parsing the sheet
// again: the importer reads a file twice, and the second pass of a million
// rows takes under a second instead of several. The rows are kept as they
// were built (arena and cell spans), in memory up to 8 MB and then in a
// temporary file about the size of the same data as CSV.
type rowCache struct {
	mu    sync.Mutex
	state int
	data  spill
	end   error // what ended the recorded pass; nil at the end of the sheet
}

// States of a rowCache.
const (
	cacheEmpty = iota
	cacheRecording
	cacheComplete
	cacheClosed
)

// replay returns a source of the recorded rows, or nil when no pass was
// recorded to its end.
func (c *rowCache) replay() source {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.state != cacheComplete {
		return nil
	}
	return &replay{r: bufio.NewReaderSize(c.data.reader(), int(min(64<<10, c.data.size+16))), end: c.end, cache: c}
}

// record starts recording, unless a pass already records.
func (c *rowCache) record() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.state != cacheEmpty {
		return false
	}
	c.state = cacheRecording
	return true
}

// add records the row in b; buf is scratch space, returned for reuse.
func (c *rowCache) add(n int, b *rowBuilder, buf []byte) ([]byte, error) {
	buf = binary.AppendUvarint(buf[:0], uint64(n))
	buf = binary.AppendUvarint(buf, uint64(len(b.buf)))
	buf = append(buf, b.buf...)
	buf = binary.AppendUvarint(buf, uint64(len(b.cells)))
	for _, sp := range b.cells {
		for _, v := range [...]int{sp.col, sp.text0, sp.text1, sp.raw0, sp.raw1} {
			buf = binary.AppendUvarint(buf, uint64(v))
		}
		var flags byte
		if sp.number {
			flags |= 1
		}
		if sp.date {
			flags |= 2
		}
		if sp.differentRawText {
			flags |= 4
		}
		buf = append(buf, flags)
	}
	_, err := c.data.Write(buf)
	return buf, err
}

// finish ends the recording: the pass ended with end (nil at the end of
// the sheet).
func (c *rowCache) finish(end error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.state != cacheRecording {
		return
	}
	if err := c.data.done(); err != nil {
		c.discard()
		return
	}
	c.state, c.end = cacheComplete, end
}

// abort forgets a recording cut short: a later pass records again.
func (c *rowCache) abort() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.state == cacheRecording {
		c.discard()
	}
}

func (c *rowCache) discard() {
	c.data.close()
	c.data, c.state = spill{}, cacheEmpty
}

func (c *rowCache) close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.state = cacheClosed
	return c.data.close()
}

// replay is a source that reads recorded rows.
type replay struct {
	r     *bufio.Reader
	end   error
	cache *rowCache // keeps the Reader, whose cleanup closes the file, alive
}

func (p *replay) next(b *rowBuilder) (int, error) {
	n, err := binary.ReadUvarint(p.r)
	if err == io.EOF {
		if p.end != nil {
			return 0, p.end
		}
		return 0, io.EOF
	}
	if err == nil {
		err = p.read(b)
	}
	if err != nil {
		return 0, fmt.Errorf("sheet: reading recorded rows: %w", err)
	}
	return int(n), nil
}

// read reads the arena and the cells of a row.
func (p *replay) read(b *rowBuilder) error {
	size, err := binary.ReadUvarint(p.r)
	if err != nil {
		return err
	}
	b.buf = slices.Grow(b.buf[:0], int(size))[:size]
	if _, err := io.ReadFull(p.r, b.buf); err != nil {
		return err
	}
	cells, err := binary.ReadUvarint(p.r)
	for range cells {
		var v [5]uint64
		for i := range v {
			if v[i], err = binary.ReadUvarint(p.r); err != nil {
				return err
			}
		}
		flags, err := p.r.ReadByte()
		if err != nil {
			return err
		}
		b.cells = append(b.cells, span{col: int(v[0]), text0: int(v[1]), text1: int(v[2]), raw0: int(v[3]), raw1: int(v[4]),
			number: flags&1 != 0, date: flags&2 != 0, differentRawText: flags&4 != 0})
	}
	return err
}

func (p *replay) close() error { return nil }
