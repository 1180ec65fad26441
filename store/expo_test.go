package store_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"tkm"
	"tkm/store"
	"tkm/store/storetest"
)

// institutional takes a new group of cohort c in district to institutional
// with a product and a photo, by override.
func institutional(t *testing.T, w *wf, c tkm.ID, district string, first int) *tkm.Group {
	g := storetest.Group(c, district, 10, first)
	if _, err := w.groups.CreateGroup(w.ctx, g); err != nil {
		t.Fatal(err)
	}
	for _, s := range tkm.Path[1:6] {
		if _, err := w.flow.Transition(w.ctx, g.ID, tkm.TransitionRequest{To: s, Override: true, Note: "uji"}); err != nil {
			t.Fatal(err)
		}
	}
	p := &tkm.Product{Name: "Keripik tempe " + g.Name, Price: 15000, Unit: "bungkus"}
	must(t, w.products.CreateProduct(w.ctx, g.ID, p))
	must(t, w.products.AddProductPhoto(w.ctx, p.ID, &tkm.File{Name: "k.jpg", ContentType: "image/jpeg", Data: []byte("x"), Width: 1, Height: 1}))
	return g
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestExpoAndPublic(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWF(t, db)
		c := storetest.Cohort(t, db, 2019)
		bali := institutional(t, w, c.ID, "51.03.05", 1)
		jkt := institutional(t, w, c.ID, "31.71.01", 11)
		young := storetest.Group(c.ID, "51.71.01", 10, 21)
		must(t, func() error { _, err := w.groups.CreateGroup(w.ctx, young); return err }())
		must(t, store.NewProfileService(db).UpdateProfile(w.ctx, bali.ID, tkm.GroupProfile{
			Story: ptr("Kami menganyam pandan sejak 2019."), PublicNames: ptr("Ni Made Ayu (ketua)")}))

		expos := store.NewExpoService(db)
		e := &tkm.Expo{Name: "Pameran TKM 2019", Venue: "BNDCC Nusa Dua", RegionCode: "51.03",
			StartsOn: tkm.DateOf(2019, 11, 19), EndsOn: tkm.DateOf(2019, 11, 21)}
		must(t, expos.CreateExpo(w.ctx, e))
		if _, err := expos.AddExhibitor(w.ctx, e.ID, young.ID, "A9"); tkm.ErrorCode(err) != tkm.EINVALID ||
			err.(*tkm.Error).Fields[0].Code != tkm.GateProductEvidence {
			t.Fatalf("a group without proof of products got a booth: %v", err)
		}
		for booth, g := range map[string]*tkm.Group{"A1": bali, "B2": jkt} {
			if _, err := expos.AddExhibitor(w.ctx, e.ID, g.ID, booth); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := expos.AddExhibitor(w.ctx, e.ID, jkt.ID, "A1"); tkm.ErrorCode(err) != tkm.ECONFLICT {
			t.Fatalf("a booth given twice: %v", err)
		}
		must(t, expos.RecordSale(w.ctx, e.ID, &tkm.Sale{GroupID: bali.ID, Amount: 750_000}))
		must(t, expos.RecordSale(w.ctx, e.ID, &tkm.Sale{GroupID: bali.ID, Amount: 250_000}))
		rep, err := expos.ExpoReport(w.ctx, e.ID)
		if err != nil || rep.SalesTotal != 1_000_000 || rep.ExhibitorsByProvince["51"] != 1 || rep.Products != 2 {
			t.Fatalf("report %+v %v", rep, err)
		}

		if _, err := expos.ExpoReport(storetest.As(&tkm.User{ID: 99, Role: tkm.RoleGroup}), e.ID); tkm.ErrorCode(err) != tkm.EFORBIDDEN {
			t.Fatalf("a group's leader read the expo's sales: %v", err)
		}
		if _, err := expos.DownloadExpoReport(w.ctx, e.ID, "pdf"); err != nil {
			t.Fatal(err)
		}
		_, auditor := storetest.User(t, db, tkm.RoleAuditor, "")
		log, err := store.NewAuditService(db).FindAuditEntries(auditor, tkm.AuditFilter{Action: tkm.AuditExport})
		if err != nil || len(log.Items) != 1 || log.Items[0].Entity != "expo" || log.Items[0].EntityID != e.ID {
			t.Fatalf("the report's download is not in the audit log: %+v %v", log, err)
		}

		// The public: no login, the two groups, no personal data.
		pub := store.NewPublicService(db)
		page, err := pub.Catalogue(context.Background(), tkm.CatalogueFilter{Province: "51"})
		if err != nil || len(page.Items) != 1 || page.Items[0].Group.ID != bali.ID || len(page.Items[0].Product.Photos) != 1 {
			t.Fatalf("catalogue %+v %v", page, err)
		}
		if _, err := pub.PublicGroup(context.Background(), young.ID); tkm.ErrorCode(err) != tkm.ENOTFOUND {
			t.Fatalf("a group without proof of products is public: %v", err)
		}
		ex, groups, err := pub.PublicExpo(context.Background(), e.ID)
		if err != nil || len(groups) != 2 || ex.Exhibitors[0].Sales != 0 {
			t.Fatalf("public expo: %+v %v", ex, err)
		}
		js, _ := json.Marshal([]any{page, groups, ex})
		for _, m := range append(storetest.Group(c.ID, "51.03.05", 10, 1).Members, storetest.Group(c.ID, "31.71.01", 10, 11).Members...) {
			for _, secret := range []string{m.NIK, m.BirthDate.String(), m.Phone[1:]} {
				if strings.Contains(string(js), secret) {
					t.Fatalf("the public sees %q", secret)
				}
			}
		}
		if !strings.Contains(string(js), "Ni Made Ayu (ketua)") {
			t.Error("the names the group chose to publish are missing")
		}

		// A group that drops out leaves the public expo page; the rest stays.
		if _, err := w.flow.Transition(w.ctx, jkt.ID, tkm.TransitionRequest{To: tkm.StageDropped, Note: "bubar"}); err != nil {
			t.Fatal(err)
		}
		ex, groups, err = pub.PublicExpo(context.Background(), e.ID)
		if err != nil || len(groups) != 1 || len(ex.Exhibitors) != 1 || ex.Exhibitors[0].GroupID != bali.ID {
			t.Fatalf("public expo after a group dropped out: %d groups, %+v, %v", len(groups), ex, err)
		}
	})
}

