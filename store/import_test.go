package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"tkm"
	"tkm/store"
	"tkm/store/storetest"
)

// textFile is an import file of text cells, header first.
type textFile [][]string

func (f textFile) Rows() (tkm.ImportRows, error) { return &textRows{f: f, i: -1}, nil }
func (f textFile) Close() error                  { return nil }

type textRows struct {
	f textFile
	i int
}

func (r *textRows) Next() bool   { r.i++; return r.i < len(r.f) }
func (r *textRows) Err() error   { return nil }
func (r *textRows) Close() error { return nil }
func (r *textRows) Row() tkm.ImportRow {
	row := tkm.ImportRow{Number: r.i + 1}
	for _, s := range r.f[r.i] {
		row.Cells = append(row.Cells, tkm.ImportCell{Text: s, Raw: s})
	}
	return row
}

// importFile writes the rows of groups of ten, one per ref, in district.
func importFile(refs []string, district string, first int) textFile {
	f := textFile{tkm.ImportColumns}
	for gi, ref := range refs {
		for i := range 10 {
			m := storetest.Member(district, first+gi*10+i)
			f = append(f, []string{ref, "KUB " + ref, district, "Kerajinan", "0361 123456", m.NIK, m.Name, string(m.Sex),
				m.BirthDate.String(), m.Phone, m.Address, string(m.Role), "menganggur"})
		}
	}
	return f
}

func runImport(t *testing.T, db *store.DB, ctx context.Context, f textFile, opt tkm.ImportOptions) (*tkm.ImportResult, []tkm.RowError) {
	t.Helper()
	var errs []tkm.RowError
	res, err := store.NewImportService(db).Import(ctx, f, opt, func(e tkm.RowError) { errs = append(errs, e) }, nil)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return res, errs
}

func countGroups(t *testing.T, db *store.DB, ctx context.Context) int {
	page, err := store.NewGroupService(db).FindGroups(ctx, tkm.GroupFilter{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	return len(page.Items)
}

func TestImportIdempotent(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		_, ctx := storetest.User(t, db, tkm.RoleMinistry, "")
		c := storetest.Cohort(t, db, 2019)
		f := importFile([]string{"A", "B", "C"}, "51.03.05", 1)
		res, errs := runImport(t, db, ctx, f, tkm.ImportOptions{CohortID: c.ID})
		if len(errs) != 0 || res.Status != tkm.ImportDone || res.GroupsCreated != 3 || res.RowsTotal != 30 || res.RowsOK != 30 {
			t.Fatalf("first import: %+v %v", res, errs)
		}
		res, _ = runImport(t, db, ctx, f, tkm.ImportOptions{CohortID: c.ID})
		if res.GroupsCreated+res.GroupsUpdated != 0 || res.GroupsUnchanged != 3 || countGroups(t, db, ctx) != 3 {
			t.Fatalf("second import changed things: %+v", res)
		}
		f[5][6] = "Nama Baru"       // a member of A renamed
		f[12], f[15] = f[15], f[12] // B's rows in another order: still unchanged
		res, _ = runImport(t, db, ctx, f, tkm.ImportOptions{CohortID: c.ID})
		if res.GroupsUpdated != 1 || res.GroupsUnchanged != 2 {
			t.Fatalf("after a change: %+v", res)
		}
		page, _ := store.NewGroupService(db).FindGroups(ctx, tkm.GroupFilter{Q: "KUB A"})
		g, _ := store.NewGroupService(db).FindGroupByID(ctx, page.Items[0].ID)
		if !slices.ContainsFunc(g.Members, func(m *tkm.Member) bool { return m.Name == "Nama Baru" }) || len(g.Members) != 10 {
			t.Fatalf("updated group: %d members", len(g.Members))
		}
		// The import is in the audit log, findable by a member's NIK.
		_, auditor := storetest.User(t, db, tkm.RoleAuditor, "")
		byNIK, err := store.NewAuditService(db).FindAuditEntries(auditor, tkm.AuditFilter{NIK: storetest.Member("51.03.05", 25).NIK})
		if err != nil || len(byNIK.Items) != 1 || byNIK.Items[0].Action != tkm.AuditImport {
			t.Fatalf("audit of the import: %+v %v", byNIK, err)
		}
		if n, err := store.NewAuditService(db).VerifyAudit(context.Background()); err != nil || n == 0 {
			t.Fatalf("audit chain after imports: %d %v", n, err)
		}
	})
}

