package store_test

import (
	"fmt"
	"testing"

	"tkm"
	"tkm/store"
	"tkm/store/storetest"
)

// TestPhotosByOwner: a group's reports and products each come with their
// own photos, in order, and none of another group's.
func TestPhotosByOwner(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		_, ctx := storetest.User(t, db, tkm.RoleMinistry, "")
		c := storetest.Cohort(t, db, 2024)
		var g [2]*tkm.Group
		for i := range g {
			g[i] = storetest.Group(c.ID, "51.03.05", 10, 1+10*i)
			if _, err := store.NewGroupService(db).CreateGroup(ctx, g[i]); err != nil {
				t.Fatal(err)
			}
		}
		photo := func(name string) *tkm.File {
			return &tkm.File{Name: name, ContentType: "image/png", Width: 1, Height: 1, Data: []byte(name), Thumb: []byte(name)}
		}
		reports, products := store.NewReportService(db), store.NewProductService(db)
		var photos []*tkm.File // what each group's items get, in the order added
		for i, grp := range []*tkm.Group{g[0], g[1], g[0]} {
			r := report(fmt.Sprintf("2024-%02d", 4+i))
			p := &tkm.Product{Name: fmt.Sprintf("Keripik %d", i), Price: 15000, Unit: "bungkus", MonthlyCapacity: 100}
			if err := reports.CreateReport(ctx, grp.ID, r); err != nil {
				t.Fatal(err)
			}
			if err := products.CreateProduct(ctx, grp.ID, p); err != nil {
				t.Fatal(err)
			}
			if i == 1 { // the other group's
				continue
			}
			for _, f := range []*tkm.File{photo("r1"), photo("r2")} {
				if err := reports.AddReportPhoto(ctx, r.ID, f); err != nil {
					t.Fatal(err)
				}
				photos = append(photos, f)
			}
			f := photo("p")
			if err := products.AddProductPhoto(ctx, p.ID, f); err != nil {
				t.Fatal(err)
			}
			photos = append(photos, f)
		}
		rs, err := reports.FindReports(ctx, g[0].ID)
		if err != nil || len(rs) != 2 {
			t.Fatalf("%d reports, %v", len(rs), err)
		}
		// Newest period first: the third report, then the first.
		for i, want := range [][]*tkm.File{photos[3:5], photos[0:2]} {
			if len(rs[i].Photos) != 2 || rs[i].Photos[0].ID != want[0].ID || rs[i].Photos[1].ID != want[1].ID {
				t.Errorf("report %s: photos %+v, want %d and %d", rs[i].Period, rs[i].Photos, want[0].ID, want[1].ID)
			}
		}
		ps, err := products.FindProducts(ctx, g[0].ID)
		if err != nil || len(ps) != 2 {
			t.Fatalf("%d products, %v", len(ps), err)
		}
		for i, want := range []*tkm.File{photos[2], photos[5]} {
			if len(ps[i].Photos) != 1 || ps[i].Photos[0].ID != want.ID {
				t.Errorf("product %s: photos %+v, want %d", ps[i].Name, ps[i].Photos, want.ID)
			}
		}
		other, err := reports.FindReports(ctx, g[1].ID)
		if err != nil || len(other) != 1 || other[0].Photos == nil || len(other[0].Photos) != 0 {
			t.Errorf("the other group's report: %+v, %v", other, err)
		}
	})
}
