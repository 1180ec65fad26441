// Command gen turns the CSV files of the npm package idn-area-data into the
// compact region table embedded in package region.
//
// It reads provinces.csv, regencies.csv, districts.csv and villages.csv from
// -src, checks them (code shapes, parents, counts, no duplicates) and writes
// -out: a gzip-compressed, tab-separated file with a "code\tname" header and
// one row per region, provinces first, then regencies, districts and
// villages, each level sorted by code. See region/data/README.md.
//
//	go generate ./region/...
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// level describes one source file: its name, its header, the width of the
// last code segment and how many rows version 4.0.1 holds.
type level struct {
	file   string
	header []string
	width  int
	want   int
}

var levels = []level{
	{"provinces.csv", []string{"code", "name"}, 2, 38},
	{"regencies.csv", []string{"code", "province_code", "name"}, 2, 514},
	{"districts.csv", []string{"code", "regency_code", "name"}, 2, 7285},
	{"villages.csv", []string{"code", "district_code", "name"}, 4, 83762},
}

// row is one region of the output.
type row struct{ code, name string }

func main() {
	src := flag.String("src", "/tmp/package/data", "directory holding the idn-area-data CSV files")
	out := flag.String("out", "data/regions.tsv.gz", "file to write")
	flag.Parse()
	if err := run(*src, *out); err != nil {
		log.Fatalf("gen: %v", err)
	}
}

func run(src, out string) error {
	seen := map[string]bool{"": true} // the root is every province's parent
	var rows []row
	for _, l := range levels {
		rs, err := readLevel(filepath.Join(src, l.file), l, seen)
		if err != nil {
			return err
		}
		rows = append(rows, rs...)
	}
	return write(out, rows)
}

// readLevel reads and checks one source file. Parents must already be in
// seen; the level's own codes are added to it.
func readLevel(path string, l level, seen map[string]bool) ([]row, error) {
	recs, err := readCSV(path, l.header)
	if err != nil {
		return nil, err
	}
	rows := make([]row, 0, len(recs))
	for _, rec := range recs {
		r, err := check(rec, l, seen)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		seen[r.code] = true
		rows = append(rows, r)
	}
	if len(rows) != l.want {
		return nil, fmt.Errorf("%s: %d rows, want %d (is this idn-area-data 4.0.1?)", path, len(rows), l.want)
	}
	slices.SortFunc(rows, func(a, b row) int { return strings.Compare(a.code, b.code) })
	return rows, nil
}

// readCSV returns the records of a CSV file after checking its header.
func readCSV(path string, header []string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = len(header)
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(recs) == 0 || !slices.Equal(recs[0], header) {
		return nil, fmt.Errorf("%s: header is not %q", path, header)
	}
	return recs[1:], nil
}

// check validates one record: the code's shape, that its parent column
// matches the code and exists, that it is new, and that the name is clean.
func check(rec []string, l level, seen map[string]bool) (row, error) {
	code, name := rec[0], rec[len(rec)-1]
	parent, last := "", code
	if i := strings.LastIndexByte(code, '.'); i >= 0 {
		parent, last = code[:i], code[i+1:]
	}
	switch {
	case !digits(last, l.width):
		return row{}, fmt.Errorf("code %q: bad shape", code)
	case len(rec) == 3 && rec[1] != parent:
		return row{}, fmt.Errorf("code %q: parent column %q disagrees", code, rec[1])
	case !seen[parent]:
		return row{}, fmt.Errorf("code %q: parent %q unknown", code, parent)
	case seen[code]:
		return row{}, fmt.Errorf("code %q: duplicate", code)
	case name == "" || name != strings.TrimSpace(name) || strings.ContainsAny(name, "\t\r\n"):
		return row{}, fmt.Errorf("code %q: unusable name %q", code, name)
	}
	return row{code, name}, nil
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

// write stores rows as gzip-compressed TSV. The gzip header carries no name
// or time, so the same input always gives the same bytes.
func write(path string, rows []row) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, f.Close()) }()
	zw, err := gzip.NewWriterLevel(f, gzip.BestCompression)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(zw)
	io.WriteString(w, "code\tname\n")
	for _, r := range rows {
		fmt.Fprintf(w, "%s\t%s\n", r.code, r.name)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return zw.Close()
}
