package store_test

import (
	"strings"
	"testing"

	"tkm"
	"tkm/store"
	"tkm/store/storetest"
)

func TestExport(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		_, ministry := storetest.User(t, db, tkm.RoleMinistry, "")
		c := storetest.Cohort(t, db, 2019)
		for i, d := range []string{"51.03.05", "51.71.01", "31.71.01"} {
			if _, err := store.NewGroupService(db).CreateGroup(ministry, storetest.Group(c.ID, d, 10, 1+i*10)); err != nil {
				t.Fatal(err)
			}
		}
		_, bali := storetest.User(t, db, tkm.RoleRegional, "51")
		ex := store.NewExportService(db)
		var names []string
		if err := ex.ExportGroups(bali, tkm.GroupFilter{}, func(g *tkm.Group) error { names = append(names, g.RegionCode); return nil }); err != nil {
			t.Fatal(err)
		}
		if strings.Join(names, " ") != "51.03.05 51.71.01" {
			t.Fatalf("a Bali officer exported %v", names)
		}
		var niks []string
		err := ex.ExportMembers(bali, tkm.GroupFilter{Province: "51"}, false, func(g *tkm.Group, m *tkm.Member) error {
			niks = append(niks, m.NIK)
			return nil
		})
		if err != nil || len(niks) != 20 || !strings.Contains(niks[0], "•") {
			t.Fatalf("members export: %d rows, first %q, %v", len(niks), niks[0], err)
		}
		full := storetest.Member("51.03.05", 1).NIK
		niks = nil
		err = ex.ExportMembers(bali, tkm.GroupFilter{Region: "51.03"}, true, func(g *tkm.Group, m *tkm.Member) error {
			niks = append(niks, m.NIK)
			return nil
		})
		if err != nil || len(niks) != 10 || niks[0] != full {
			t.Fatalf("full-NIK export: %v %v", niks, err)
		}
		_, auditor := storetest.User(t, db, tkm.RoleAuditor, "")
		log, _ := store.NewAuditService(db).FindAuditEntries(auditor, tkm.AuditFilter{Action: tkm.AuditExport})
		byNIK, _ := store.NewAuditService(db).FindAuditEntries(auditor, tkm.AuditFilter{NIK: full, Action: tkm.AuditExport})
		if len(log.Items) != 3 || len(byNIK.Items) != 1 {
			t.Fatalf("exports in the log: %d, with this NIK: %d", len(log.Items), len(byNIK.Items))
		}
		_, mentor := storetest.User(t, db, tkm.RoleMentor, "")
		if err := ex.ExportGroups(mentor, tkm.GroupFilter{}, func(*tkm.Group) error { return nil }); tkm.ErrorCode(err) != tkm.EFORBIDDEN {
			t.Errorf("a mentor exported: %v", err)
		}
	})
}
