package main

import (
	"context"
	"fmt"

	"tkm"
	"tkm/region"
	"tkm/store"
)

func runBackup(ctx context.Context, args []string, io Stdio) error {
	fs := newFlags("backup", io)
	dsn := dbFlag(fs)
	path, flags := splitFile(args)
	if err := fs.Parse(flags); err != nil {
		return err
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	if path == "" {
		return fmt.Errorf("name the backup file: tkm backup FILE")
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Backup(ctx, path); err != nil {
		return err
	}
	fmt.Fprintf(io.Out, "backup of the %s database written to %s (keep the secret key with it: the NIKs cannot be read without it)\n", db.Engine(), path)
	return nil
}

func runRestore(ctx context.Context, args []string, io Stdio) error {
	fs := newFlags("restore", io)
	dsn := dbFlag(fs)
	force := fs.Bool("force", false, "overwrite a database that holds data")
	path, flags := splitFile(args)
	if err := fs.Parse(flags); err != nil {
		return err
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	if path == "" {
		return fmt.Errorf("name the backup file: tkm restore FILE [--force]")
	}
	regions, err := region.Load()
	if err != nil {
		return err
	}
	keys, err := secretKeys(dataDir(*dsn))
	if err != nil {
		return err
	}
	vault, err := tkm.NewVault(keys...)
	if err != nil {
		return err
	}
	if err := store.Restore(ctx, *dsn, path, regions, vault, *force); err != nil {
		return err
	}
	return checkRestored(ctx, *dsn, io)
}

// checkRestored opens the restored database (migrating it forward, checking
// the key) and proves its audit log untouched.
func checkRestored(ctx context.Context, dsn string, io Stdio) error {
	db, err := openDB(ctx, dsn)
	if err != nil {
		return fmt.Errorf("the restored database: %w", err)
	}
	defer db.Close()
	n, err := store.NewAuditService(db).VerifyAudit(ctx)
	if err != nil {
		return fmt.Errorf("the restored database's audit log is not intact: %w", err)
	}
	if err := db.CheckCounters(ctx); err != nil {
		return fmt.Errorf("the restored database's counters: %w", err)
	}
	fmt.Fprintf(io.Out, "restored; audit log intact (%d entries)\n", n)
	return nil
}
