package sheet

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

// tokens lists what the scanner finds in x: tags with their attributes,
// and the text of <v> and <t>.
func tokens(r io.Reader, size int) []string {
	sc := newXMLScanner(r, uint64(size))
	var out []string
	for {
		err := sc.next()
		if err != nil {
			return append(out, "error "+err.Error())
		}
		switch {
		case sc.end:
			out = append(out, "/"+string(sc.name))
		case sc.is("v") || sc.is("t"):
			out = append(out, string(sc.name)+string(sc.attrs))
			text, err := sc.text(nil, 100)
			out = append(out, fmt.Sprintf("text %q %v", text, err))
		default:
			out = append(out, string(sc.name)+string(sc.attrs))
		}
	}
}

// TestScannerBoundaries checks that the scanner finds the same tokens when
// its input comes one byte at a time, so that every token straddles a
// refill of its buffer somewhere.
func TestScannerBoundaries(t *testing.T) {
	for _, x := range []string{
		`<?xml version="1.0"?><worksheet xmlns="m"><sheetData><row r="1"><c r="A1" t="s"><v>12</v></c><c r='B1' x='a>b"c'/></row></sheetData></worksheet>`,
		`<sst><si><t xml:space="preserve"> a &amp; b </t></si><si><r><t>x<![CDATA[<y>]]>z</t></r><rPh><t>p</t></rPh></si><!-- c --><br/><x:c/></sst>`,
		`<a b="` + strings.Repeat("v", 70000) + `"><t>` + strings.Repeat("w", 150) + `</t></a>`,
		`<a><t>&#x41;&#66;&lt;</t><t>unclosed`,
		`<!DOCTYPE x><a/>`,
	} {
		whole := tokens(strings.NewReader(x), len(x))
		bytewise := tokens(iotest.OneByteReader(strings.NewReader(x)), len(x))
		if !slices.Equal(whole, bytewise) {
			t.Errorf("%.40s…:\nwhole    %q\nbytewise %q", x, whole, bytewise)
		}
		if len(whole) < 2 && !strings.HasPrefix(x, "<!DOCTYPE") {
			t.Errorf("%.40s…: tokens %q", x, whole)
		}
	}
}

// csvRecords parses data as f says, with a buffer of bufSize bytes fed by
// a reader that returns half of what is asked, and lists the records.
func csvRecords(data []byte, f csvFormat, bufSize int) []string {
	size := int64(len(data))
	c, err := newCSVRows(bytes.NewReader(data), size, f, fuzzOptions.withDefaults())
	if err != nil {
		return []string{err.Error()}
	}
	c.br = bufio.NewReaderSize(iotest.HalfReader(f.stream(bytes.NewReader(data), size)), bufSize)
	if f.sepLine {
		c.readLine(1)
	}
	var out []string
	var b rowBuilder
	for {
		b.reset()
		n, err := c.next(&b)
		if err != nil {
			return append(out, err.Error())
		}
		out = append(out, fmt.Sprint(n, b.build(nil)))
	}
}

// TestCSVBoundaries checks CSV records that straddle the reader's buffer.
func TestCSVBoundaries(t *testing.T) {
	in := []byte("a;b\n" + strings.Repeat(`"quoted; `+"\r\n"+`cell";`+strings.Repeat("x", 40)+"\r\n", 50))
	f, _, err := detectCSV(bytes.NewReader(in), int64(len(in)))
	if err != nil {
		t.Fatal(err)
	}
	want := csvRecords(in, f, 64<<10)
	if len(want) != 52 {
		t.Fatalf("%d records", len(want))
	}
	for _, size := range []int{16, 17, 33} {
		if got := csvRecords(in, f, size); !slices.Equal(got, want) {
			t.Errorf("buffer %d: %q", size, got)
		}
	}
}
