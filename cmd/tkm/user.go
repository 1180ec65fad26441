package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"strings"

	"tkm"
	"tkm/store"
)

func runUserAdd(ctx context.Context, args []string, io Stdio) error {
	fs := newFlags("user add", io)
	dsn := dbFlag(fs)
	email := fs.String("email", "", "the user's email, used to log in")
	name := fs.String("name", "", "the user's full name")
	role := fs.String("role", "", "admin, ministry, regional, mentor, auditor or group")
	region := fs.String("region", "", "for a regional officer: province or regency code, e.g. 51 or 51.03")
	stdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	if !*stdin {
		return errors.New("give the password on standard input with --password-stdin (never on the command line)")
	}
	password, err := readLine(io)
	if err != nil {
		return err
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	u := &tkm.User{Email: *email, Name: *name, Role: tkm.Role(*role), Region: *region}
	if err := store.NewUserService(db).CreateUser(ctx, u, password); err != nil {
		return describe(err)
	}
	fmt.Fprintf(io.Out, "added %s (%s) with id %s\n", u.Email, u.Role, u.ID)
	return nil
}

func readLine(io Stdio) (string, error) {
	line, err := bufio.NewReader(io.In).ReadString('\n')
	if err != nil && line == "" {
		return "", errors.New("no password on standard input")
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// describe spells out a validation error field by field for a terminal.
func describe(err error) error {
	var e *tkm.Error
	if !errors.As(err, &e) {
		return err
	}
	var b strings.Builder
	b.WriteString(e.English)
	for _, f := range e.Fields {
		fmt.Fprintf(&b, "\n  --%s: %s", f.Field, f.English)
	}
	return errors.New(b.String())
}
