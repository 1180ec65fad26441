package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"tkm"
	"tkm/sheet"
	"tkm/store"
)

func runExport(ctx context.Context, args []string, io_ Stdio) error {
	fs := newFlags("export", io_)
	dsn := dbFlag(fs)
	format := fs.String("format", "xlsx", "csv or xlsx")
	out := fs.String("o", "", "write to this file instead of standard output")
	fullNIK := fs.Bool("full-nik", false, "members: write full NIKs (recorded in the audit log)")
	province := fs.String("province", "", "only this province, e.g. 51")
	if len(args) == 0 || (args[0] != "groups" && args[0] != "members") {
		return errors.New("say what to export: tkm export groups|members --format csv|xlsx [-o FILE]")
	}
	what := args[0]
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	if *format != "csv" && *format != "xlsx" {
		return fmt.Errorf("--format must be csv or xlsx, not %q", *format)
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	w, done, err := output(*out, io_)
	if err != nil {
		return err
	}
	ctx = tkm.NewContextWithUser(ctx, operator)
	f := tkm.GroupFilter{Province: *province}
	err = export(ctx, store.NewExportService(db), db.Regions, what, *format, f, *fullNIK, w)
	return errors.Join(err, done(err))
}

// output opens the file to write, or standard output; done closes it, and
// removes a file left half-written by an error.
func output(path string, io_ Stdio) (io.Writer, func(error) error, error) {
	if path == "" {
		return io_.Out, func(error) error { return nil }, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, nil, err
	}
	return f, func(failed error) error {
		err := f.Close()
		if failed != nil {
			os.Remove(path)
		}
		return err
	}, nil
}

// export streams a list through a spreadsheet writer.
func export(ctx context.Context, ex tkm.ExportService, regions tkm.Regions, what, format string, f tkm.GroupFilter, full bool, w io.Writer) error {
	header, text := tkm.GroupExportHeader, tkm.GroupExportText
	if what == "members" {
		header, text = tkm.MemberExportHeader, tkm.MemberExportText
	}
	sw, err := sheet.Spreadsheets{}.NewWriter(w, format, header, text...)
	if err != nil {
		return err
	}
	if what == "members" {
		err = ex.ExportMembers(ctx, f, full, func(g *tkm.Group, m *tkm.Member) error { return sw.Write(tkm.MemberExportRow(g, m)) })
	} else {
		err = ex.ExportGroups(ctx, f, func(g *tkm.Group) error { return sw.Write(tkm.GroupExportRow(g, regions)) })
	}
	return errors.Join(err, sw.Close())
}
