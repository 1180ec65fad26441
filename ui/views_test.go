package ui

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestParseViewsEscapesAtStart: a template html/template cannot escape
// fails at start, not on its page's first request.
func TestParseViewsEscapesAtStart(t *testing.T) {
	fsys := fstest.MapFS{
		"templates/layout.html":     {Data: []byte(`{{define "layout"}}<html lang="{{.Lang}}">{{template "content" .}}{{end}}`)},
		"templates/pages/bad.html":  {Data: []byte(`{{define "content"}}<a {{if .X}}href="{{.X}}"{{else}}title="{{end}}>x</a>{{end}}`)},
		"templates/partials/p.html": {Data: []byte(`{{define "p"}}{{end}}`)},
	}
	if _, err := parseViews(fsys, &assets{}, nil); err == nil || !strings.Contains(err.Error(), "bad.html") {
		t.Errorf("parseViews = %v, want an escaping error naming bad.html", err)
	}
	fsys["templates/pages/bad.html"] = &fstest.MapFile{Data: []byte(`{{define "content"}}<a href="{{.X}}">x</a>{{end}}`)}
	if _, err := parseViews(fsys, &assets{}, nil); err != nil {
		t.Errorf("parseViews = %v for a good page", err)
	}
}
