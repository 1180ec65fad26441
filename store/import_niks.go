package store

// nikTable remembers, for each NIK of an import file, the row it was first
// seen on, keyed by the first 8 bytes of the NIK's keyed hash (uniformly
// spread, so they serve as their own hash). It is an open-addressing table
// of two flat arrays: 12 bytes a slot and no pointers for the collector to
// follow, where a Go map of the same held two to three times the memory.
// At 2,000,000 rows that difference kept the import's live heap at its
// memory limit, the collector running back to back.
type nikTable struct {
	keys []uint64 // 0 is an empty slot; a key of 0 is stored as 1
	rows []int32
	n    int
}

// find returns the row key was first seen on.
func (t *nikTable) find(key uint64) (int32, bool) {
	if t.n == 0 {
		return 0, false
	}
	key = max(key, 1)
	mask := uint64(len(t.keys) - 1)
	for i := key & mask; ; i = (i + 1) & mask {
		switch t.keys[i] {
		case key:
			return t.rows[i], true
		case 0:
			return 0, false
		}
	}
}

// add notes key first seen on row; key must not be in the table.
func (t *nikTable) add(key uint64, row int32) {
	if (t.n+1)*4 > len(t.keys)*3 { // at most three quarters full
		t.grow()
	}
	key = max(key, 1)
	mask := uint64(len(t.keys) - 1)
	i := key & mask
	for t.keys[i] != 0 {
		i = (i + 1) & mask
	}
	t.keys[i], t.rows[i] = key, row
	t.n++
}

func (t *nikTable) grow() {
	old, oldRows := t.keys, t.rows
	size := max(1024, 2*len(old))
	t.keys, t.rows, t.n = make([]uint64, size), make([]int32, size), 0
	for i, k := range old {
		if k != 0 {
			t.add(k, oldRows[i])
		}
	}
}
