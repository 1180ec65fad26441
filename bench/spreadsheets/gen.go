package main

import (
	"flag"
	"fmt"
	"iter"
	"os"
	"strings"

	"tkm"
	"tkm/demo"
	"tkm/region"
	"tkm/sheet"
)

// seed makes the benchmark's groups: not the demo's own seed, so that a
// database with a few demo groups holds none of the file's NIKs.
const seed = 20260501

func runGen(args []string) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	rows := fs.Int("rows", 1_000_000, "member rows (groups of 10)")
	format := fs.String("format", "csv", "csv or xlsx")
	out := fs.String("o", "", "the file to write")
	if err := fs.Parse(args); err != nil {
		return err
	}
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := writeFile(f, *format, *rows); err != nil {
		return fmt.Errorf("gen %s: %w", *out, err)
	}
	return f.Close()
}

// groups yields the benchmark's groups of 10 members: rows/10 of them.
func groups(rows int) (iter.Seq[*tkm.Group], error) {
	regions, err := region.Load()
	if err != nil {
		return nil, err
	}
	return demo.New(seed, regions).Groups(rows/10, []tkm.ID{1, 1}), nil
}

func writeFile(f *os.File, format string, rows int) error {
	seq, err := groups(rows)
	if err != nil {
		return err
	}
	w, err := sheet.NewWriter(f, format, tkm.ImportColumns, 0, 2, 4, 5, 8, 9)
	if err != nil {
		return err
	}
	for g := range seq {
		for _, m := range g.Members {
			if err := w.Write(importRow(g, m)); err != nil {
				return err
			}
		}
	}
	return w.Close()
}

// importRow is a member's row as an officer would type it: phones as 08….
func importRow(g *tkm.Group, m *tkm.Member) []string {
	return []string{g.Ref, g.Name, g.RegionCode, g.Sector, local(g.Phone), m.NIK, m.Name, string(m.Sex),
		m.BirthDate.String(), local(m.Phone), m.Address, string(m.Role), string(m.Employment)}
}

func local(phone string) string {
	if rest, ok := strings.CutPrefix(phone, "+62"); ok {
		return "0" + rest
	}
	return phone
}
