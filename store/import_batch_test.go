package store_test

import (
	"fmt"
	"slices"
	"testing"

	"tkm"
	"tkm/store"
	"tkm/store/storetest"
)

// TestImportAcrossBatches checks the errors that the import finds batch
// by batch: a NIK the registry holds, met in a later batch of lookups, and
// a NIK repeated many batches apart; and that the groups of more than one
// batch of INSERTs are written once.
func TestImportAcrossBatches(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		_, ctx := storetest.User(t, db, tkm.RoleMinistry, "")
		c := storetest.Cohort(t, db, 2019)
		if res, errs := runImport(t, db, ctx, importFile([]string{"X"}, "51.03.05", 1101), tkm.ImportOptions{CohortID: c.ID}); len(errs) != 0 {
			t.Fatalf("group X: %+v %v", res, errs)
		}
		refs := make([]string, 120)
		for i := range refs {
			refs[i] = fmt.Sprintf("G%03d", i)
		}
		f := importFile(refs, "51.03.05", 1)
		f[1200][5] = f[1][5] // the last row repeats the first row's NIK
		res, errs := runImport(t, db, ctx, f, tkm.ImportOptions{CohortID: c.ID})
		if res.Status != tkm.ImportFailed || countGroups(t, db, ctx) != 1 || countErrors(errs, "nik_taken") != 10 {
			t.Fatalf("without --partial: %+v %v", res, errs)
		}
		if dup := errs[0]; dup.Code != "nik_duplicate" || dup.Row != 1201 {
			t.Errorf("the duplicate: %+v", dup)
		}
		res, _ = runImport(t, db, ctx, f, tkm.ImportOptions{CohortID: c.ID, Partial: true})
		if res.GroupsCreated != 118 || res.GroupsRefused != 2 {
			t.Fatalf("with --partial: %+v", res)
		}
		res, _ = runImport(t, db, ctx, f, tkm.ImportOptions{CohortID: c.ID, Partial: true})
		if res.GroupsCreated+res.GroupsUpdated != 0 || res.GroupsUnchanged != 118 {
			t.Fatalf("again: %+v", res)
		}
	})
}

func countErrors(errs []tkm.RowError, code string) int {
	n := 0
	for _, e := range errs {
		if e.Code == code {
			n++
		}
	}
	return n
}

// TestImportGroupConflict checks that the rows differing from the rest of
// their group are reported, whether the odd one is the group's first row
// or a later one, and that a value already refused does not count.
func TestImportGroupConflict(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		_, ctx := storetest.User(t, db, tkm.RoleMinistry, "")
		c := storetest.Cohort(t, db, 2019)
		f := importFile([]string{"A", "B", "C"}, "51.03.05", 1)
		f[1][1] = "KUB Lain" // A's first row
		f[15][3] = "Kuliner" // B's fifth row
		f[21][2] = "99.99"   // C's first row: an unknown region, not a conflict
		res, errs := runImport(t, db, ctx, f, tkm.ImportOptions{CohortID: c.ID, Partial: true})
		var got []string
		for _, e := range errs {
			got = append(got, fmt.Sprintf("%d %s %s", e.Row, e.Column, e.Code))
		}
		if res.GroupsRefused != 3 || countErrors(errs, "group_conflict") != 2 ||
			!slices.Contains(got, "2 nama_kelompok group_conflict") || !slices.Contains(got, "16 bidang_usaha group_conflict") {
			t.Fatalf("%+v %v", res, got)
		}
	})
}
