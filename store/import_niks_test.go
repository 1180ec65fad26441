package store

import (
	"math/rand/v2"
	"testing"
)

// TestNIKTable: the table finds every key added, with its first row, and
// no other, across its growth; keys that share their low bits and the key 0
// included.
func TestNIKTable(t *testing.T) {
	var table nikTable
	want := map[uint64]int32{}
	r := rand.New(rand.NewPCG(1, 2))
	keys := []uint64{0, 1 << 40, 2 << 40, 3 << 40} // the same low bits: one probe chain
	for range 50_000 {
		keys = append(keys, r.Uint64())
	}
	for i, k := range keys {
		if _, dup := table.find(k); dup {
			t.Fatalf("key %d of %d found before it was added", i, len(keys))
		}
		table.add(k, int32(i+2))
		want[k] = int32(i + 2)
	}
	for k, row := range want {
		if got, ok := table.find(k); !ok || got != row {
			t.Fatalf("find(%#x) = %d, %v; want row %d", k, got, ok, row)
		}
	}
	for range 50_000 {
		k := r.Uint64()
		if _, ok := want[k]; !ok {
			if row, ok := table.find(k); ok {
				t.Fatalf("find(%#x) = row %d for a key never added", k, row)
			}
		}
	}
}
