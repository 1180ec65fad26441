package ui

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"net/url"
	"strconv"
	"strings"
	"time"

	"tkm"
)

// The sign-up form keeps programs out without a third party: a person
// takes seconds to fill it in and a program does not, and a program fills
// in every input it finds, where a person leaves alone the one they cannot
// see. So the form carries the time it was served, signed with the
// server's secret (a program cannot forge an older one), and a honeypot
// input that the style sheet hides from people. The store limits the
// accounts made from one address as well.
const (
	// tokenInput carries the signed time; honeypotInput must stay empty.
	tokenInput    = "t"
	honeypotInput = "website"
	// A form sent sooner than minFormAge after it was served came from a
	// program; one older than maxFormAge was left open too long.
	minFormAge = 3 * time.Second
	maxFormAge = time.Hour
	// tokenSkew forgives a clock a little ahead on another server.
	tokenSkew = 5 * time.Second
)

// formToken signs the moment a form is served: "UNIXTIME.MAC".
func (h *Handler) formToken(at time.Time) string {
	ts := strconv.FormatInt(at.Unix(), 10)
	return ts + "." + h.tokenMAC(ts)
}

// tokenMAC is the signature of a form's time, for the sign-up form only.
func (h *Handler) tokenMAC(ts string) string {
	m := hmac.New(sha256.New, h.FormSecret)
	m.Write([]byte("tkm sign-up form|" + ts))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:16])
}

// formAge returns how long ago a posted token was made, or false for a
// token this server did not sign.
func (h *Handler) formAge(token string, now time.Time) (time.Duration, bool) {
	ts, mac, ok := strings.Cut(token, ".")
	if !ok || !hmac.Equal([]byte(mac), []byte(h.tokenMAC(ts))) {
		return 0, false
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return 0, false
	}
	return now.Sub(time.Unix(sec, 0)), true
}

// checkHuman refuses a sign-up form a program sent: one with the honeypot
// filled in, or without a token this server signed, or sent too fast or
// too late. It returns the token to serve again with the form: the posted
// one while it is good, so that the time a person spends fixing mistakes
// counts, else a new one.
func (h *Handler) checkHuman(form url.Values, now time.Time) (string, error) {
	token := form.Get(tokenInput)
	age, signed := h.formAge(token, now)
	switch {
	case form.Get(honeypotInput) != "" || !signed || age < -tokenSkew:
		return h.formToken(now), tkm.Errorf(tkm.EINVALID, "Formulir tidak dapat diterima. Muat ulang halaman ini, lalu isi dan kirim lagi.",
			"The form cannot be accepted. Reload this page, then fill it in and send it again.")
	case age > maxFormAge:
		return h.formToken(now), tkm.Errorf(tkm.EINVALID, "Formulir ini sudah terbuka lebih dari satu jam. Periksa isian Anda, lalu kirim lagi.",
			"This form was open for more than an hour. Check what you typed, then send it again.")
	case age < minFormAge:
		return token, tkm.Errorf(tkm.EINVALID, "Formulir terkirim terlalu cepat. Periksa isian Anda, lalu kirim lagi.",
			"The form was sent too quickly. Check what you typed, then send it again.")
	}
	return token, nil
}
