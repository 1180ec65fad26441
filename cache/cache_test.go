package cache

import "testing"

func TestVersioned(t *testing.T) {
	c := &Versioned[string]{MaxEntries: 3, MaxSize: 100}
	want := func(version int64, key, value string) {
		t.Helper()
		got, ok := c.Get(version, key)
		if value == "" && ok {
			t.Errorf("Get(%d, %q) = %q, want nothing", version, key, got)
		} else if value != "" && got != value {
			t.Errorf("Get(%d, %q) = %q, %v; want %q", version, key, got, ok, value)
		}
	}
	want(0, "bali", "") // empty

	c.Put(5, "bali", "Bali at 5", 10)
	c.Put(5, "jawa", "Jawa at 5", 10)
	want(5, "bali", "Bali at 5")
	want(6, "bali", "") // the registry changed since
	want(4, "bali", "") // a request from before the change that made 5

	c.Put(4, "bali", "Bali at 4", 10) // a slow reader of an older version
	want(5, "bali", "Bali at 5")

	c.Put(6, "bali", "Bali at 6", 10) // a newer version drops the rest
	want(6, "bali", "Bali at 6")
	want(6, "jawa", "")

	c.Put(6, "a", "A", 10)
	c.Put(6, "b", "B", 10)
	c.Put(6, "c", "C", 10) // a fourth entry: starts over
	want(6, "bali", "")
	want(6, "c", "C")

	c.Put(6, "big", "big", 95) // past the size: starts over
	want(6, "c", "")
	want(6, "big", "big")
}
