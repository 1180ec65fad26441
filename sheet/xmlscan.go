package sheet

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"unicode/utf8"
)

// xmlScanner is a small pull parser for the XML parts of an XLSX file. It
// returns start and end tags with their local names (a self-closing tag
// yields both), skips comments and processing instructions, refuses DTDs,
// and reads character data only when asked to and only up to a limit. So no
// input can make it hold more than one tag of maxTag bytes and one text
// value. It works in its own buffer with bytes.IndexByte, about twenty
// times as fast as encoding/xml, which matters on a sheet of a million
// rows.
type xmlScanner struct {
	src     io.Reader
	srcErr  error  // what the last read of src returned (io.EOF at the end)
	buf     []byte // input; buf[r:w] is not yet scanned
	r, w    int
	tag     []byte // the current tag between < and >, in buf
	name    []byte // its local name (without a prefix)
	attrs   []byte // its attributes
	end     bool   // the current tag is an end tag
	pending bool   // a self-closing tag was returned; its end comes next
	afterLT bool   // text consumed the '<' of the next markup
	seg     []byte // text that spans two fills of buf
}

const (
	maxTag  = 256 << 10 // one tag; a worksheet's root tag is about 1 KB
	scanBuf = 64 << 10  // the buffer, grown for a longer tag
)

var (
	errXMLTag     = errors.New("tag too long")
	errXMLDTD     = errors.New("DTD not allowed")
	errXMLSyntax  = errors.New("XML syntax")
	errXMLEntity  = errors.New("unknown XML entity")
	errXMLEOF     = errors.New("unexpected end of XML")
	errTextTooBig = errors.New("text too long")
)

// newXMLScanner reads a part of the given size (its buffer need be no
// bigger).
func newXMLScanner(r io.Reader, size uint64) *xmlScanner {
	return &xmlScanner{src: r, buf: make([]byte, min(scanBuf, size+16))}
}

// fill reads more input into buf, after moving the unscanned bytes to its
// start (so offsets into buf change) and growing it if they fill it. It
// returns false when no more input comes.
func (s *xmlScanner) fill() bool {
	if s.r > 0 {
		s.w = copy(s.buf, s.buf[s.r:s.w])
		s.r = 0
	}
	if s.w == len(s.buf) {
		if len(s.buf) >= maxTag+scanBuf {
			return false
		}
		s.buf = append(s.buf, make([]byte, len(s.buf))...)
	}
	for s.srcErr == nil {
		n, err := s.src.Read(s.buf[s.w:])
		s.w += n
		s.srcErr = err
		if n > 0 {
			return true
		}
	}
	return false
}

// readErr is why fill returned false.
func (s *xmlScanner) readErr() error {
	if s.srcErr == nil {
		return errXMLTag
	}
	return s.srcErr
}

func (s *xmlScanner) readByte() (byte, error) {
	if s.r == s.w && !s.fill() {
		return 0, eofError(s.readErr())
	}
	s.r++
	return s.buf[s.r-1], nil
}

// peek returns up to n unscanned bytes.
func (s *xmlScanner) peek(n int) []byte {
	for s.w-s.r < n && s.fill() {
	}
	return s.buf[s.r:min(s.r+n, s.w)]
}

// is reports whether the current tag is a start tag named local.
func (s *xmlScanner) is(local string) bool { return !s.end && string(s.name) == local }

// isEnd reports whether the current tag is an end tag named local.
func (s *xmlScanner) isEnd(local string) bool { return s.end && string(s.name) == local }

// next advances to the next tag. It returns io.EOF at the end of the input.
func (s *xmlScanner) next() error {
	if s.pending {
		s.pending, s.end = false, true
		return nil
	}
	for {
		if !s.afterLT {
			if err := s.skipToLT(); err != nil {
				return err
			}
		}
		s.afterLT = false
		tag, err := s.markup()
		if err != nil || tag {
			return err
		}
	}
}

