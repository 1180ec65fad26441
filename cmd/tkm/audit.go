package main

import (
	"context"
	"fmt"

	"tkm/store"
)

func runAuditVerify(ctx context.Context, args []string, io Stdio) error {
	fs := newFlags("audit verify", io)
	dsn := dbFlag(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	n, err := store.NewAuditService(db).VerifyAudit(ctx)
	if err != nil {
		return fmt.Errorf("the audit log is NOT intact: %w", err)
	}
	fmt.Fprintf(io.Out, "audit log intact: %d entries verified\n", n)
	return nil
}
