package ui

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"strings"
	"testing"

	pdfread "github.com/ledongthuc/pdf"
	"github.com/makiuchi-d/gozxing"
	gozxingqr "github.com/makiuchi-d/gozxing/qrcode"

	"tkm"
	"tkm/store"
	"tkm/store/storetest"
)

// showcase is what the expo and public tests share: a cohort with groups
// that may exhibit (with a product and its photo, moved to institutional
// past their gates by a ministry officer) and one that may not.
type showcase struct {
	t        *testing.T
	db       *store.DB
	ministry *tkm.User
	cohort   *tkm.Cohort
}

func newShowcase(t *testing.T, db *store.DB) *showcase {
	t.Helper()
	u, _ := storetest.User(t, db, tkm.RoleMinistry, "")
	return &showcase{t: t, db: db, ministry: u, cohort: storetest.Cohort(t, db, 2024)}
}

// group registers a group of n members in district, their NIK serials
// from first and their names "Warga Rahasia N"; the returned group holds
// its members as they were typed, full NIKs and all.
func (sc *showcase) group(name, district string, n, first int) *tkm.Group {
	sc.t.Helper()
	g := storetest.Group(sc.cohort.ID, district, n, first)
	g.Name = name
	typed := make([]*tkm.Member, len(g.Members))
	for i, m := range g.Members {
		m.Name = fmt.Sprintf("Warga Rahasia %d", first+i)
		c := *m
		typed[i] = &c
	}
	if _, err := store.NewGroupService(sc.db).CreateGroup(storetest.As(sc.ministry), g); err != nil {
		sc.t.Fatalf("create group: %v", err)
	}
	g.Members = typed
	return g
}

// exhibitor makes a group that may exhibit: with a product with a photo,
// at stage.
func (sc *showcase) exhibitor(name, district, product string, first int, stage tkm.Stage) (*tkm.Group, *tkm.Product) {
	sc.t.Helper()
	g := sc.group(name, district, 10, first)
	p := record{sc.t, sc.db, sc.ministry}.product(g, product, true)
	moveTo(sc.t, sc.db, sc.ministry, g.ID, stage, true)
	g.Stage = stage
	return g, p
}

// expo creates an expo with the groups at booths ("A2" for the first …).
func (sc *showcase) expo(name string, booths map[string]*tkm.Group) *tkm.Expo {
	sc.t.Helper()
	es := store.NewExpoService(sc.db)
	ctx := storetest.As(sc.ministry)
	e := &tkm.Expo{Name: name, Venue: "BNDCC Nusa Dua", RegionCode: "51.03", StartsOn: tkm.DateOf(2019, 11, 19), EndsOn: tkm.DateOf(2019, 11, 21)}
	if err := es.CreateExpo(ctx, e); err != nil {
		sc.t.Fatal(err)
	}
	for booth, g := range booths {
		if _, err := es.AddExhibitor(ctx, e.ID, g.ID, booth); err != nil {
			sc.t.Fatalf("booth %s: %v", booth, err)
		}
	}
	return e
}

// profile writes a group's public profile.
func (sc *showcase) profile(g *tkm.Group, story, contact, names string) {
	sc.t.Helper()
	p := tkm.GroupProfile{Story: &story, Contact: &contact, PublicNames: &names}
	if err := store.NewProfileService(sc.db).UpdateProfile(storetest.As(sc.ministry), g.ID, p); err != nil {
		sc.t.Fatal(err)
	}
}

// decodeQR reads the text of a QR code image, scaled up first: the page's
// codes are one pixel a module.
func decodeQR(t *testing.T, b []byte) string {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("QR code PNG: %v", err)
	}
	if img.Bounds().Dx() < 100 {
		img = scaleUp(img, 8)
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := gozxingqr.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("decode QR code: %v", err)
	}
	return res.GetText()
}

// scaleUp enlarges img k times, each pixel a square.
func scaleUp(img image.Image, k int) image.Image {
	b := img.Bounds()
	out := image.NewGray(image.Rect(0, 0, b.Dx()*k, b.Dy()*k))
	for y := range b.Dy() * k {
		for x := range b.Dx() * k {
			out.Set(x, y, img.At(b.Min.X+x/k, b.Min.Y+y/k))
		}
	}
	return out
}

// pdfText is the text of a PDF, white space collapsed.
func pdfText(t *testing.T, b []byte) string {
	t.Helper()
	r, err := pdfread.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("parse PDF: %v", err)
	}
	var pages []string
	for i := 1; i <= r.NumPage(); i++ {
		s, err := r.Page(i).GetPlainText(nil)
		if err != nil {
			t.Fatalf("text of page %d: %v", i, err)
		}
		pages = append(pages, strings.Join(strings.Fields(s), " "))
	}
	return strings.Join(pages, " ")
}
