package store_test

import (
	"context"
	"testing"

	"tkm"
	"tkm/store"
	"tkm/store/storetest"
)

func TestRotateKey(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			dsn := storetest.SQLiteDSN(t)
			if engine == "postgres" {
				dsn = storetest.PostgresDSN(t)
			}
			k1, k2 := tkm.NewKey(), tkm.NewKey()
			v1, _ := tkm.NewVault(k1)
			db := storetest.OpenVault(t, dsn, v1)
			g, _ := activity(t, db)
			nik := storetest.Member("51.03.05", 4).NIK
			db.Close()

			ring, _ := tkm.NewVault(k2, k1) // the new key first
			db = storetest.OpenVault(t, dsn, ring)
			members, entries, err := db.RotateKey(context.Background())
			if err != nil || members != 9 || entries != 5 {
				t.Fatalf("rotate: %d members, %d entries, %v", members, entries, err)
			}
			db.Close()

			v2, _ := tkm.NewVault(k2) // the old key is gone
			db = storetest.OpenVault(t, dsn, v2)
			if n, err := store.NewAuditService(db).VerifyAudit(context.Background()); err != nil || n != 6 {
				t.Fatalf("verify after rotation: %d, %v", n, err)
			}
			_, ctx := storetest.User(t, db, tkm.RoleAuditor, "")
			full, err := store.NewGroupService(db).RevealNIKs(ctx, g.ID)
			if err != nil || full.Members[3].NIK != nik {
				t.Fatalf("after rotation: %v, NIK %q want %s", err, full.Members[3].NIK, nik)
			}
			if ms, err := store.NewGroupService(db).FindMembersByNIK(ctx, nik); err != nil || len(ms) != 1 {
				t.Fatalf("find by NIK after rotation: %d %v", len(ms), err)
			}
			page, err := store.NewAuditService(db).FindAuditEntries(ctx, tkm.AuditFilter{NIK: nik})
			if err != nil || len(page.Items) < 2 {
				t.Fatalf("audit entries about the person after rotation: %d %v", len(page.Items), err)
			}
			db.Close()

			old, err := store.Open(context.Background(), dsn, storetest.Regions(t), v1)
			if err != nil {
				t.Fatal(err)
			}
			defer old.Close()
			if err := old.CheckKey(context.Background()); err == nil {
				t.Error("the retired key still opens the database")
			}
		})
	}
}
