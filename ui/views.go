package ui

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	"tkm"
)

//go:embed templates
var templateFS embed.FS

// views holds every page's template, parsed once per language so that the
// language-bound functions (t, dates, labels) need no per-request state
// and the words that never change are folded into the templates (fold.go).
type views struct {
	cat     catalog
	pages   map[string]map[string]*template.Template // language → page → its layout
	buffers sync.Pool                                // of *bytes.Buffer, to render into
}

// parseViews parses each page under templates/pages together with the
// layout and the partials, once for every language, with the words that
// never change folded in (fold.go).
func parseViews(fsys fs.FS, a *assets, regions tkm.Regions) (*views, error) {
	cat, err := loadCatalog(catalogFS)
	if err != nil {
		return nil, err
	}
	shared, pages, err := templateFiles(fsys)
	if err != nil {
		return nil, err
	}
	v := &views{cat: cat, pages: map[string]map[string]*template.Template{}}
	for _, lang := range languages {
		p := cat.printer(lang)
		prep := func(src string) (string, error) { return fold(src, p, a) }
		if v.pages[lang], err = parsePages(fsys, shared, pages, prep, funcs(p, a, regions)); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// templateFiles lists the files every page shares (the layout first, then
// the partials) and the pages.
func templateFiles(fsys fs.FS) (shared, pages []string, err error) {
	pages, err = fs.Glob(fsys, "templates/pages/*.html")
	if err != nil || len(pages) == 0 {
		return nil, nil, fmt.Errorf("ui: no page templates: %v", err)
	}
	partials, err := fs.Glob(fsys, "templates/partials/*.html")
	if err != nil {
		return nil, nil, fmt.Errorf("ui: partial templates: %w", err)
	}
	return append([]string{"templates/layout.html"}, partials...), pages, nil
}

// parsePages parses each page file with the shared templates, every
// file's source passed through prep first, and returns each page's layout,
// escaped and ready to execute.
func parsePages(fsys fs.FS, shared, pages []string, prep func(string) (string, error), fm template.FuncMap) (map[string]*template.Template, error) {
	src := map[string]string{}
	for _, f := range append(slices.Clip(shared), pages...) {
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, fmt.Errorf("ui: %w", err)
		}
		if src[f], err = prep(string(b)); err != nil {
			return nil, fmt.Errorf("ui: %s: %w", f, err)
		}
	}
	out := map[string]*template.Template{}
	for _, f := range pages {
		t := template.New("").Funcs(fm)
		for _, name := range append(slices.Clip(shared), f) {
			if _, err := t.New(path.Base(name)).Parse(src[name]); err != nil {
				return nil, fmt.Errorf("ui: parse %s: %w", f, err)
			}
		}
		layout, err := escaped(t.Lookup("layout"))
		if err != nil {
			return nil, fmt.Errorf("ui: parse %s: %w", f, err)
		}
		out[strings.TrimSuffix(path.Base(f), ".html")] = layout
	}
	return out, nil
}

// escaped has html/template escape a page now rather than on its first
// request, so that a page it cannot escape fails at start. It escapes on
// the first execution: executing without data stops at the first field,
// after the escaping, with an error of text/template's, not of its own.
func escaped(layout *template.Template) (*template.Template, error) {
	if layout == nil {
		return nil, errors.New("no layout")
	}
	var e *template.Error
	if err := layout.Execute(io.Discard, nil); errors.As(err, &e) {
		return nil, err
	}
	return layout, nil
}

// maxPooled is the largest buffer kept for the next page; a rare huge page
// is not worth holding on to.
const maxPooled = 256 << 10

// buffer returns an empty buffer to render a page into.
func (v *views) buffer() *bytes.Buffer {
	if b, ok := v.buffers.Get().(*bytes.Buffer); ok {
		return b
	}
	return new(bytes.Buffer)
}

// recycle keeps b for another page.
func (v *views) recycle(b *bytes.Buffer) {
	if b.Cap() <= maxPooled {
		b.Reset()
		v.buffers.Put(b)
	}
}