// skipToLT discards text up to and including the next '<'.
func (s *xmlScanner) skipToLT() error {
	if s.r < s.w && s.buf[s.r] == '<' { // the usual case: tags back to back
		s.r++
		return nil
	}
	for {
		if i := bytes.IndexByte(s.buf[s.r:s.w], '<'); i >= 0 {
			s.r += i + 1
			return nil
		}
		s.r = s.w
		if !s.fill() {
			return s.readErr()
		}
	}
}

// markup reads what follows a '<': a tag (true) or a comment or processing
// instruction (false).
func (s *xmlScanner) markup() (bool, error) {
	c, err := s.readByte()
	if err != nil {
		return false, err
	}
	switch c {
	case '?':
		return false, s.skipPast('?', 1)
	case '!':
		return false, s.bang()
	case '/':
		s.end = true
	default:
		s.end = false
		s.r-- // c is the tag's first byte
	}
	if err := s.readTag(); err != nil {
		return false, err
	}
	return true, nil
}

// bang skips a comment or a CDATA section outside text, and refuses a DTD.
func (s *xmlScanner) bang() error {
	if string(s.peek(2)) == "--" {
		s.r += 2
		return s.skipPast('-', 2)
	}
	if string(s.peek(7)) == "[CDATA[" {
		s.r += 7
		return s.skipPast(']', 2)
	}
	return errXMLDTD
}

// skipPast discards input up to and including k times x followed by '>':
// "?>", "-->", "]]>".
func (s *xmlScanner) skipPast(x byte, k int) error {
	run := 0
	for {
		c, err := s.readByte()
		if err != nil {
			return err
		}
		switch {
		case c == '>' && run >= k:
			return nil
		case c == x:
			run++
		default:
			run = 0
		}
	}
}

// readTag reads a tag up to the '>' that is outside quotes. One loop finds
// the end and the name, jumping over quoted values: tags are short, and a
// call of bytes.IndexByte for each would cost more than it saves.
func (s *xmlScanner) readTag() error {
	var quote byte
	nameEnd, colon := -1, -1 // offsets from s.r
	for i := s.r; ; {
		if i == s.w {
			off := i - s.r
			if off > maxTag || !s.fill() {
				return eofError(s.readErr())
			}
			i = s.r + off
			continue
		}
		if quote != 0 { // skip the rest of the value
			if j := bytes.IndexByte(s.buf[i:s.w], quote); j >= 0 {
				i, quote = i+j+1, 0
			} else {
				i = s.w
			}
			continue
		}
		switch c := s.buf[i]; c {
		case '>':
			return s.endTag(i, nameEnd, colon)
		case '"', '\'':
			quote = c
		case ' ', '\t', '\r', '\n':
			if nameEnd < 0 {
				nameEnd = i - s.r
			}
		case ':':
			if nameEnd < 0 {
				colon = i - s.r
			}
		}
		i++
	}
}

// endTag sets the current tag to buf[r:i], with its name ending at offset
// nameEnd (-1: the whole tag) after a prefix ending at colon.
func (s *xmlScanner) endTag(i, nameEnd, colon int) error {
	if i-s.r > maxTag {
		return errXMLTag
	}
	if nameEnd < 0 {
		nameEnd = i - s.r
	}
	s.tag, s.name = s.buf[s.r:i], s.buf[s.r+colon+1:s.r+nameEnd]
	s.attrs, s.r = s.buf[s.r+nameEnd:i], i+1
	if !s.end && len(s.tag) > 0 && s.tag[len(s.tag)-1] == '/' {
		s.pending = true
		if len(s.attrs) > 0 {
			s.attrs = s.attrs[:len(s.attrs)-1]
		} else {
			s.name = s.name[:len(s.name)-1] // "<br/>"
		}
	}
	if len(s.name) == 0 {
		return errXMLSyntax
	}
	return nil
}

func xmlSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func skipSpace(b []byte) []byte {
	for len(b) > 0 && xmlSpace(b[0]) {
		b = b[1:]
	}
	return b
}

// localName strips a namespace prefix: "x:row" is "row".
func localName(b []byte) []byte {
	if i := bytes.LastIndexByte(b, ':'); i >= 0 {
		return b[i+1:]
	}
	return b
}

