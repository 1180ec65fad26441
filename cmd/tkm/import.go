package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/mattn/go-isatty"

	"tkm"
	"tkm/sheet"
	"tkm/store"
)

// operator is who the command line acts as: the operator of the server,
// with every right (the audit log records them as "operator").
var operator = &tkm.User{ID: 0, Email: "operator", Name: "Operator (command line)", Role: tkm.RoleAdmin}

// maxCLIImport caps a file imported from the command line: larger than
// through the server (64 MB), for the ministry's national files.
const maxCLIImport = 1 << 30

func runImport(ctx context.Context, args []string, io_ Stdio) error {
	fs := newFlags("import", io_)
	dsn := dbFlag(fs)
	cohort := fs.String("cohort", "", "the cohort's ID (see GET /api/v1/cohorts)")
	dry := fs.Bool("dry-run", false, "check and report, write nothing")
	partial := fs.Bool("partial", false, "write the groups whose rows are all valid, refuse the rest")
	path, flags := splitFile(args)
	if err := fs.Parse(flags); err != nil {
		return err
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	if path == "" {
		return errors.New("name the file to import: tkm import FILE --cohort ID")
	}
	id, err := tkm.ParseID(*cohort)
	if err != nil {
		return fmt.Errorf("--cohort must be a cohort's ID, not %q", *cohort)
	}
	limitMemory()
	f, size, err := openImportFile(path)
	if err != nil {
		return err
	}
	defer f.Close()
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	return importFile(ctx, db, f, size, tkm.ImportOptions{CohortID: id, DryRun: *dry, Partial: *partial}, io_)
}

// importMemory is the memory the Go runtime of an import from the command
// line aims to stay under (unless GOMEMLIMIT says otherwise): a million
// rows keep about 150 MB live, and without a limit the collector lets the
// heap grow to twice that before it runs. SQLite's page cache and sorter
// come on top: at 170 MB a 1M-row import peaks at 267 MB, at 200 MB at
// 296–300 MB for 5% more speed (BENCHMARKS.md).
const importMemory = 170 << 20

func limitMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(importMemory)
	}
}

// valueFlags are the flags of import, backup and restore that take a value.
var valueFlags = map[string]bool{"db": true, "cohort": true}

// splitFile takes the file name out of the arguments, wherever it stands.
func splitFile(args []string) (string, []string) {
	var rest []string
	file := ""
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case strings.HasPrefix(a, "-"):
			rest = append(rest, a)
			if !strings.Contains(a, "=") && valueFlags[strings.TrimLeft(a, "-")] && i+1 < len(args) {
				rest = append(rest, args[i+1])
				i++
			}
		case file == "":
			file = a
		default:
			rest = append(rest, a)
		}
	}
	return file, rest
}

// openImportFile opens the file to import; it is read where it lies, in
// pieces, never whole into memory.
func openImportFile(path string) (*os.File, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	if info.Size() > maxCLIImport {
		f.Close()
		return nil, 0, fmt.Errorf("%s is %d MB; an import file may be at most %d MB", path, info.Size()>>20, maxCLIImport>>20)
	}
	return f, info.Size(), nil
}

// importFile runs one import, printing each error and a progress bar on a
// terminal; it fails when anything was refused.
func importFile(ctx context.Context, db *store.DB, r io.ReaderAt, size int64, opt tkm.ImportOptions, io_ Stdio) error {
	src, err := sheet.Spreadsheets{MaxBytes: maxCLIImport}.Open(r, size)
	if err != nil {
		return describe(err)
	}
	defer src.Close()
	bar := newProgress(io_.Err)
	onError := func(e tkm.RowError) {
		bar.clear()
		fmt.Fprintf(io_.Err, "baris %d, kolom %s: %s [%s]\n", e.Row, e.Column, e.Message, e.Code)
	}
	ctx = tkm.NewContextWithUser(ctx, operator)
	res, err := store.NewImportService(db).Import(ctx, src, opt, onError, bar.show)
	bar.clear()
	if err != nil {
		return describe(err)
	}
	fmt.Fprintf(io_.Out, "%s: %d baris, %d kelompok baru, %d diubah, %d tetap, %d ditolak; %d kesalahan. %s\n",
		res.Status, res.RowsTotal, res.GroupsCreated, res.GroupsUpdated, res.GroupsUnchanged, res.GroupsRefused,
		res.ErrorsTotal, res.Message)
	if res.Refused() {
		return fmt.Errorf("%d errors: %s", res.ErrorsTotal, res.Message)
	}
	return nil
}

// progress draws a one-line progress bar when stderr is a terminal.
type progress struct {
	w  io.Writer
	on bool
}

func newProgress(w io.Writer) *progress {
	f, ok := w.(*os.File)
	return &progress{w: w, on: ok && isatty.IsTerminal(f.Fd())}
}

func (p *progress) show(r *tkm.ImportResult) {
	if !p.on {
		return
	}
	phase := "memeriksa"
	if r.RowsDone < r.RowsTotal || r.GroupsCreated+r.GroupsUpdated > 0 {
		phase = "menyimpan"
	}
	fmt.Fprintf(p.w, "\r%s %s baris…   ", phase, strconv.Itoa(r.RowsDone))
}

func (p *progress) clear() {
	if p.on {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
