package ui

import (
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// checkPage checks what every page must have, whatever it shows: the
// language, the viewport, a title, one h1, the skip link to the main
// content, a label for every control, ids that exist where aria points,
// and nothing inline that the Content-Security-Policy would block.
func checkPage(p *page) {
	p.t.Helper()
	if lang := attr(p.one("html"), "lang"); lang != "id" && lang != "en" {
		p.t.Errorf("html lang %q", lang)
	}
	p.one(`meta[name=viewport][content="width=device-width, initial-scale=1"]`)
	if p.text("head title") == "" {
		p.t.Error("empty title")
	}
	if n := len(p.all("h1")); n != 1 {
		p.t.Errorf("%d h1 elements, want 1", n)
	}
	p.one(`a.skip-link[href="#main"]`)
	p.one("main#main")
	checkCSP(p)
	checkLabels(p)
	checkIDs(p)
}

// checkCSP finds inline script and style, which the CSP refuses.
func checkCSP(p *page) {
	p.t.Helper()
	p.none("style")
	p.none("[style]")
	for _, s := range p.all("script") {
		if attr(s, "src") == "" {
			p.t.Error("inline <script>")
		}
	}
	for _, n := range p.all("*") {
		for _, a := range n.Attr {
			if strings.HasPrefix(a.Key, "on") {
				p.t.Errorf("inline event handler %s on <%s>", a.Key, n.Data)
			}
		}
	}
}

// checkLabels wants a <label for> for every control a person fills in, or
// a label around it.
func checkLabels(p *page) {
	p.t.Helper()
	for _, n := range p.all("input") {
		if slices.Contains([]string{"hidden", "submit", "button"}, attr(n, "type")) {
			continue
		}
		checkLabel(p, n)
	}
	for _, n := range append(p.all("select"), p.all("textarea")...) {
		checkLabel(p, n)
	}
}

func checkLabel(p *page, n *html.Node) {
	p.t.Helper()
	if labelled(n) {
		return
	}
	id := attr(n, "id")
	if id == "" || len(p.all(`label[for="`+id+`"]`)) != 1 {
		p.t.Errorf("<%s name=%q id=%q> has no label", n.Data, attr(n, "name"), id)
	}
}

// labelled reports whether a control sits inside a <label> with text,
// which labels it without an id (the tick boxes of a long list).
func labelled(n *html.Node) bool {
	for a := n.Parent; a != nil; a = a.Parent {
		if a.Type == html.ElementNode && a.Data == "label" {
			return textOf(a) != ""
		}
	}
	return false
}

// checkIDs wants unique ids, and every id that aria-describedby, a label
// or a summary link names to exist.
func checkIDs(p *page) {
	p.t.Helper()
	seen := map[string]bool{}
	for _, n := range p.all("[id]") {
		if id := attr(n, "id"); seen[id] {
			p.t.Errorf("id %q used twice", id)
		} else {
			seen[id] = true
		}
	}
	var refs []string
	for _, n := range p.all("[aria-describedby]") {
		refs = append(refs, strings.Fields(attr(n, "aria-describedby"))...)
	}
	for _, n := range p.all(`a[href^="#"]`) {
		refs = append(refs, strings.TrimPrefix(attr(n, "href"), "#"))
	}
	for _, id := range refs {
		if !seen[id] {
			p.t.Errorf("reference to missing id %q", id)
		}
	}
}