// attr returns the raw value of the current tag's attribute named local
// (prefix ignored), entities not decoded. It is valid until the next call
// to next or text.
func (s *xmlScanner) attr(local string) ([]byte, bool) {
	for a := s.attrs; ; {
		name, value, rest, ok := nextAttr(a)
		if !ok {
			return nil, false
		}
		if string(name) == local {
			return value, true
		}
		a = rest
	}
}

// nextAttr splits the first attribute off a: its local name, its raw value
// and what follows.
func nextAttr(a []byte) (name, value, rest []byte, ok bool) {
	a = skipSpace(a)
	eq := bytes.IndexByte(a, '=')
	if eq < 0 {
		return nil, nil, nil, false
	}
	name = a[:eq]
	for len(name) > 0 && xmlSpace(name[len(name)-1]) {
		name = name[:len(name)-1]
	}
	a = skipSpace(a[eq+1:])
	if len(a) == 0 || (a[0] != '"' && a[0] != '\'') {
		return nil, nil, nil, false
	}
	end := bytes.IndexByte(a[1:], a[0])
	if end < 0 {
		return nil, nil, nil, false
	}
	return localName(name), a[1 : 1+end], a[2+end:], true
}

// attrText returns an attribute's value with entities decoded.
func (s *xmlScanner) attrText(local string) string {
	v, _ := s.attr(local)
	d, err := decodeEntities(nil, v)
	if err != nil {
		return ""
	}
	return string(d)
}

// attrInt returns an attribute's value as a non-negative int, or -1.
func (s *xmlScanner) attrInt(local string) int {
	v, ok := s.attr(local)
	if !ok {
		return -1
	}
	return atoi(v)
}

