package store_test

import (
	"context"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"tkm"
	"tkm/store"
	"tkm/store/storetest"
)

// TestBackupUnderWrites backs up while a writer keeps registering groups,
// restores into a new database and checks that what came back is one
// consistent moment: every group whole, the audit log intact, the counters
// equal to a recount, and every restored row equal to the original's.
func TestBackupUnderWrites(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			src, dst := storetest.SQLiteDSN(t), storetest.SQLiteDSN(t)
			if engine == "postgres" {
				src, dst = storetest.PostgresDSN(t), storetest.PostgresDSN(t)
			}
			vault, _ := tkm.NewVault(tkm.NewKey())
			db := storetest.OpenVault(t, src, vault)
			_, ctx := storetest.User(t, db, tkm.RoleMinistry, "")
			c := storetest.Cohort(t, db, 2019)
			groups := store.NewGroupService(db)

			var written atomic.Int64
			stop := make(chan struct{})
			var wg sync.WaitGroup
			wg.Go(func() {
				for i := 0; ; i++ {
					select {
					case <-stop:
						return
					default:
					}
					if _, err := groups.CreateGroup(ctx, storetest.Group(c.ID, "51.03.05", 10, 1+i*10)); err != nil {
						t.Error(err)
						return
					}
					written.Add(1)
				}
			})
			for written.Load() < 5 {
				time.Sleep(10 * time.Millisecond)
			}
			file := filepath.Join(t.TempDir(), "tkm.backup")
			if err := db.Backup(context.Background(), file); err != nil {
				t.Fatal(err)
			}
			close(stop)
			wg.Wait()

			if err := store.Restore(context.Background(), dst, file, storetest.Regions(t), vault, false); err != nil {
				t.Fatalf("restore: %v", err)
			}
			if err := store.Restore(context.Background(), dst, file, storetest.Regions(t), vault, false); err != store.ErrNotEmpty {
				t.Fatalf("a second restore without --force: %v", err)
			}
			back := storetest.OpenVault(t, dst, vault)
			if n, err := store.NewAuditService(back).VerifyAudit(context.Background()); err != nil || n < 7 {
				t.Fatalf("restored audit log: %d entries, %v", n, err)
			}
			if err := back.CheckCounters(context.Background()); err != nil {
				t.Fatal(err)
			}
			compare(t, ctx, db, back, written.Load())
		})
	}
}

// compare checks every restored group is whole and equal to the original.
func compare(t *testing.T, ctx context.Context, src, dst *store.DB, written int64) {
	t.Helper()
	page, err := store.NewGroupService(dst).FindGroups(ctx, tkm.GroupFilter{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	n := len(page.Items)
	if n < 5 || int64(n) > written {
		t.Fatalf("restored %d groups of %d written", n, written)
	}
	for _, g := range page.Items {
		a, err1 := store.NewGroupService(src).RevealNIKs(ctx, g.ID)
		b, err2 := store.NewGroupService(dst).RevealNIKs(ctx, g.ID)
		if err1 != nil || err2 != nil || len(b.Members) != 10 || b.Name != a.Name {
			t.Fatalf("group %d: %v %v, %d members", g.ID, err1, err2, len(b.Members))
		}
		for i := range a.Members {
			if *a.Members[i] != *b.Members[i] {
				t.Fatalf("member %d differs after restore:\n%+v\n%+v", a.Members[i].ID, a.Members[i], b.Members[i])
			}
		}
	}
	// The restored database goes on: new groups take new IDs.
	fresh := storetest.Group(page.Items[0].CohortID, "51.71.01", 10, 90000)
	if _, err := store.NewGroupService(dst).CreateGroup(ctx, fresh); err != nil || fresh.ID <= page.Items[0].ID {
		t.Fatalf("a group after the restore: id %d, %v", fresh.ID, err)
	}
}
