package sheet

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"runtime"
)

// spill is an append-only buffer that lives in memory up to memLimit bytes
// and in a temporary file beyond: the shared strings of a big XLSX, the
// rows of its first pass.
type spill struct {
	mem  []byte
	file *os.File
	w    *bufio.Writer
	path string // the file's name while it still has one (Windows)
	size int64
}

// memLimit is what a spill keeps in memory before moving to disk.
const memLimit = 8 << 20

func (s *spill) Write(p []byte) (int, error) {
	s.size += int64(len(p))
	if s.file == nil && len(s.mem)+len(p) > memLimit {
		if err := s.toFile(); err != nil {
			return 0, err
		}
	}
	if s.file == nil {
		s.mem = append(s.mem, p...)
		return len(p), nil
	}
	return s.w.Write(p)
}

// toFile moves the buffer to a temporary file. On systems that allow it
// the file is removed from the directory at once, so that nothing is left
// on disk whatever happens to the process.
func (s *spill) toFile() error {
	f, err := os.CreateTemp("", "tkm-sheet-*.tmp")
	if err != nil {
		return err
	}
	s.file, s.path = f, f.Name()
	if os.Remove(f.Name()) == nil {
		s.path = ""
	}
	// A Reader its caller forgot to Close must not keep the file open.
	runtime.AddCleanup(s, func(d tempFile) { d.remove() }, tempFile{f, s.path})
	s.w = bufio.NewWriterSize(f, 256<<10)
	_, err = s.w.Write(s.mem)
	s.mem = nil
	return err
}

// done ends writing.
func (s *spill) done() error {
	if s.w == nil {
		return nil
	}
	err := s.w.Flush()
	s.w = nil
	return err
}

// reader returns what was written, from the start.
func (s *spill) reader() io.Reader {
	if s.file == nil {
		return bytes.NewReader(s.mem)
	}
	return io.NewSectionReader(s.file, 0, s.size)
}

func (s *spill) close() error {
	s.mem = nil
	if s.file == nil {
		return nil
	}
	err := tempFile{s.file, s.path}.remove()
	s.file = nil
	return err
}

// tempFile is a spill's file and, where it could not be removed while
// open, its name.
type tempFile struct {
	f    *os.File
	path string
}

func (d tempFile) remove() error {
	err := d.f.Close()
	if errors.Is(err, os.ErrClosed) {
		return nil
	}
	if d.path != "" {
		if rmErr := os.Remove(d.path); err == nil {
			err = rmErr
		}
	}
	return err
}
