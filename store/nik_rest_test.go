package store_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tkm/store"
	"tkm/store/storetest"
)

// TestNIKsUnreadableAtRest writes members, looks them up, changes one,
// and then reads the SQLite database file and its WAL byte by byte: no NIK
// may appear in them, in any part of the registry or the audit log.
func TestNIKsUnreadableAtRest(t *testing.T) {
	dsn := storetest.SQLiteDSN(t)
	db := storetest.Open(t, dsn)
	g, ctx := activity(t, db)
	var niks []string
	for i := range 10 {
		niks = append(niks, storetest.Member("51.03.05", 1+i).NIK)
	}
	svc := store.NewGroupService(db)
	if _, err := svc.RevealNIKs(ctx, g.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.FindMembersByNIK(ctx, niks[0]); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Dir(strings.TrimPrefix(dsn, "sqlite:"))
	files, _ := filepath.Glob(filepath.Join(dir, "tkm.db*"))
	if len(files) < 2 {
		t.Fatalf("want the database and its WAL, found %v", files)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, nik := range niks {
			if bytes.Contains(b, []byte(nik)) {
				t.Errorf("%s holds NIK %s in clear", filepath.Base(f), nik)
			}
		}
		if !bytes.Contains(b, []byte("KUB Segara")) && filepath.Ext(f) == ".db-wal" {
			t.Errorf("%s does not hold the group's name either: is this the right file?", filepath.Base(f))
		}
	}
}
