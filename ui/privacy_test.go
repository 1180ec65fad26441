package ui

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"tkm"
	"tkm/store"
	"tkm/store/storetest"
)

// TestPublicPagesHidePersonalData: no page of the public area, for a
// visitor or a logged-in user, in either language, nor the printed
// catalogue or a QR code, shows a member's NIK (whole or masked), birth
// date, phone, address, or a name the group did not choose to publish.
func TestPublicPagesHidePersonalData(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		sc := newShowcase(t, db)
		bali, _ := sc.exhibitor("KUB Tenun Sekar Jagat", "51.03.05", "Kain Tenun", 10, tkm.StageInstitutional)
		java, _ := sc.exhibitor("KUB Batik Cirebon", "32.09.01", "Batik Tulis", 30, tkm.StageGraduated)
		fresh := sc.group("KUB Baru Mulai", "51.03.05", 10, 60)
		record{t, db, sc.ministry}.product(fresh, "Produk Baru", true)
		sc.profile(bali, "Kami menenun sejak 2019.", "WhatsApp usaha 0361 555 777", "Ibu Made (ketua)")
		e := sc.expo("Pameran Produk TKM 2019", map[string]*tkm.Group{"A1": bali, "B2": java})

		secrets := map[string]string{}
		for _, g := range []*tkm.Group{bali, java, fresh} {
			for _, m := range g.Members {
				for what, v := range personal(m) {
					secrets[v] = fmt.Sprintf("%s of %s of %s", what, m.Name, g.Name)
				}
			}
		}

		leader, _ := s.user(tkm.RoleGroup, "")
		paths := []string{"/katalog", "/katalog?province=51", "/katalog?q=tenun", "/katalog?sector=anyaman", tkm.PublicGroupPath(bali.ID),
			tkm.PublicGroupPath(java.ID), tkm.PublicGroupPath(fresh.ID), "/expo", "/expo/" + e.ID.String(), "/daftar", "/daftar/akun", "/masuk"}
		for _, lang := range languages {
			for _, b := range []*browser{s.as(nil), s.as(sc.ministry), leader} {
				b.jar[langCookie] = &http.Cookie{Name: langCookie, Value: lang}
				for _, path := range paths {
					p := b.get(path)
					if p.Code != http.StatusOK && p.Code != http.StatusNotFound && p.Code != http.StatusSeeOther {
						t.Fatalf("%s: %d", path, p.Code)
					}
					leaks(t, path, p.Body, secrets)
					for _, img := range findAllIn(p, "img.qr__img") {
						png, _ := base64.StdEncoding.DecodeString(strings.TrimPrefix(attr(img, "src"), "data:image/png;base64,"))
						leaks(t, path+" QR code", decodeQR(t, png), secrets)
					}
				}
			}
		}
		w := s.as(nil).raw("/expo/" + e.ID.String() + "/katalog.pdf")
		if w.Code != http.StatusOK {
			t.Fatalf("catalogue PDF: %d", w.Code)
		}
		text := pdfText(t, w.Body.Bytes())
		if !strings.Contains(text, "KUB Tenun Sekar Jagat") {
			t.Fatalf("the catalogue's text cannot be read: %.200s", text)
		}
		leaks(t, "the catalogue PDF", text, secrets)
		for _, path := range []string{"/expo/" + e.ID.String() + "/qr/A1.png", "/expo/" + e.ID.String() + "/qr/B2.png"} {
			leaks(t, path, decodeQR(t, s.as(nil).raw(path).Body.Bytes()), secrets)
		}
	})
}

// personal is everything about a member no public page may show.
func personal(m *tkm.Member) map[string]string {
	out := map[string]string{"NIK": m.NIK, "masked NIK": tkm.MaskNIK(m.NIK), "name": m.Name, "address": m.Address}
	if d := m.BirthDate; !d.IsZero() {
		out["birth date"] = d.String()
		out["birth date (id)"] = tkm.FormatTanggalPendek(d.Time())
		out["birth date (en)"] = tkm.FormatDateShortEnglish(d.Time())
		out["birth date (dd/mm/yyyy)"] = d.Time().Format("02/01/2006")
	}
	if e164, err := tkm.NormalizePhone(m.Phone); err == nil && e164 != "" {
		out["phone"] = e164
		out["phone (local)"] = "0" + strings.TrimPrefix(e164, "+62")
		out["phone (shown)"] = tkm.FormatPhone(e164)
	}
	return out
}

// leaks fails for every secret that body shows.
func leaks(t *testing.T, where, body string, secrets map[string]string) {
	t.Helper()
	for v, what := range secrets {
		if v != "" && strings.Contains(body, v) {
			t.Errorf("%s shows the %s (%q)", where, what, v)
		}
	}
}

// findAllIn is p.all without failing on a page that is not HTML.
func findAllIn(p *page, sel string) []*html.Node {
	if p.doc == nil {
		return nil
	}
	return findAll(p.doc, sel)
}
