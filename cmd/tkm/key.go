package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"tkm"
	"tkm/store"
)

// runKeyRotate moves the database to a new secret key. With the key file,
// it makes the new key itself; with $TKM_SECRET_KEY, the operator puts the
// new key first: TKM_SECRET_KEY=NEW,OLD.
func runKeyRotate(ctx context.Context, args []string, io Stdio) error {
	fs := newFlags("key rotate", io)
	dsn := dbFlag(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	path, fromFile := keyFile(dataDir(*dsn)), os.Getenv("TKM_SECRET_KEY") == ""
	if fromFile {
		if err := addNewKey(path); err != nil {
			return err
		}
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if db.Vault.Keys() < 2 {
		return errors.New("give the new key first and the old one after: TKM_SECRET_KEY=NEW,OLD (make one with: openssl rand -base64 32)")
	}
	members, entries, err := db.RotateKey(ctx)
	if errors.Is(err, store.ErrKeyCurrent) && fromFile {
		return dropOldKeys(path) // an earlier rotation got this far
	} else if err != nil {
		return err
	}
	fmt.Fprintf(io.Out, "rotated the secret key: %d NIKs and %d audit entries re-keyed\n", members, entries)
	if fromFile {
		return dropOldKeys(path)
	}
	fmt.Fprintln(io.Out, "now set TKM_SECRET_KEY to the new key alone on every server")
	return nil
}

// addNewKey puts a fresh key in front of the key file's keys, unless an
// interrupted rotation left one there already.
func addNewKey(path string) error {
	keys, err := secretKeys(dataDirOf(path))
	if err != nil {
		return err
	}
	if len(keys) > 1 {
		return nil // finish the rotation that was interrupted
	}
	return writeKeyFile(path, append([][]byte{tkm.NewKey()}, keys...))
}

// dropOldKeys keeps only the key in use in the key file.
func dropOldKeys(path string) error {
	keys, err := secretKeys(dataDirOf(path))
	if err != nil {
		return err
	}
	return writeKeyFile(path, keys[:1])
}
