package store_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"tkm"
	"tkm/store"
	"tkm/store/storetest"
)

// activity writes a little of everything, so that the log has entries.
func activity(t *testing.T, db *store.DB) (*tkm.Group, context.Context) {
	_, ctx := storetest.User(t, db, tkm.RoleMinistry, "")
	groups := store.NewGroupService(db)
	g := storetest.Group(storetest.Cohort(t, db, 2019).ID, "51.03.05", 10, 1)
	if _, err := groups.CreateGroup(ctx, g); err != nil {
		t.Fatal(err)
	}
	name := "KUB Segara"
	if _, _, err := groups.UpdateGroup(ctx, g.ID, tkm.GroupUpdate{Name: &name}); err != nil {
		t.Fatal(err)
	}
	if err := groups.DeleteMember(ctx, g.ID, g.Members[9].ID); err != nil {
		t.Fatal(err)
	}
	return g, ctx
}

func TestAuditRecordsWrites(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		g, _ := activity(t, db)
		_, auditor := storetest.User(t, db, tkm.RoleAuditor, "")
		page, err := store.NewAuditService(db).FindAuditEntries(auditor, tkm.AuditFilter{GroupID: g.ID})
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range page.Items {
			actions = append(actions, e.Action)
		}
		if strings.Join(actions, " ") != "member.delete group.update group.create" {
			t.Fatalf("actions %v", actions)
		}
		upd := page.Items[1]
		if c := upd.Changes["name"]; c.Old != g.Name || c.New != "KUB Segara" || upd.UserEmail == "" {
			t.Errorf("update entry %+v", upd)
		}
		gone := storetest.Member("51.03.05", 10).NIK // the tenth member, removed
		del := page.Items[0].Changes["nik"]
		if del.Old != tkm.MaskNIK(gone) || del.New != nil {
			t.Errorf("deleted member's NIK in the log: %+v (want masked)", del)
		}
		byNIK, err := store.NewAuditService(db).FindAuditEntries(auditor, tkm.AuditFilter{NIK: gone})
		if err != nil || len(byNIK.Items) != 2 {
			t.Fatalf("entries about one person: %d, %v", len(byNIK.Items), err)
		}
		_, mentor := storetest.User(t, db, tkm.RoleMentor, "")
		if _, err := store.NewAuditService(db).FindAuditEntries(mentor, tkm.AuditFilter{}); tkm.ErrorCode(err) != tkm.EFORBIDDEN {
			t.Errorf("a mentor read the audit log: %v", err)
		}
	})
}

// TestAuditVerifyFindsTampering edits, deletes, reorders and cuts entries
// by hand, behind the store's back, and expects verify to name the entry.
func TestAuditVerifyFindsTampering(t *testing.T) {
	tamper := []struct {
		name, sql, want string
	}{
		{"edited", `UPDATE audit_log SET user_email = 'someone@else.id' WHERE id = 3`, "audit entry 3 was changed"},
		{"deleted", `DELETE FROM audit_log WHERE id = 4`, "audit entry 5 follows entry 3"},
		{"reordered", `UPDATE audit_log SET id = 1003 WHERE id = 3; UPDATE audit_log SET id = 3 WHERE id = 4;
			UPDATE audit_log SET id = 4 WHERE id = 1003`, "audit entry 3 does not chain to entry 2"},
		{"cut off", `DELETE FROM audit_log WHERE id = (SELECT MAX(id) FROM audit_log)`, "sealed head says"},
		{"relinked", `UPDATE audit_log SET prev_hash = 'x' WHERE id = 2`, "audit entry 2 does not chain"},
	}
	for _, tt := range tamper {
		t.Run(tt.name, func(t *testing.T) {
			storetest.EnginesRaw(t, func(t *testing.T, db *store.DB, raw *sql.DB) {
				activity(t, db)
				audits := store.NewAuditService(db)
				n, err := audits.VerifyAudit(context.Background())
				if err != nil || n != 5 {
					t.Fatalf("untouched log: %d entries, %v", n, err)
				}
				if _, err := raw.Exec(tt.sql); err == nil {
					t.Fatal("the append-only guard let a change through")
				}
				unguard(t, db, raw)
				if _, err := raw.Exec(tt.sql); err != nil {
					t.Fatal(err)
				}
				if _, err := audits.VerifyAudit(context.Background()); err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Fatalf("verify after %s: %v, want %q", tt.name, err, tt.want)
				}
			})
		})
	}
}

// unguard removes the append-only triggers, as someone with the database
// in hand could.
func unguard(t *testing.T, db *store.DB, raw *sql.DB) {
	stmts := []string{`DROP TRIGGER audit_log_no_update`, `DROP TRIGGER audit_log_no_delete`}
	if db.Engine() == "postgres" {
		stmts = []string{`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`,
			`ALTER TABLE audit_niks DROP CONSTRAINT audit_niks_audit_id_fkey`}
	}
	for _, s := range stmts {
		if _, err := raw.Exec(s); err != nil {
			t.Fatal(err)
		}
	}
}
