package ui

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"tkm"
	"tkm/store"
	"tkm/store/storetest"
)

// TestCatalogue: anyone finds the products of the groups with proof of
// products, searches them, filters them by province and sector and pages
// through them; a group still on its way shows nothing.
func TestCatalogue(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		sc := newShowcase(t, db)
		bali, keripik := sc.exhibitor("KUB Tenun Sekar Jagat", "51.03.05", "Keripik Pisang", 10, tkm.StageInstitutional)
		java, _ := sc.exhibitor("KUB Batik Cirebon", "32.09.01", "Batik Tulis", 30, tkm.StageGraduated)
		java.Sector = "Batik"
		if _, _, err := store.NewGroupService(db).UpdateGroup(storetest.As(sc.ministry), java.ID, tkm.GroupUpdate{Sector: &java.Sector}); err != nil {
			t.Fatal(err)
		}
		fresh := sc.group("KUB Baru Mulai", "51.03.05", 10, 50)
		record{t, db, sc.ministry}.product(fresh, "Produk Rahasia", true)

		for _, b := range []*browser{s.as(nil), s.as(sc.ministry)} {
			p := b.get("/katalog").status(http.StatusOK)
			if got := p.text("h1"); got != "Katalog produk TKM" {
				t.Errorf("h1 %q", got)
			}
			if n := len(p.all("#products .card")); n != 2 {
				t.Errorf("%d products, want 2", n)
			}
			if strings.Contains(p.Body, "Produk Rahasia") {
				t.Error("the catalogue shows a product of a group still on its way")
			}
			card := p.one("#produk-" + keripik.ID.String())
			if got := textOf(card); got != "Keripik Pisang Rp15.000 / bungkus KUB Tenun Sekar Jagat Kabupaten Badung, Bali" {
				t.Errorf("card %q", got)
			}
			photo := keripik.Photos[0].ID.String()
			p.one(`#produk-` + keripik.ID.String() + ` a[href="/foto/` + photo + `"] img[src="/foto/` + photo + `/kecil"][alt="Foto produk Keripik Pisang"]`)
			p.one(`#produk-` + keripik.ID.String() + ` a[href="/usaha/` + bali.ID.String() + `"]`)
			p.one(`.header a[href="/katalog"][aria-current=page]`)
			p.none(`.header a[href="/kelompok"]`)
		}
		s.as(sc.ministry).get("/katalog").one(`.header form[action="/keluar"]`)
		s.as(nil).get("/katalog").one(`.header a[href="/masuk"]`)

		for query, want := range map[string]string{"?province=32": "Batik Tulis", "?q=keripik": "Keripik Pisang",
			"?q=cirebon": "Batik Tulis", "?sector=batik": "Batik Tulis", "?province=51&sector=anyaman": "Keripik Pisang"} {
			p := s.as(nil).get("/katalog" + query).status(http.StatusOK)
			var got []string
			for _, n := range p.all("#products .card__title") {
				got = append(got, textOf(n))
			}
			if strings.Join(got, ",") != want {
				t.Errorf("%s: %q, want %q", query, got, want)
			}
		}
		s.as(nil).get("/katalog?q=tidakada").one("#empty a[href=\"/katalog\"]")
		p := s.as(nil).get("/katalog?province=99").status(http.StatusBadRequest)
		p.hasFieldError("province")
		s.as(nil).get("/katalog?cursor=%21%21").status(http.StatusBadRequest).one(".error-summary")

		rc := record{t, db, sc.ministry}
		for i := range catalogueLimit {
			rc.product(bali, fmt.Sprintf("Produk %02d", i), false)
		}
		p = s.as(nil).get("/katalog?province=51").status(http.StatusOK)
		if n := len(p.all("#products .card")); n != catalogueLimit {
			t.Errorf("first page: %d products", n)
		}
		p.none("#first-page")
		p.one(".card__photo--none")
		next := attr(p.one("a#next-page[rel=next]"), "href")
		if !strings.HasPrefix(next, "/katalog?") || !strings.Contains(next, "province=51") {
			t.Fatalf("next page %q", next)
		}
		p = s.as(nil).get(next).status(http.StatusOK)
		if got := p.text("#products .card__title"); got != "Keripik Pisang" {
			t.Errorf("second page starts with %q", got)
		}
		p.none("#next-page")
		p.one(`a#first-page[href="/katalog?province=51"]`)
	})
}

