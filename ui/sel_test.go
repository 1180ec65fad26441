package ui

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// A tiny CSS selector engine for the tests, on golang.org/x/net/html: it
// is all the HTML checks need, and twenty lines less than a dependency.
// It understands tag, #id, .class, [attr], [attr=v], [attr^=v], [attr$=v],
// [attr*=v] and [attr~=v] (v quoted or not), joined by descendant (space) and child
// (>) combinators.

// step is one compound selector and how it relates to the step before it.
type step struct {
	child   bool // '>' before it; otherwise any ancestor
	tag, id string
	classes []string
	attrs   []attrSel
}

type attrSel struct{ name, op, val string }

// parseSelector splits a selector into steps; it panics on nonsense, which
// in a test is a bug in the test.
func parseSelector(sel string) []step {
	var steps []step
	child := false
	for _, tok := range selectorTokens(sel) {
		if tok == ">" {
			child = true
			continue
		}
		s := parseCompound(tok)
		s.child, child = child, false
		steps = append(steps, s)
	}
	return steps
}

// selectorTokens splits at spaces outside brackets, and around '>'.
func selectorTokens(sel string) []string {
	var toks []string
	var cur strings.Builder
	depth := 0
	flush := func() {
		if cur.Len() > 0 {
			toks = append(toks, cur.String())
			cur.Reset()
		}
	}
	for _, c := range sel {
		switch {
		case c == '[':
			depth++
		case c == ']':
			depth--
		case depth == 0 && (c == ' ' || c == '>'):
			flush()
			if c == '>' {
				toks = append(toks, ">")
			}
			continue
		}
		cur.WriteRune(c)
	}
	flush()
	return toks
}

// parseCompound reads "tag#id.class[attr=v]".
func parseCompound(tok string) step {
	var s step
	for tok != "" {
		end := strings.IndexAny(tok[1:], "#.[") + 1
		if end == 0 {
			end = len(tok)
		}
		switch tok[0] {
		case '#':
			s.id = tok[1:end]
		case '.':
			s.classes = append(s.classes, tok[1:end])
		case '[':
			end = strings.IndexByte(tok, ']') + 1
			s.attrs = append(s.attrs, parseAttr(tok[1:end-1]))
		default:
			s.tag = tok[:end]
		}
		tok = tok[end:]
	}
	return s
}

func parseAttr(a string) attrSel {
	for _, op := range []string{"^=", "$=", "*=", "~=", "="} {
		if name, val, ok := strings.Cut(a, op); ok {
			return attrSel{name, op, strings.Trim(val, `"'`)}
		}
	}
	return attrSel{name: a}
}

// matches reports whether n satisfies the step.
func (s step) matches(n *html.Node) bool {
	if n.Type != html.ElementNode || (s.tag != "" && s.tag != "*" && n.Data != s.tag) {
		return false
	}
	if s.id != "" && attr(n, "id") != s.id {
		return false
	}
	for _, c := range s.classes {
		if !hasWord(attr(n, "class"), c) {
			return false
		}
	}
	for _, a := range s.attrs {
		if !a.matches(n) {
			return false
		}
	}
	return true
}

func (a attrSel) matches(n *html.Node) bool {
	v, ok := attrOK(n, a.name)
	switch a.op {
	case "":
		return ok
	case "=":
		return ok && v == a.val
	case "^=":
		return ok && strings.HasPrefix(v, a.val)
	case "$=":
		return ok && strings.HasSuffix(v, a.val)
	case "*=":
		return ok && strings.Contains(v, a.val)
	}
	return ok && hasWord(v, a.val)
}

// matchSteps reports whether n matches steps[i] with its ancestors
// matching the steps before.
func matchSteps(n *html.Node, steps []step, i int) bool {
	if !steps[i].matches(n) {
		return false
	}
	if i == 0 {
		return true
	}
	for p := n.Parent; p != nil; p = p.Parent {
		if matchSteps(p, steps, i-1) {
			return true
		}
		if steps[i].child {
			return false
		}
	}
	return false
}

// findAll returns the elements under root matching sel, in document order.
func findAll(root *html.Node, sel string) []*html.Node {
	steps := parseSelector(sel)
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if matchSteps(n, steps, len(steps)-1) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return out
}

func attrOK(n *html.Node, name string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val, true
		}
	}
	return "", false
}

func attr(n *html.Node, name string) string {
	v, _ := attrOK(n, name)
	return v
}

func hasWord(list, w string) bool {
	for _, f := range strings.Fields(list) {
		if f == w {
			return true
		}
	}
	return false
}

// textOf is the text inside n, with runs of space made one.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

func TestSelector(t *testing.T) {
	doc, err := html.Parse(strings.NewReader(`<main id="m"><ul class="a b"><li><a href="/x?y=1" data-k="v w">one</a></li>
		<li class="b"><a href="/z">two</a></li></ul><p><a href="/q">three</a></p></main>`))
	if err != nil {
		t.Fatal(err)
	}
	for sel, want := range map[string]string{
		"a":                      "one two three",
		"ul a":                   "one two",
		"#m > p > a":             "three",
		"main > a":               "",
		"li.b a":                 "two",
		"ul.a.b li a[href^=/x]":  "one",
		`a[data-k~="w"]`:         "one",
		`a[href*="z"]`:           "two",
		`a[href$="q"]`:           "three",
		`a[href="/q"]`:           "three",
		"a[data-k]":              "one",
		"[href]":                 "one two three",
		"section a":              "",
		"ul > li > a[href='/z']": "two",
	} {
		var got []string
		for _, n := range findAll(doc, sel) {
			got = append(got, textOf(n))
		}
		if strings.Join(got, " ") != want {
			t.Errorf("%s: got %q, want %q", sel, got, want)
		}
	}
}
