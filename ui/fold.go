package ui

import (
	"fmt"
	"regexp"
	"strings"
)

// Most words on a page are the same on every request: the catalog text of
// a {{t "key"}} and the address of a {{static "file"}}. The templates are
// parsed once per language, so before parsing, fold writes each such
// action's text into the template's source, escaped exactly as
// html/template would escape it there. A page then spends no function call
// and no escaper call on those words; on a table that labels every cell
// for the phone layout, they are most of its actions.
//
// A text is folded only where html/template's escaping is known to be
// plain HTML escaping: in text, and inside the double-quoted value of an
// attribute of plain text (textAttrs). An address is folded in text and in
// an href or src, and only if it has nothing any escaper would change.
// Anywhere else (in a script or a style, in another attribute, or before
// the first tag of a template, whose context is its caller's) the action
// is left to html/template. TestFoldKeepsPages checks the pages are the
// same to the byte either way.

var (
	// foldAction is an action fold can replace.
	foldAction = regexp.MustCompile(`\{\{(t|static) "([^"\\]*)"\}\}`)
	// anyAction is any action or template comment.
	anyAction = regexp.MustCompile(`(?s)\{\{.*?\}\}`)
	// defineAction starts a template's body.
	defineAction = regexp.MustCompile(`\{\{-?\s*(?:define|block)\b`)
	// openAttr ends with the unfinished, double-quoted value of an attribute.
	openAttr = regexp.MustCompile(`\s([a-zA-Z][a-zA-Z0-9-]*)="[^"]*$`)
	// plainPath is an address that every escaper leaves as it is.
	plainPath = regexp.MustCompile(`^/[A-Za-z0-9/._-]*$`)
)

// textAttrs hold plain text, which html/template escapes as HTML.
var textAttrs = map[string]bool{"alt": true, "aria-label": true, "data-label": true, "placeholder": true, "title": true}

// urlAttrs hold an address.
var urlAttrs = map[string]bool{"href": true, "src": true}

// htmlEscaper escapes as html/template does in HTML text, in RCDATA
// (<title>) and in a quoted attribute of plain text.
var htmlEscaper = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

// fold returns the source of a template file with the actions it can fold
// replaced by their text in p's language. A key the catalog lacks, or a
// static file that does not exist, is an error.
func fold(src string, p printer, a *assets) (string, error) {
	markup := anyAction.ReplaceAllStringFunc(src, func(s string) string { return strings.Repeat(" ", len(s)) })
	var b strings.Builder
	done := 0
	for _, m := range foldAction.FindAllStringSubmatchIndex(src, -1) {
		fn, arg := src[m[2]:m[3]], src[m[4]:m[5]]
		attr, ok := htmlContext(src, markup, m[0])
		text, err := foldedText(fn, arg, p, a)
		if err != nil {
			return "", err
		}
		switch {
		case !ok:
			continue
		case fn == "t" && (attr == "" || textAttrs[attr]):
			text = htmlEscaper.Replace(text)
		case fn == "static" && (attr == "" || urlAttrs[attr]) && plainPath.MatchString(text):
			// written as it is: no escaper changes it
		default:
			continue
		}
		b.WriteString(src[done:m[0]])
		b.WriteString(text)
		done = m[1]
	}
	b.WriteString(src[done:])
	return b.String(), nil
}

// foldedText is what {{fn "arg"}} writes before escaping.
func foldedText(fn, arg string, p printer, a *assets) (string, error) {
	if fn == "static" {
		if u, ok := a.urls[arg]; ok {
			return u, nil
		}
		return "", fmt.Errorf("no static file %q", arg)
	}
	if s, ok := p.texts[arg]; ok {
		return s, nil
	}
	return "", fmt.Errorf("no text for %q", arg)
}

// htmlContext tells where the action at pos stands, reading the markup
// before it in its template's body (markup is src with every action
// blanked out): in text (attr is ""), or inside the quoted value of attr.
// ok is false anywhere else, and before the body's first tag, where the
// context is the caller's.
func htmlContext(src, markup string, pos int) (attr string, ok bool) {
	start := 0
	if defs := defineAction.FindAllStringIndex(src[:pos], -1); len(defs) > 0 {
		start = defs[len(defs)-1][1]
	}
	body := markup[start:pos]
	tag := -1      // where the open tag starts, or -1 in text
	var quote byte // the quote of the open attribute value, or 0
	known := false // a tag has ended: the context no longer is the caller's
	for i := 0; i < len(body); i++ {
		switch c := body[i]; {
		case tag < 0 && strings.HasPrefix(body[i:], "<!--"):
			end := strings.Index(body[i:], "-->")
			if end < 0 {
				return "", false
			}
			i += end + 2
		case tag < 0 && c == '<':
			tag = i
		case tag < 0:
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			i, tag, known = rawTextEnd(body, tag, i), -1, true
			if i < 0 {
				return "", false
			}
		}
	}
	switch {
	case tag < 0:
		return "", known
	case quote != '"':
		return "", false
	}
	m := openAttr.FindStringSubmatch(body[tag:])
	if m == nil {
		return "", false
	}
	return strings.ToLower(m[1]), true
}

// rawTextEnd returns where to read on after the tag body[tag:gt+1]: at
// its end for most tags, but at the end tag of a <script> or a <style>,
// whose content is not HTML; -1 when body ends inside one.
func rawTextEnd(body string, tag, gt int) int {
	name := strings.ToLower(body[tag+1 : gt+1])
	for _, raw := range []string{"script", "style"} {
		if strings.HasPrefix(name, raw) && strings.IndexAny(name[len(raw):], " \t\n/>") == 0 {
			end := strings.Index(strings.ToLower(body[gt:]), "</"+raw)
			if end < 0 {
				return -1
			}
			return gt + end
		}
	}
	return gt
}
