package ui

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"

	"tkm"
)

//go:embed static
var staticFS embed.FS

// assets are the embedded static files, each served under a name that
// carries a hash of its content ("tkm.3f2a1c9b7d.css"), so that a browser
// may keep it forever and still never use a stale one.
type assets struct {
	urls  map[string]string // "tkm.css" → "/static/tkm.3f2a1c9b7d.css"
	files map[string]asset  // "tkm.3f2a1c9b7d.css" → content
}

type asset struct {
	body  []byte
	ctype string
	etag  string
}

// newAssets fingerprints every file under static/ in fsys.
func newAssets(fsys fs.FS) (*assets, error) {
	a := &assets{urls: map[string]string{}, files: map[string]asset{}}
	err := fs.WalkDir(fsys, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		a.add(strings.TrimPrefix(p, "static/"), body)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("ui: static files: %w", err)
	}
	return a, nil
}

// add registers one file under its fingerprinted name.
func (a *assets) add(name string, body []byte) {
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:5])
	ext := path.Ext(name)
	fp := strings.TrimSuffix(name, ext) + "." + hash + ext
	a.urls[name] = "/static/" + fp
	a.files[fp] = asset{body: body, ctype: mime.TypeByExtension(ext), etag: `"` + hash + `"`}
}

// url returns the fingerprinted address of a static file; an unknown name
// is an error, so a typo in a template fails its test.
func (a *assets) url(name string) (string, error) {
	u, ok := a.urls[name]
	if !ok {
		return "", fmt.Errorf("ui: no static file %q", name)
	}
	return u, nil
}

// static serves a fingerprinted file, cached for a year.
func (h *Handler) static(w http.ResponseWriter, r *http.Request) error {
	f, ok := h.assets.files[r.PathValue("file")]
	if !ok {
		return tkm.Errorf(tkm.ENOTFOUND, "Berkas tidak ditemukan.", "File not found.")
	}
	w.Header().Set("Content-Type", f.ctype)
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	w.Header().Set("ETag", f.etag)
	if r.Header.Get("If-None-Match") == f.etag {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	w.Write(f.body)
	return nil
}

// favicon points browsers that ask for /favicon.ico at the icon. The
// redirect is temporary: the icon's address changes with its content.
func (h *Handler) favicon(w http.ResponseWriter, r *http.Request) error {
	u, err := h.assets.url("favicon.svg")
	if err != nil {
		return err
	}
	http.Redirect(w, r, u, http.StatusFound)
	return nil
}