// atoi parses a non-negative decimal number of up to 9 digits, or returns -1.
func atoi(b []byte) int {
	if len(b) == 0 || len(b) > 9 {
		return -1
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// text appends the character data that follows the current start tag to
// dst, up to the next tag, with entities decoded and CDATA sections
// included. Past limit bytes it keeps reading but stops appending and
// returns errTextTooBig once the text ends.
func (s *xmlScanner) text(dst []byte, limit int) ([]byte, error) {
	if s.pending {
		return dst, nil
	}
	start, over := len(dst), false
	for {
		seg, err := s.segment(6*limit + 16) // room for entities
		if err == errTextTooBig {
			over = true
		} else if err != nil {
			return dst, err
		}
		if dst, err = decodeEntities(dst, seg); err != nil {
			return dst, err
		}
		if len(dst)-start > limit {
			over, dst = true, dst[:start+limit+1]
		}
		more, err := s.textMarkup(&dst, limit+start)
		if err != nil {
			return dst, err
		}
		if !more {
			break
		}
	}
	if over {
		return dst, errTextTooBig
	}
	return dst, nil
}

// segment returns the raw text up to the next '<', which it consumes; it
// keeps at most max bytes of a longer one (and says so).
func (s *xmlScanner) segment(max int) ([]byte, error) {
	var err error
	s.seg = s.seg[:0]
	for {
		i := bytes.IndexByte(s.buf[s.r:s.w], '<')
		if i >= 0 && len(s.seg) == 0 { // all in the buffer: no copy
			seg := s.buf[s.r : s.r+i]
			s.r += i + 1
			return seg, err
		}
		chunk := s.buf[s.r:s.w]
		if i >= 0 {
			chunk = chunk[:i]
		}
		if len(s.seg)+len(chunk) <= max {
			s.seg = append(s.seg, chunk...)
		} else {
			err = errTextTooBig
		}
		if i >= 0 {
			s.r += i + 1
			return s.seg, err
		}
		s.r = s.w
		if !s.fill() {
			return nil, eofError(s.readErr())
		}
	}
}

// textMarkup handles the markup after a '<' inside text: a CDATA section is
// appended to dst (up to limit), a comment or processing instruction
// skipped, and true returned to go on with the text; anything else is the
// next tag, which next will read.
func (s *xmlScanner) textMarkup(dst *[]byte, limit int) (bool, error) {
	if s.r < s.w && s.buf[s.r] == '/' { // the usual case: the end tag
		s.afterLT = true
		return false, nil
	}
	p := s.peek(8)
	switch {
	case bytes.HasPrefix(p, []byte("![CDATA[")):
		s.r += 8
		return true, s.cdata(dst, limit)
	case bytes.HasPrefix(p, []byte("!--")):
		s.r += 3
		return true, s.skipPast('-', 2)
	case bytes.HasPrefix(p, []byte("?")):
		s.r++
		return true, s.skipPast('?', 1)
	}
	s.afterLT = true
	return false, nil
}

// cdata appends a CDATA section's content to dst, up to limit bytes.
func (s *xmlScanner) cdata(dst *[]byte, limit int) error {
	run := 0
	for {
		c, err := s.readByte()
		if err != nil {
			return err
		}
		if c == '>' && run >= 2 {
			*dst = (*dst)[:len(*dst)-min(2, len(*dst))] // the "]]" already appended
			return nil
		}
		if c == ']' {
			run++
		} else {
			run = 0
		}
		if len(*dst) <= limit+2 {
			*dst = append(*dst, c)
		}
	}
}

// skip reads past the end of the element whose start tag is current.
func (s *xmlScanner) skip() error {
	for depth := 1; depth > 0; {
		if err := s.next(); err != nil {
			return eofError(err)
		}
		if s.end {
			depth--
		} else {
			depth++
		}
	}
	return nil
}

func eofError(err error) error {
	if err == io.EOF {
		return errXMLEOF
	}
	return err
}

// decodeEntities appends src to dst with the five XML entities and
// character references decoded. A reference to a character XML does not
// allow becomes U+FFFD.
func decodeEntities(dst, src []byte) ([]byte, error) {
	for {
		i := bytes.IndexByte(src, '&')
		if i < 0 {
			return append(dst, src...), nil
		}
		dst = append(dst, src[:i]...)
		src = src[i+1:]
		j := bytes.IndexByte(src, ';')
		if j < 0 || j > 10 {
			return dst, errXMLEntity
		}
		ent := src[:j]
		src = src[j+1:]
		switch string(ent) {
		case "lt":
			dst = append(dst, '<')
		case "gt":
			dst = append(dst, '>')
		case "amp":
			dst = append(dst, '&')
		case "quot":
			dst = append(dst, '"')
		case "apos":
			dst = append(dst, '\'')
		default:
			r, ok := charRef(ent)
			if !ok {
				return dst, errXMLEntity
			}
			dst = utf8.AppendRune(dst, r)
		}
	}
}

// charRef decodes "#65" or "#x41".
func charRef(ent []byte) (rune, bool) {
	if len(ent) < 2 || ent[0] != '#' {
		return 0, false
	}
	base, digits := 10, ent[1:]
	if digits[0] == 'x' {
		base, digits = 16, digits[1:]
	}
	n, err := strconv.ParseUint(string(digits), base, 32)
	if err != nil {
		return 0, false
	}
	r := rune(n)
	if !utf8.ValidRune(r) || (r < 0x20 && r != '\t' && r != '\n' && r != '\r') {
		r = utf8.RuneError
	}
	return r, true
}

// decodeXString undoes the _xHHHH_ escapes Excel writes in strings for
// characters XML cannot hold, such as _x000D_ for a carriage return.
func decodeXString(b []byte) []byte {
	if !bytes.Contains(b, []byte("_x")) {
		return b
	}
	out := make([]byte, 0, len(b))
	for {
		i := bytes.Index(b, []byte("_x"))
		if i < 0 || len(b) < i+7 {
			return append(out, b...)
		}
		n, err := strconv.ParseUint(string(b[i+2:i+6]), 16, 32)
		if err != nil || b[i+6] != '_' {
			out = append(out, b[:i+2]...)
			b = b[i+2:]
			continue
		}
		out = append(out, b[:i]...)
		out = utf8.AppendRune(out, rune(n))
		b = b[i+7:]
	}
}