func ptr(s string) *string { return &s }

func TestSignUp(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		auth := store.NewAuthService(db)
		ctx := tkm.NewContextWithOrigin(context.Background(), tkm.Origin{IP: "203.0.113.9"})
		u := &tkm.User{Email: "ketua@desa.id", Name: "Ketut Sugiarta", Role: tkm.RoleAdmin}
		secret, _, err := auth.SignUp(ctx, u, "pantai sanur pagi hari")
		if err != nil || secret == "" || u.Role != tkm.RoleGroup {
			t.Fatalf("sign up: %v, role %s", err, u.Role)
		}
		if _, _, err := auth.SignUp(ctx, &tkm.User{Email: "ketua@desa.id", Name: "X"}, "pantai sanur pagi hari"); tkm.ErrorCode(err) != tkm.ECONFLICT {
			t.Fatalf("the same email twice: %v", err)
		}
		for i := range 3 {
			auth.SignUp(ctx, &tkm.User{Email: "a" + string(rune('a'+i)) + "@desa.id", Name: "X"}, "pantai sanur pagi hari")
		}
		if _, _, err := auth.SignUp(ctx, &tkm.User{Email: "late@desa.id", Name: "X"}, "pantai sanur pagi hari"); tkm.ErrorCode(err) != tkm.ERATELIMITED {
			t.Fatalf("the sixth sign-up from one address: %v", err)
		}
	})
}
