package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"

	"tkm"
	"tkm/cache"
)

// The group list is what officers and their tools ask for most, over and
// over while nothing changes: its encoded pages are kept per registry
// version (see package cache), at most 4,096 pages and 32 MB.
func newPageCache() *cache.Versioned[[]byte] {
	return &cache.Versioned[[]byte]{MaxEntries: 4096, MaxSize: 32 << 20}
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
	body, ok := a.pages.Get(version, key)
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
		a.pages.Put(version, key, body, len(body))
	}
	w.Header().Set("Content-Type", "application/json")
	_, err := w.Write(body)
	return err
}
