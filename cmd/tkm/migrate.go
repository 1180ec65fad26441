package main

import (
	"context"
	"fmt"
)

func runMigrate(ctx context.Context, args []string, io Stdio) error {
	fs := newFlags("migrate", io)
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
	v, err := db.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(io.Out, "database schema is at version %d\n", v)
	return nil
}