// TestPublicGroupPage: a group's public page shows where it is, what it
// makes with photos, and the story, names and contact it chose; a group on
// its way has none. Its photos are served to anyone, cached for a day.
func TestPublicGroupPage(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		sc := newShowcase(t, db)
		g, pr := sc.exhibitor("KUB Tenun Sekar Jagat", "51.03.05", "Kain Tenun Ikat", 10, tkm.StageInstitutional)
		sc.profile(g, "Kami menenun sejak 2019.\nBenang dari petani lokal.", "WhatsApp usaha 0361 555 777", "Ibu Made Sari (ketua)")
		fresh := sc.group("KUB Baru Mulai", "51.03.05", 10, 50)
		freshPhoto := record{t, db, sc.ministry}.product(fresh, "Rahasia", true).Photos[0]

		for _, b := range []*browser{s.as(nil), s.as(sc.ministry)} {
			p := b.get(tkm.PublicGroupPath(g.ID)).status(http.StatusOK)
			if got := p.text("h1"); got != g.Name {
				t.Errorf("h1 %q", got)
			}
			for sel, want := range map[string]string{"#region": "Kuta Selatan, Kabupaten Badung, Bali", "#sector": "Kerajinan anyaman",
				"#story": "Kami menenun sejak 2019. Benang dari petani lokal.", "#names": "Ibu Made Sari (ketua)",
				"#contact": "WhatsApp usaha 0361 555 777", "#produk-" + pr.ID.String() + " h3": "Kain Tenun Ikat",
				"#produk-" + pr.ID.String() + " .card__price": "Rp15.000 / bungkus · 500 bungkus per bulan"} {
				if got := p.text(sel); got != want {
					t.Errorf("%s: %q, want %q", sel, got, want)
				}
			}
			p.one(`#produk-` + pr.ID.String() + ` img[src="/foto/` + pr.Photos[0].ID.String() + `/kecil"]`)
		}
		for _, path := range []string{tkm.PublicGroupPath(fresh.ID), "/usaha/999999", "/usaha/abc"} {
			p := s.as(nil).get(path).status(http.StatusNotFound)
			p.none(`.header a[href="/kelompok"]`)
			p.one(`.header a[href="/katalog"]`)
		}

		for _, path := range []string{"/foto/" + pr.Photos[0].ID.String(), "/foto/" + pr.Photos[0].ID.String() + "/kecil"} {
			w := s.as(nil).raw(path)
			if w.Code != http.StatusOK || !isPNG(w.Body.Bytes()) {
				t.Fatalf("%s: %d", path, w.Code)
			}
			for k, want := range map[string]string{"Cache-Control": "public, max-age=86400", "X-Content-Type-Options": "nosniff",
				"Content-Disposition": ""} {
				if got := w.Header().Get(k); got != want {
					t.Errorf("%s %s: %q, want %q", path, k, got, want)
				}
			}
		}
		s.as(nil).get("/foto/" + freshPhoto.ID.String()).status(http.StatusNotFound)
		s.as(nil).get("/foto/999999/kecil").status(http.StatusNotFound)
	})
}

