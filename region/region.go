// Package region is the Kemendagri table of Indonesia's administrative
// areas (38 provinces, 514 regencies and cities, 7,285 districts and 83,762
// villages), shipped inside the binary.
//
// The data is derived from idn-area-data 4.0.1 and is available under the
// Open Database License; see data/README.md.
package region

import (
	_ "embed"
	"slices"

	"tkm"
)

//go:generate go run ./internal/gen -src /tmp/package/data -out data/regions.tsv.gz

// regionsGz is every current region as gzip-compressed "code\tname" rows,
// made by internal/gen.
//
//go:embed data/regions.tsv.gz
var regionsGz []byte

// historicalCSV maps retired regency codes to current ones, by hand.
//
//go:embed data/historical.csv
var historicalCSV string

var _ tkm.Regions = (*Table)(nil)

// Table is the region reference table. It is read-only once loaded and safe
// for concurrent use.
type Table struct {
	all   []tkm.Region      // provinces, regencies, districts, villages; each level by code
	roots int               // all[:roots] are the provinces
	nodes map[string]node   // every current code
	moved map[string]string // retired regency code → current code
}

// node places one region in Table.all: the region itself and the range of
// its children, which sit next to each other because each level is sorted.
type node struct{ idx, lo, hi int32 }

// Load parses the embedded data. It fails only if the embedded files are
// corrupt, which the tests rule out.
func Load() (*Table, error) {
	t, err := parse(regionsGz)
	if err != nil {
		return nil, err
	}
	if t.moved, err = t.parseHistorical(historicalCSV); err != nil {
		return nil, err
	}
	return t, nil
}

// Region returns the current region with that code, at any level. Codes are
// dotted strings exactly as Kemendagri writes them ("51.03.05"); anything
// else is simply unknown.
func (t *Table) Region(code string) (tkm.Region, bool) {
	n, ok := t.nodes[code]
	if !ok {
		return tkm.Region{}, false
	}
	return t.all[n.idx], true
}

// Children lists the regions directly under parent, sorted by code; an empty
// parent lists the provinces. An unknown parent or a village has none. The
// slice is the caller's to keep or change.
func (t *Table) Children(parent string) []tkm.Region {
	if parent == "" {
		return slices.Clone(t.all[:t.roots])
	}
	n, ok := t.nodes[parent]
	if !ok || n.lo == n.hi {
		return nil
	}
	return slices.Clone(t.all[n.lo:n.hi])
}

// Provinces lists the 38 provinces, sorted by code.
func (t *Table) Provinces() []tkm.Region {
	return t.Children("")
}

// Resolve maps a regency code to the current one: a current regency code
// maps to itself, a retired one (Papua before the 2022 split, say) to its
// successor. Any other code, including a current province or district, is
// not a regency and gives "", false.
func (t *Table) Resolve(regency string) (current string, ok bool) {
	if n, ok := t.nodes[regency]; ok && t.all[n.idx].Level == tkm.LevelRegency {
		return regency, true
	}
	current, ok = t.moved[regency]
	return current, ok
}
