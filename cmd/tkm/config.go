package main

import (
	"encoding/base64"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/mattn/go-isatty"

	"tkm"
	"tkm/server"
)

// defaultDB is where tkm keeps its data when told nothing.
const defaultDB = "sqlite:./tkm-data/tkm.db"

// newFlags returns a flag set for one command that reports its errors
// instead of exiting.
func newFlags(name string, io Stdio) *flag.FlagSet {
	fs := flag.NewFlagSet("tkm "+name, flag.ContinueOnError)
	fs.SetOutput(io.Err)
	return fs
}

// dbFlag adds --db, defaulting to $TKM_DB, then to defaultDB.
func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", env("TKM_DB", defaultDB), "database: sqlite:PATH or postgres://… (env TKM_DB)")
}

func env(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

// noArgs refuses stray arguments after the flags.
func noArgs(fs *flag.FlagSet) error {
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q (see tkm help)", fs.Arg(0))
	}
	return nil
}

// dataDir is where tkm keeps files beside the database: the SQLite file's
// directory, or $TKM_DATA_DIR (default ./tkm-data) for PostgreSQL.
func dataDir(dsn string) string {
	if path, ok := strings.CutPrefix(dsn, "sqlite:"); ok {
		return filepath.Dir(path)
	}
	return env("TKM_DATA_DIR", "./tkm-data")
}

// keyFile is the file, in the data directory, that holds the secret keys
// when $TKM_SECRET_KEY does not.
func keyFile(dir string) string { return filepath.Join(dir, "secret.key") }

func dataDirOf(keyFile string) string { return filepath.Dir(keyFile) }

// secretKeys returns the ring of keys that seal NIKs: from $TKM_SECRET_KEY
// (base64 or hex of 32 bytes; several separated by commas, the new key
// first during a rotation), else from the key file in the data directory,
// one per line, created with mode 0600 on first start.
func secretKeys(dir string) ([][]byte, error) {
	if v := os.Getenv("TKM_SECRET_KEY"); v != "" {
		return parseKeys(strings.Split(v, ","), "TKM_SECRET_KEY")
	}
	path := keyFile(dir)
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		k := tkm.NewKey()
		return [][]byte{k}, writeKeyFile(path, [][]byte{k})
	} else if err != nil {
		return nil, fmt.Errorf("secret key: %w", err)
	}
	if info, err := os.Stat(path); err == nil && info.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("secret key file %s may be read by others (mode %v): chmod 600 it", path, info.Mode().Perm())
	}
	return parseKeys(strings.Fields(string(b)), path)
}

func parseKeys(vs []string, where string) ([][]byte, error) {
	var keys [][]byte
	for _, v := range vs {
		k, err := parseKey(strings.TrimSpace(v), where)
		if err != nil {
			return nil, err
		}
		keys = append(keys, k)
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("secret key: %s holds no key", where)
	}
	return keys, nil
}

func parseKey(v, where string) ([]byte, error) {
	if k, err := base64.StdEncoding.DecodeString(v); err == nil && len(k) == tkm.KeySize {
		return k, nil
	}
	if k, err := hex.DecodeString(v); err == nil && len(k) == tkm.KeySize {
		return k, nil
	}
	return nil, fmt.Errorf("secret key in %s must be %d bytes in base64 or hex (make one with: openssl rand -base64 32)", where, tkm.KeySize)
}

// writeKeyFile replaces the key file with keys, one per line, atomically:
// a crash leaves the old file or the new one, never half of one.
func writeKeyFile(path string, keys [][]byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("secret key: %w", err)
	}
	tmp := path + ".new"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("secret key: %w", err)
	}
	for _, k := range keys {
		fmt.Fprintln(f, base64.StdEncoding.EncodeToString(k))
	}
	if err := errors.Join(f.Sync(), f.Close()); err != nil {
		return fmt.Errorf("secret key: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("secret key: %w", err)
	}
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// newLogger logs text to a terminal and JSON elsewhere, at $TKM_LOG_LEVEL,
// each line logged while serving a request with its request_id. It
// becomes the default logger, for code that logs through slog itself.
func newLogger(w io.Writer) *slog.Logger {
	var level slog.Level
	level.UnmarshalText([]byte(env("TKM_LOG_LEVEL", "info")))
	opts := &slog.HandlerOptions{Level: level}
	var h slog.Handler = slog.NewJSONHandler(w, opts)
	if f, ok := w.(*os.File); ok && isatty.IsTerminal(f.Fd()) {
		h = slog.NewTextHandler(w, opts)
	}
	logger := slog.New(server.NewLogHandler(h))
	slog.SetDefault(logger)
	return logger
}
