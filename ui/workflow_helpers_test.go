package ui

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"testing"

	"tkm"
	"tkm/store"
	"tkm/store/storetest"
)

// moveTo moves group id along the path, one stage at a time, to stage to,
// as u; override passes the gates not met, with a reason (u must be a role
// that may).
func moveTo(t *testing.T, db *store.DB, u *tkm.User, id tkm.ID, to tkm.Stage, override bool) {
	t.Helper()
	wf := store.NewWorkflowService(db)
	ctx := storetest.As(u)
	for {
		g, err := store.NewGroupService(db).FindGroupByID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if g.Stage == to {
			return
		}
		next := g.Stage.Next()
		if next == "" {
			t.Fatalf("group %d at %s cannot reach %s", id, g.Stage, to)
		}
		req := tkm.TransitionRequest{To: next}
		if override {
			req.Override, req.Note = true, "Uji: syarat dilewati."
		}
		if _, err := wf.Transition(ctx, id, req); err != nil {
			t.Fatalf("move group %d to %s: %v", id, next, err)
		}
	}
}

// pngImage is a small real PNG photo.
func pngImage(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := range w {
		for y := range h {
			img.Set(x, y, color.RGBA{uint8(x * 4), 120, uint8(y * 4), 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// tinyPDF is a minimal file that passes as a PDF attachment.
var tinyPDF = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

// upload posts data as the file input "file" of a multipart form; an
// empty name sends the input with no file chosen.
func (b *browser) upload(path, name string, data []byte) *page {
	b.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		b.t.Fatal(err)
	}
	fw.Write(data)
	mw.Close()
	r := httptest.NewRequestWithContext(context.Background(), http.MethodPost, path, &body)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	return b.do(r)
}

// raw gets path and returns the response without reading it as a page.
func (b *browser) raw(path string) *httptest.ResponseRecorder {
	b.t.Helper()
	r := httptest.NewRequest(http.MethodGet, path, nil)
	for _, c := range b.jar {
		r.AddCookie(c)
	}
	w := httptest.NewRecorder()
	b.h.ServeHTTP(w, r.WithContext(b.authenticate(r)))
	return w
}

// record makes the data a group gathers on its way, straight through the
// store: the test of each page does its own part through the UI.
type record struct {
	t  testing.TB
	db *store.DB
	u  *tkm.User // who records it
}

func (rc record) ctx() context.Context { return storetest.As(rc.u) }

// aid records aid of amount for g, all of it equipment.
func (rc record) aid(g *tkm.Group, no string, amount int64) *tkm.Aid {
	rc.t.Helper()
	a := &tkm.Aid{Amount: amount, DisbursedOn: tkm.DateOf(2024, 5, 2), Method: tkm.AidTransfer, HandoverNo: no, Place: "Denpasar",
		Items: []tkm.AidItem{{Description: "Mesin jahit", Category: tkm.Equipment, Qty: 2, Unit: "unit", UnitPrice: amount / 2}}}
	if _, err := store.NewAidService(rc.db).CreateAid(rc.ctx(), g.ID, a); err != nil {
		rc.t.Fatal(err)
	}
	return a
}

// product adds a product to g, with a photo when photo is set.
func (rc record) product(g *tkm.Group, name string, photo bool) *tkm.Product {
	rc.t.Helper()
	p := &tkm.Product{Name: name, Price: 15000, Unit: "bungkus", MonthlyCapacity: 500}
	ps := store.NewProductService(rc.db)
	if err := ps.CreateProduct(rc.ctx(), g.ID, p); err != nil {
		rc.t.Fatal(err)
	}
	if photo {
		f := &tkm.File{Name: "foto.png", ContentType: "image/png", Width: 8, Height: 8, Data: pngImage(rc.t, 8, 8),
			Thumb: pngImage(rc.t, 4, 4)}
		if err := ps.AddProductPhoto(rc.ctx(), p.ID, f); err != nil {
			rc.t.Fatal(err)
		}
		p.Photos = append(p.Photos, f)
	}
	return p
}

// lpj submits an LPJ for g.
func (rc record) lpj(g *tkm.Group) *tkm.LPJ {
	rc.t.Helper()
	l := &tkm.LPJ{TechnicalSummary: "Mesin jahit dibeli dan dipakai.", FinancialSummary: "Bantuan Rp20.000.000 habis terpakai.",
		SpentEquipment: 15_000_000, SpentMaterial: 5_000_000}
	if err := store.NewLPJService(rc.db).SubmitLPJ(rc.ctx(), g.ID, l); err != nil {
		rc.t.Fatal(err)
	}
	return l
}

// report files a monitoring report for g.
func (rc record) report(g *tkm.Group, period string) *tkm.Report {
	rc.t.Helper()
	r := &tkm.Report{Period: period, Revenue: 7_500_000, Production: "500 bungkus", ActiveMembers: 10, NewWorkers: 1,
		Notes: "Penjualan naik."}
	if err := store.NewReportService(rc.db).CreateReport(rc.ctx(), g.ID, r); err != nil {
		rc.t.Fatal(err)
	}
	return r
}

// training schedules a training of kind inviting groups.
func (rc record) training(kind tkm.TrainingKind, groups ...*tkm.Group) *tkm.Training {
	rc.t.Helper()
	tr := &tkm.Training{Kind: kind, Title: "Pelatihan " + string(kind), StartsOn: tkm.DateOf(2024, 5, 6),
		EndsOn: tkm.DateOf(2024, 5, 8), Location: "BLK Denpasar", RegionCode: "51"}
	for _, g := range groups {
		tr.GroupIDs = append(tr.GroupIDs, g.ID)
	}
	if err := store.NewTrainingService(rc.db).CreateTraining(rc.ctx(), tr); err != nil {
		rc.t.Fatal(err)
	}
	return tr
}

// attend records that the members ms attended tr (and no one else the
// user may reach).
func (rc record) attend(tr *tkm.Training, ms ...*tkm.Member) {
	rc.t.Helper()
	var ids []tkm.ID
	for _, m := range ms {
		ids = append(ids, m.ID)
	}
	if _, err := store.NewTrainingService(rc.db).SetAttendance(rc.ctx(), tr.ID, ids); err != nil {
		rc.t.Fatal(err)
	}
}
