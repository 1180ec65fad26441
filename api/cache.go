package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"

	"tkm"
)

// The group list is what officers and their tools ask for most, over and
// over while nothing changes. listCache keeps its encoded pages for the
// registry's current version. The version is read as the request begins
// (with the session, see tkm.NewContextWithVersion), so a page read after
// it is at least as new, and a page kept under an older version is never
// served.
type listCache struct {
	mu      sync.Mutex
	version int64
	pages   map[string][]byte
	size    int
}

// The cache starts over when it would pass either bound.
const (
	maxCachedPages = 4096
	maxCachedBytes = 32 << 20
)

func (c *listCache) get(version int64, key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if version != c.version {
		return nil, false
	}
	b, ok := c.pages[key]
	return b, ok
}

func (c *listCache) put(version int64, key string, body []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case version < c.version:
		return
	case version > c.version || c.pages == nil:
		c.version, c.pages, c.size = version, map[string][]byte{}, 0
	}
	if len(c.pages) >= maxCachedPages || c.size+len(body) > maxCachedBytes {
		clear(c.pages)
		c.size = 0
	}
	c.pages[key] = body
	c.size += len(body)
}

// cachedJSON answers with the page cached under key for the registry's
// version as the request began, or with find's answer, which it then keeps.
// The key must name everything the answer depends on but the registry: the
// caller's scope and the request's filters.
func (a *API) cachedJSON(w http.ResponseWriter, r *http.Request, key string, find func() (any, error)) error {
	version, ok := tkm.VersionFromContext(r.Context())
	if !ok {
		v, err := find()
		if err != nil {
			return err
		}
		return writeJSON(w, http.StatusOK, v)
	}
	key = fmt.Sprintf("%s %+v %s", r.URL.Path, tkm.ScopeOf(tkm.UserFromContext(r.Context())), key)
	body, ok := a.lists.get(version, key)
	if !ok {
		v, err := find()
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		if err := json.NewEncoder(&buf).Encode(v); err != nil {
			return err
		}
		body = buf.Bytes()
		a.lists.put(version, key, body)
	}
	w.Header().Set("Content-Type", "application/json")
	_, err := w.Write(body)
	return err
}
