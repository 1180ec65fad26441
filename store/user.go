package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"tkm"
)

// UserService keeps users in the database.
type UserService struct{ db *DB }

// NewUserService returns the user service of db.
func NewUserService(db *DB) *UserService { return &UserService{db: db} }

var _ tkm.UserService = (*UserService)(nil)

// CreateUser validates and saves a new user with a password. With no user
// in ctx (the command line), it is the operator's act and always allowed.
func (s *UserService) CreateUser(ctx context.Context, u *tkm.User, password string) error {
	if tkm.UserFromContext(ctx) != nil {
		if err := tkm.Authorize(ctx, tkm.ManageUsers); err != nil {
			return err
		}
	}
	if err := errors.Join(u.Validate(s.db.Regions), tkm.ValidatePassword(password)); err != nil {
		return mergeFields(err)
	}
	hash, err := tkm.HashPassword(password)
	if err != nil {
		return err
	}
	return s.db.write(ctx, func(tx *Tx) error { return insertUser(ctx, tx, u, hash) })
}

func insertUser(ctx context.Context, tx *Tx, u *tkm.User, hash string) error {
	u.CreatedAt, u.UpdatedAt = tx.now, tx.now
	err := tx.QueryRowContext(ctx, `
		INSERT INTO users (email, name, role, region, password_hash, disabled, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		u.Email, u.Name, u.Role, u.Region, hash, u.Disabled, u.CreatedAt, u.UpdatedAt).Scan(&u.ID)
	if tx.db.dialect.isUnique(err) {
		var f tkm.Fields
		f.Add("email", "email_taken", "Email ini sudah dipakai pengguna lain.", "This email is already in use.")
		e := f.Err().(*tkm.Error)
		e.Code = tkm.ECONFLICT
		return e
	} else if err != nil {
		return fmt.Errorf("insert user %q: %w", u.Email, err)
	}
	return nil
}

// mergeFields turns several validation errors into one listing every field.
func mergeFields(err error) error {
	var f tkm.Fields
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		f = append(f, fieldsOf(e)...)
	}
	return f.Err()
}

// FindUserByID returns one user.
func (s *UserService) FindUserByID(ctx context.Context, id tkm.ID) (*tkm.User, error) {
	var u *tkm.User
	err := s.db.read(ctx, func(tx *Tx) (err error) { u, err = findUser(ctx, tx, id); return err })
	return u, err
}

// FindUsers returns every user, by name.
func (s *UserService) FindUsers(ctx context.Context) ([]*tkm.User, error) {
	if err := tkm.Authorize(ctx, tkm.ReadRegistry); err != nil {
		return nil, err
	}
	var us []*tkm.User
	err := s.db.read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+userColumns+` FROM users ORDER BY name, id`)
		if err != nil {
			return fmt.Errorf("find users: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			u, _, err := scanUser(rows)
			if err != nil {
				return fmt.Errorf("find users: %w", err)
			}
			us = append(us, u)
		}
		return rows.Err()
	})
	return us, err
}

const userColumns = `id, email, name, role, region, disabled, created_at, updated_at, password_hash`

// userColumnsOf is userColumns for a table under an alias.
func userColumnsOf(alias string) string {
	return alias + "." + strings.ReplaceAll(userColumns, ", ", ", "+alias+".")
}

func scanUser(row scanner) (*tkm.User, string, error) {
	var u tkm.User
	var hash string
	err := row.Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.Region, &u.Disabled, &u.CreatedAt, &u.UpdatedAt, &hash)
	u.CreatedAt, u.UpdatedAt = u.CreatedAt.UTC(), u.UpdatedAt.UTC()
	return &u, hash, err
}

func findUser(ctx context.Context, tx *Tx, id tkm.ID) (*tkm.User, error) {
	u, _, err := scanUser(tx.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, tkm.Errorf(tkm.ENOTFOUND, "Pengguna tidak ditemukan.", "User not found.")
	} else if err != nil {
		return nil, fmt.Errorf("find user %d: %w", id, err)
	}
	return u, nil
}
