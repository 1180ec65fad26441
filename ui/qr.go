package ui

import (
	"encoding/base64"
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"github.com/skip2/go-qrcode"

	"tkm"
)

// QR codes on the expo pages lead a visitor's phone from a booth to the
// group's public page. They are drawn by github.com/skip2/go-qrcode, as on
// the printed catalogue (package pdf). On the page each is a PNG written
// into the page itself, one pixel a module (a QR "pixel"): a few hundred
// bytes, no request of its own, scaled up crisp by the style sheet. A large
// PNG of each booth's code can be downloaded to print a booth sign.
const (
	// qrLevel is the error correction: Medium survives a smudged print.
	qrLevel = qrcode.Medium
	// qrPagePx and qrSignPx are the pixels a module on the page and in the
	// download.
	qrPagePx  = 1
	qrSignPx  = 16
	qrPNGType = "image/png"
)

// qrPNG draws content as a QR code with its quiet zone, px pixels a module.
func qrPNG(content string, px int) ([]byte, error) {
	q, err := qrcode.New(content, qrLevel)
	if err != nil {
		return nil, err
	}
	return q.PNG(-px)
}

// qrDataURL is a QR code of content as an image address a page carries
// within itself. It is built here from PNG bytes, so it is safe to put in
// a page.
func qrDataURL(content string) (template.URL, error) {
	b, err := qrPNG(content, qrPagePx)
	if err != nil {
		return "", err
	}
	return template.URL("data:" + qrPNGType + ";base64," + base64.StdEncoding.EncodeToString(b)), nil
}

// checkBaseURL refuses a public address a phone could not open from a QR
// code; empty is fine (each request's own address is used).
func checkBaseURL(base string) error {
	if base == "" {
		return nil
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") ||
		u.RawQuery != "" || u.Fragment != "" {
		return tkm.Errorf(tkm.EINVALID, "Alamat situs %q tidak sah; tulis seperti https://tkm.kemnaker.go.id.",
			"Site address %q is not valid; write it as https://tkm.kemnaker.go.id.", base)
	}
	return nil
}

// siteURL is the site's public address, where QR codes lead: BaseURL, or
// without one the address the request came to.
func (h *Handler) siteURL(r *http.Request) string {
	if h.BaseURL != "" {
		return strings.TrimRight(h.BaseURL, "/")
	}
	scheme := "http"
	if secure(r) {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// groupURL is the full address of a group's public page.
func (h *Handler) groupURL(r *http.Request, id tkm.ID) string {
	return h.siteURL(r) + tkm.PublicGroupPath(id)
}

// boothQR sends the QR code of a booth, large enough for a sign:
// /expo/{id}/qr/{booth}.png. It leads to the group's page at that booth.
func (h *Handler) boothQR(w http.ResponseWriter, r *http.Request) error {
	booth, ok := strings.CutSuffix(r.PathValue("file"), ".png")
	id, err := pathID(r, "id")
	if err != nil || !ok {
		return h.notFound(w, r)
	}
	e, _, err := h.Public.PublicExpo(r.Context(), id)
	if err != nil {
		return err
	}
	for _, x := range e.Exhibitors {
		if x.Booth == booth {
			return h.sendQR(w, h.groupURL(r, x.GroupID), "qr-stan-"+booth+".png")
		}
	}
	return tkm.Errorf(tkm.ENOTFOUND, "Stan tidak ditemukan.", "Booth not found.")
}

// sendQR sends a QR code of content. A cache may keep it only when its
// address is the configured one, not one a request's Host header made.
func (h *Handler) sendQR(w http.ResponseWriter, content, name string) error {
	b, err := qrPNG(content, qrSignPx)
	if err != nil {
		return err
	}
	hd := w.Header()
	hd.Set("Content-Type", qrPNGType)
	hd.Set("Content-Disposition", contentDisposition("inline", name))
	hd.Set("X-Content-Type-Options", "nosniff")
	if h.BaseURL != "" {
		hd.Set("Cache-Control", "public, max-age=3600")
	} else {
		hd.Set("Cache-Control", "private, max-age=3600")
	}
	_, err = w.Write(b)
	return err
}