func TestImportReportsEveryError(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		_, ctx := storetest.User(t, db, tkm.RoleRegional, "51")
		c := storetest.Cohort(t, db, 2019)
		held := storetest.Group(c.ID, "51.03.05", 10, 500)
		if _, err := store.NewGroupService(db).CreateGroup(ctx, held); err != nil {
			t.Fatal(err)
		}
		f := importFile([]string{"A", "B", "C", "D", "E"}, "51.03.05", 1)
		f[2][5] = "510305"                               // row 3: a short NIK
		f[3][5] = f[4][5]                                // rows 4 and 5: the same NIK
		f[6][2] = "51.99"                                // row 7: another region within group A
		f[20][11] = "anggota"                            // row 21: group B without its ketua
		f[25][8] = "31/02/1990"                          // row 26: no such day
		f[27][9] = "12345"                               // row 28: not a phone
		f[33][5] = storetest.Member("51.03.05", 505).NIK // row 34: a NIK another group holds
		f = slices.Delete(f, 42, 43)                     // group E: nine members
		f = append(f, []string{"F", "KUB F", "31.71.01", "Kue", "021 5551234", storetest.Member("31.71.01", 900).NIK,
			"Jakarta", "L", "1990-01-01", "", "", "ketua", "menganggur"})
		f = append(f, importFile([]string{"G"}, "51.71.01", 2000)[1:]...) // one good group, rows 52–61
		before := countGroups(t, db, ctx)
		res, errs := runImport(t, db, ctx, f, tkm.ImportOptions{CohortID: c.ID})
		got := map[string]bool{}
		for _, e := range errs {
			got[fmt.Sprintf("%d:%s:%s", e.Row, e.Column, e.Code)] = true
		}
		for _, want := range []string{"3:nik:nik_length", "5:nik:nik_duplicate", "7:kode_wilayah:region_invalid",
			"26:tanggal_lahir:date_invalid", "28:telepon:phone_invalid", "34:nik:nik_taken", "12:peran:leader_count",
			"42:ref_kelompok:group_size", "51:kode_wilayah:region_out_of_scope", "51:ref_kelompok:group_size"} {
			if !got[want] {
				t.Errorf("missing error %s", want)
			}
		}
		if res.Status != tkm.ImportFailed || countGroups(t, db, ctx) != before || res.ErrorsTotal != len(errs) {
			t.Fatalf("a refused file wrote something, or miscounted: %+v", res)
		}
		for _, e := range errs {
			if e.Message == "" || strings.Contains(e.Message, "error") {
				t.Errorf("message of %+v is not Indonesian", e)
			}
		}

		// With Partial, the groups without errors are written: G only.
		res, _ = runImport(t, db, ctx, f, tkm.ImportOptions{CohortID: c.ID, Partial: true})
		if res.Status != tkm.ImportDone || res.GroupsCreated != 1 || countGroups(t, db, ctx) != before+1 {
			t.Fatalf("partial: %+v", res)
		}
	})
}

func TestImportDryRunAndLocked(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		_, ctx := storetest.User(t, db, tkm.RoleMinistry, "")
		c := storetest.Cohort(t, db, 2019)
		f := importFile([]string{"A", "B"}, "51.03.05", 1)
		res, _ := runImport(t, db, ctx, f, tkm.ImportOptions{CohortID: c.ID, DryRun: true})
		if res.Status != tkm.ImportDone || res.GroupsCreated != 2 || countGroups(t, db, ctx) != 0 {
			t.Fatalf("dry run: %+v", res)
		}
		runImport(t, db, ctx, f, tkm.ImportOptions{CohortID: c.ID})
		page, _ := store.NewGroupService(db).FindGroups(ctx, tkm.GroupFilter{Q: "KUB A"})
		flow := store.NewWorkflowService(db)
		for _, s := range []tkm.Stage{tkm.StageVerified, tkm.StageApproved} {
			if _, err := flow.Transition(ctx, page.Items[0].ID, tkm.TransitionRequest{To: s}); err != nil {
				t.Fatal(err)
			}
		}
		f[3][6] = "Nama Lain"
		res, errs := runImport(t, db, ctx, f, tkm.ImportOptions{CohortID: c.ID})
		if res.Status != tkm.ImportFailed || len(errs) != 1 || errs[0].Code != "group_locked" {
			t.Fatalf("changing an approved group by import: %+v %v", res, errs)
		}
	})
}