// TestPublicExpo: an expo's public page shows its booth plan and every
// booth with its group's products and a QR code that holds the address of
// the group's page (written beside it), also downloadable large; the
// printable catalogue downloads as a PDF.
func TestPublicExpo(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		sc := newShowcase(t, db)
		bali, pr := sc.exhibitor("KUB Tenun Sekar Jagat", "51.03.05", "Kain Tenun Ikat", 10, tkm.StageInstitutional)
		java, _ := sc.exhibitor("KUB Batik Cirebon", "32.09.01", "Batik Tulis", 30, tkm.StageGraduated)
		sc.profile(bali, "", "WhatsApp 0361 555 777", "Ibu Made Sari")
		e := sc.expo("Pameran Produk TKM 2019", map[string]*tkm.Group{"A 1": bali, "A10": java})
		base := "/expo/" + e.ID.String()
		record{t, db, sc.ministry}.product(bali, "Produk Baru", false)

		p := s.as(nil).get("/expo").status(http.StatusOK)
		p.one(`#expos a[href="` + base + `"]`)
		if got := p.text("#expos li"); !strings.Contains(got, "BNDCC Nusa Dua") || !strings.Contains(got, "2 kelompok") {
			t.Errorf("expo list %q", got)
		}

		for _, b := range []*browser{s.as(nil), s.as(sc.ministry)} {
			p = b.get(base).status(http.StatusOK)
			if got := p.text("h1"); got != "Pameran Produk TKM 2019" {
				t.Errorf("h1 %q", got)
			}
			if got := p.text("#booth-plan"); got != "A 1 KUB Tenun Sekar Jagat Bali A10 KUB Batik Cirebon Jawa Barat" {
				t.Errorf("booth plan %q", got)
			}
			p.one(`#booth-plan a[href="#stan-1"]`)
			booth := p.one("#stan-1")
			if got := textOf(findAll(booth, "h2")[0]); got != bali.Name {
				t.Errorf("booth 1 is %q", got)
			}
			if got := textOf(booth); !strings.Contains(got, "Stan A 1") || !strings.Contains(got, "Ibu Made Sari") ||
				!strings.Contains(got, "WhatsApp 0361 555 777") || !strings.Contains(got, "Produk Baru") {
				t.Errorf("booth 1: %q", got)
			}
			p.one(`#stan-1 #produk-` + pr.ID.String() + ` img[src="/foto/` + pr.Photos[0].ID.String() + `/kecil"]`)

			want := "http://example.com" + tkm.PublicGroupPath(bali.ID)
			img := p.one("#stan-1 img.qr__img")
			src, ok := strings.CutPrefix(attr(img, "src"), "data:image/png;base64,")
			if !ok {
				t.Fatalf("QR code src %.60q", attr(img, "src"))
			}
			png, err := base64.StdEncoding.DecodeString(src)
			if err != nil {
				t.Fatal(err)
			}
			if got := decodeQR(t, png); got != want {
				t.Errorf("the QR code holds %q, want %q", got, want)
			}
			if len(src) > 1200 {
				t.Errorf("the page's QR code takes %d bytes", len(src))
			}
			if got := attr(img, "alt"); got != "Kode QR stan A 1: halaman kelompok KUB Tenun Sekar Jagat" {
				t.Errorf("alt %q", got)
			}
			if got := p.text("#stan-1 a.qr__url"); got != want || attr(p.one("#stan-1 a.qr__url"), "href") != want {
				t.Errorf("the address beside the QR code: %q", got)
			}
			p.one(`a#catalogue-pdf[href="` + base + `/katalog.pdf"]`)
		}

		dl := attr(p.one("#stan-1 a.qr__download"), "href")
		if dl != base+"/qr/A%201.png" {
			t.Errorf("QR download %q", dl)
		}
		w := s.as(nil).raw(dl)
		if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "image/png" || w.Header().Get("Cache-Control") != "private, max-age=3600" {
			t.Fatalf("QR download: %d %v", w.Code, w.Header())
		}
		if got := decodeQR(t, w.Body.Bytes()); got != "http://example.com"+tkm.PublicGroupPath(bali.ID) {
			t.Errorf("the downloaded QR code holds %q", got)
		}
		s.as(nil).get(base + "/qr/Z9.png").status(http.StatusNotFound)
		s.as(nil).get(base + "/qr/A10.svg").status(http.StatusNotFound)
		s.as(nil).get("/expo/999999").status(http.StatusNotFound)
		s.as(nil).get("/expo/999999/katalog.pdf").status(http.StatusNotFound)

		w = s.as(nil).raw(base + "/katalog.pdf")
		checkDownload(t, w.Header(), "application/pdf", "katalog-pameran", ".pdf")
		if text := pdfText(t, w.Body.Bytes()); !strings.Contains(text, "KUB Batik Cirebon") {
			t.Errorf("the catalogue lacks a group: %.300s", text)
		}

		s.h.BaseURL = "https://tkm.kemnaker.go.id"
		p = s.as(nil).get(base).status(http.StatusOK)
		if got := p.text("#stan-2 a.qr__url"); got != "https://tkm.kemnaker.go.id"+tkm.PublicGroupPath(java.ID) {
			t.Errorf("with a base address the QR code leads to %q", got)
		}
		if w := s.as(nil).raw(base + "/qr/A10.png"); w.Header().Get("Cache-Control") != "public, max-age=3600" {
			t.Errorf("QR code with a base address: %q", w.Header().Get("Cache-Control"))
		}
	})
}

// TestBaseURL: New refuses a base address a phone could not open.
func TestBaseURL(t *testing.T) {
	for _, bad := range []string{"tkm.kemnaker.go.id", "ftp://x.id", "https://", "https://x.id/path", "https://x.id/?q=1"} {
		if _, err := New(Handler{BaseURL: bad}); err == nil {
			t.Errorf("New took base address %q", bad)
		}
	}
	for _, good := range []string{"", "https://tkm.kemnaker.go.id", "http://127.0.0.1:8080/"} {
		if err := checkBaseURL(good); err != nil {
			t.Errorf("checkBaseURL(%q) = %v", good, err)
		}
	}
}
