package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// Stdio are the streams a command reads and writes.
type Stdio struct {
	In       io.Reader
	Out, Err io.Writer
}

// command is one subcommand of tkm.
type command struct {
	name, usage, summary string
	run                  func(ctx context.Context, args []string, io Stdio) error
}

func commands() []command {
	return []command{
		{"serve", "[--addr 127.0.0.1:8080] [--db DSN] [--demo] [--trusted-proxies CIDR,…]", "run the web UI and the API", runServe},
		{"migrate", "[--db DSN]", "bring the database schema up to date", runMigrate},
		{"user add", "--email E --name N --role R [--region CODE] --password-stdin [--db DSN]", "add a user", runUserAdd},
		{"demo", "[--groups N] [--seed S] [--db DSN]", "fill an empty database with realistic demo data", runDemo},
		{"import", "FILE --cohort ID [--dry-run] [--partial] [--db DSN]", "register groups from a CSV or XLSX file", runImport},
		{"export", "groups|members --format csv|xlsx [-o FILE] [--province P] [--full-nik] [--db DSN]", "every group or member as a spreadsheet", runExport},
		{"backup", "FILE [--db DSN]", "write a consistent copy of the database while it serves", runBackup},
		{"restore", "FILE [--force] [--db DSN]", "put a backup in place (servers stopped); refuses to overwrite data without --force", runRestore},
		{"key rotate", "[--db DSN]", "re-seal every NIK with a new secret key (stop the servers first)", runKeyRotate},
		{"audit verify", "[--db DSN]", "prove the audit log untouched; names the first bad entry", runAuditVerify},
		{"version", "", "print the version", runVersion},
	}
}

// Run runs the command named by args and returns the exit status.
func Run(ctx context.Context, args []string, io Stdio) int {
	cmd, rest, ok := findCommand(args)
	if !ok {
		usage(io.Err)
		if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
			return 0
		}
		return 2
	}
	if err := cmd.run(ctx, rest, io); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprintf(io.Err, "tkm %s: %v\n", cmd.name, err)
		return 1
	}
	return 0
}

func findCommand(args []string) (command, []string, bool) {
	for _, c := range commands() {
		words := strings.Fields(c.name)
		if len(args) >= len(words) && strings.Join(args[:len(words)], " ") == c.name {
			return c, args[len(words):], true
		}
	}
	return command{}, nil, false
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "tkm — the registry of the Tenaga Kerja Mandiri programme\n\nUsage:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  tkm %s %s\n      %s\n", c.name, c.usage, c.summary)
	}
	fmt.Fprintln(w, "\nEvery command takes --db sqlite:PATH or --db postgres://… (env TKM_DB; default sqlite:./tkm-data/tkm.db).")
}

func runVersion(_ context.Context, args []string, io Stdio) error {
	fs := newFlags("version", io)
	if err := fs.Parse(args); err != nil {
		return err
	}
	fmt.Fprintln(io.Out, "tkm", version)
	return nil
}
