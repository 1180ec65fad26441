package ui

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"tkm"
	"tkm/store"
	"tkm/store/storetest"
)

// TestProductPhoto: a mentor adds a product, is sent to upload its photo,
// uploads one (checked by its content), and the group page shows the
// product with its thumbnail; the photo is served with its own type, to
// those who may see the group only.
func TestProductPhoto(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		b, mu := s.user(tkm.RoleMentor, "")
		c := storetest.Cohort(t, db, 2024)
		g := seedGroup(t, db, mu, c.ID, "51.03.05", 10, 10)
		base := "/kelompok/" + g.ID.String()

		b.get(base + "/produk/baru").status(http.StatusOK).one(`form[action="` + base + `/produk/baru"]`)
		p := b.post(base+"/produk/baru", url.Values{"name": {""}, "price": {"lima ribu"}, "unit": {"bungkus"}}).
			status(http.StatusUnprocessableEntity)
		p.hasFieldError("name")
		p.hasFieldError("price")

		form := url.Values{"name": {"Keripik Pisang"}, "description": {"Pisang kepok, tanpa pengawet."}, "price": {"Rp15.000"},
			"unit": {"bungkus"}, "monthly_capacity": {"500"}}
		resp := b.post(base+"/produk/baru", form).status(http.StatusSeeOther)
		photoPage := resp.Header.Get("Location")
		if !strings.HasPrefix(photoPage, base+"/produk/") || !strings.HasSuffix(photoPage, "/foto") {
			t.Fatalf("after saving, sent to %q", photoPage)
		}
		p = b.follow(resp)
		if got := p.text(".notice"); got != "Produk Keripik Pisang telah disimpan. Unggah fotonya sebagai bukti produk." {
			t.Errorf("notice %q", got)
		}
		p.one(`form[enctype="multipart/form-data"][action="` + photoPage + `"] input#f-file[type=file][name=file][accept="image/jpeg,image/png"]`)
		p.one("#files-empty")

		p = b.upload(photoPage, "catatan.txt", []byte("bukan gambar")).status(http.StatusUnprocessableEntity)
		p.hasFieldError("file")
		p = b.upload(photoPage, "besar.jpg", make([]byte, 9<<20)).status(http.StatusRequestEntityTooLarge)
		if got := p.text("#f-file-error"); !strings.Contains(got, "8 MB") {
			t.Errorf("too large: %q", got)
		}
		p = b.upload(photoPage, "", nil).status(http.StatusUnprocessableEntity)
		if got := p.text("#f-file-error"); !strings.Contains(got, "Pilih berkas") {
			t.Errorf("no file: %q", got)
		}

		p = b.follow(b.upload(photoPage, "keripik.png", pngImage(t, 40, 30)).redirectsTo(photoPage))
		if got := p.text(".notice"); got != "Foto telah disimpan." {
			t.Errorf("notice %q", got)
		}
		img := p.one("#photos img")
		thumb := attr(img, "src")
		if !strings.HasPrefix(thumb, "/berkas/") || !strings.HasSuffix(thumb, "/kecil") || attr(img, "alt") != "Foto produk Keripik Pisang" {
			t.Errorf("thumbnail %q alt %q", thumb, attr(img, "alt"))
		}
		full := strings.TrimSuffix(thumb, "/kecil")

		p = b.get(base).status(http.StatusOK)
		prod := textOf(p.one("section[aria-labelledby=products-heading] .record"))
		if !strings.Contains(prod, "Keripik Pisang Rp15.000 per bungkus · 500 bungkus per bulan Pisang kepok, tanpa pengawet.") {
			t.Errorf("product %q", prod)
		}
		p.one(`section[aria-labelledby=products-heading] a[href="` + full + `"] img[src="` + thumb + `"]`)

		w := b.raw(full)
		if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "image/png" {
			t.Fatalf("photo: %d %q", w.Code, w.Header().Get("Content-Type"))
		}
		for k, want := range map[string]string{"Cache-Control": "private, max-age=3600", "X-Content-Type-Options": "nosniff",
			"Content-Disposition": "inline; filename=keripik.png"} {
			if got := w.Header().Get(k); got != want {
				t.Errorf("%s: %q, want %q", k, got, want)
			}
		}
		if w := b.raw(thumb); w.Code != http.StatusOK || w.Header().Get("Content-Type") != "image/jpeg" {
			t.Errorf("thumbnail: %d %q", w.Code, w.Header().Get("Content-Type"))
		}

		auditor, _ := s.user(tkm.RoleAuditor, "")
		if w := auditor.raw(full); w.Code != http.StatusOK {
			t.Errorf("the auditor gets the photo with %d", w.Code)
		}
		auditor.get(photoPage).status(http.StatusForbidden)
		auditor.upload(photoPage, "x.png", pngImage(t, 4, 4)).status(http.StatusForbidden)
		java, _ := s.user(tkm.RoleRegional, "32")
		java.get(full).status(http.StatusNotFound)
		java.get(thumb).status(http.StatusNotFound)
		java.get(photoPage).status(http.StatusNotFound)
		java.upload(photoPage, "x.png", pngImage(t, 4, 4)).status(http.StatusNotFound)
		b.get("/berkas/999999").status(http.StatusNotFound)

		other := seedGroup(t, db, mu, c.ID, "51.03.05", 10, 40)
		b.get("/kelompok/" + other.ID.String() + strings.TrimPrefix(photoPage, base)).status(http.StatusNotFound)
	})
}

// TestProductEvidenceGate: the way to the institutional stage asks for a
// product with a photo, and points to where to add one.
func TestProductEvidenceGate(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		b, u := s.user(tkm.RoleMinistry, "")
		c := storetest.Cohort(t, db, 2024)
		g := seedGroup(t, db, admin, c.ID, "51.03.05", 10, 10)
		moveTo(t, db, u, g.ID, tkm.StageAided, true)
		path := "/kelompok/" + g.ID.String()

		p := b.get(path).status(http.StatusOK)
		p.one(`#next-action a[href="` + path + `/produk/baru"]`)
		pr := record{t, db, u}.product(g, "Tas Anyaman", false)
		p = b.get(path).status(http.StatusOK)
		p.one(`#next-action a[href="` + path + `/produk/` + pr.ID.String() + `/foto"]`)
		if got := p.text("#gate-product_evidence"); !strings.HasPrefix(got, "✗") {
			t.Errorf("gate %q", got)
		}
		record{t, db, u}.product(g, "Keripik", true)
		if got := b.get(path).text("#gate-product_evidence"); !strings.HasPrefix(got, "✓") {
			t.Errorf("gate with a photo %q", got)
		}
	})
}
