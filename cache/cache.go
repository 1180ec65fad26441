// Package cache keeps answers read from the registry under the registry's
// version (see tkm.NewContextWithVersion): while nothing has changed, the
// same question gets the same answer without the database. A request knows
// the version from its start and reads its data after, so an answer kept
// under a version is never older than that version, and an answer kept
// under an older version is never given.
package cache

import "sync"

// Versioned keeps values of the current version by key. The zero value is
// ready; MaxEntries and MaxSize (in whatever unit Put's size is given)
// bound it, and past either it starts over.
type Versioned[V any] struct {
	MaxEntries, MaxSize int

	mu      sync.Mutex
	version int64
	entries map[string]V
	size    int
}

// Get returns the value kept under key for version.
func (c *Versioned[V]) Get(version int64, key string) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if version != c.version {
		var zero V
		return zero, false
	}
	v, ok := c.entries[key]
	return v, ok
}

// Put keeps v, read at version, under key. A newer version drops what the
// cache held; a value of an older version is not kept.
func (c *Versioned[V]) Put(version int64, key string, v V, size int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case version < c.version:
		return
	case version > c.version || c.entries == nil:
		c.version, c.entries, c.size = version, map[string]V{}, 0
	}
	if len(c.entries) >= c.MaxEntries || c.size+size > c.MaxSize {
		clear(c.entries)
		c.size = 0
	}
	c.entries[key] = v
	c.size += size
}
