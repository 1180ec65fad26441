package ui

import (
	"net/http"
	"net/url"
	"strings"

	"tkm"
)

// flashCookie carries a message from a successful post to the page the
// browser is sent to next ("Kelompok tersimpan", with any warnings).
const flashCookie = "tkm_flash"

// flashMax keeps the cookie well under the browsers' 4 KB limit.
const flashMax = 3000

// notice is the message shown at the top of a page after a change.
type notice struct {
	Text     string
	Warnings []string
}

// flash is what a handler leaves for the next page: a catalog key with one
// argument, and the warnings of the write, each naming whom or what it is
// about (nothing when who gives ""), and for codes the catalog does not
// explain, the domain's own message.
type flash struct {
	key, arg string
	warnings []tkm.Warning
	who      func(tkm.Warning) string // the member a warning is about
	messages bool                     // the warnings carry their own words: the catalog has none
}

// setFlash leaves f for the next page.
func setFlash(w http.ResponseWriter, f flash) {
	v := url.Values{"m": {f.key}, "a": {f.arg}}
	for _, wr := range f.warnings {
		item := f.who(wr) + "|" + wr.Code
		if f.messages {
			item += "|" + wr.Message + "|" + wr.English
		}
		if len(v.Encode())+len(item)*3 > flashMax {
			break
		}
		v.Add("w", item)
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: v.Encode(), Path: "/", MaxAge: 300,
		HttpOnly: true, SameSite: http.SameSiteLaxMode})
}

// takeFlash reads and clears the message left by the previous request.
func (b base) takeFlash(w http.ResponseWriter, r *http.Request) *notice {
	c, err := r.Cookie(flashCookie)
	if err != nil {
		return nil
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	v, err := url.ParseQuery(c.Value)
	if err != nil {
		return nil
	}
	return b.noticeOf(v)
}

// noticeOf reads a flash: its text, and each warning with whom it is
// about. A flash naming no known text is ignored.
func (b base) noticeOf(v url.Values) *notice {
	var args []any
	if a := v.Get("a"); a != "" {
		args = append(args, a)
	}
	text, err := b.t(v.Get("m"), args...)
	if err != nil {
		return nil
	}
	n := &notice{Text: text}
	for _, item := range v["w"] {
		parts := append(strings.SplitN(item, "|", 4), "", "", "")
		text := b.warningText(parts[1], b.pick(parts[2], parts[3]))
		if parts[0] != "" {
			text = parts[0] + ": " + text
		}
		n.Warnings = append(n.Warnings, text)
	}
	return n
}

// warningText explains a warning code: in the catalog's words, else in
// the domain's own message; a code with neither still shows, with a
// general text.
func (b base) warningText(code, message string) string {
	if s, err := b.t("warning." + code); err == nil {
		return s
	}
	if message != "" {
		return message
	}
	return b.T("warning.other", code)
}
