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
	return s.db.write(ctx, func(tx *Tx) error {
		if err := insertUser(ctx, tx, u, hash); err != nil {
			return err
		}
		return tx.audit(ctx, &tkm.AuditEntry{Action: tkm.AuditUserCreate, Entity: "user", EntityID: u.ID,
			Changes: changes(nil, u)})
	})
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

// FindUserByID returns a user the caller may see: anyone for an
// administrator, mentors for officers who assign them, and oneself.
func (s *UserService) FindUserByID(ctx context.Context, id tkm.ID) (*tkm.User, error) {
	var u *tkm.User
	err := s.db.read(ctx, func(tx *Tx) (err error) { u, err = findUser(ctx, tx, id); return err })
	if err == nil && !maySee(tkm.UserFromContext(ctx), u) {
		return nil, tkm.Errorf(tkm.ENOTFOUND, "Pengguna tidak ditemukan.", "User not found.")
	}
	return u, err
}

func maySee(viewer, u *tkm.User) bool {
	return viewer != nil && (viewer.ID == u.ID || tkm.Can(viewer, tkm.ManageUsers) ||
		(tkm.Can(viewer, tkm.AssignMentors) && u.Role == tkm.RoleMentor))
}

// FindUsers returns the users the caller may see, by name.
func (s *UserService) FindUsers(ctx context.Context, f tkm.UserFilter) ([]*tkm.User, error) {
	viewer := tkm.UserFromContext(ctx)
	if !tkm.Can(viewer, tkm.ManageUsers) {
		if err := tkm.Authorize(ctx, tkm.AssignMentors); err != nil {
			return nil, err
		}
		f.Role = tkm.RoleMentor
	}
	var a args
	var conds []string
	if f.Role != "" {
		conds = append(conds, "role = "+a.add(f.Role))
	}
	us := []*tkm.User{}
	err := s.db.read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+userColumns+` FROM users WHERE `+where(conds)+` ORDER BY name, id`, a...)
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

// UpdateUser changes a user's name, role, region or access. A disabled
// user's sessions end at once.
func (s *UserService) UpdateUser(ctx context.Context, id tkm.ID, up tkm.UserUpdate) (*tkm.User, error) {
	if err := tkm.Authorize(ctx, tkm.ManageUsers); err != nil {
		return nil, err
	}
	var u *tkm.User
	err := s.db.write(ctx, func(tx *Tx) (err error) {
		if u, err = findUser(ctx, tx, id); err != nil {
			return err
		}
		old := *u
		up.Apply(u)
		if err := checkUserUpdate(ctx, u, s.db.Regions); err != nil {
			return err
		}
		if err := updateUser(ctx, tx, u); err != nil {
			return err
		}
		if u.Disabled {
			if err := endSessions(ctx, tx, u.ID); err != nil {
				return err
			}
		}
		return tx.audit(ctx, &tkm.AuditEntry{Action: tkm.AuditUserUpdate, Entity: "user", EntityID: u.ID,
			Changes: changes(&old, u)})
	})
	return u, err
}

// checkUserUpdate validates the changed user; nobody may disable themselves
// or drop their own administrator role, so the system keeps an administrator.
func checkUserUpdate(ctx context.Context, u *tkm.User, regions tkm.Regions) error {
	if err := u.Validate(regions); err != nil {
		return err
	}
	if me := tkm.UserFromContext(ctx); me.ID == u.ID && (u.Disabled || u.Role != me.Role) {
		var f tkm.Fields
		f.Add("role", "self_lockout", "Anda tidak dapat menonaktifkan akun sendiri atau mengubah peran sendiri.",
			"You cannot disable your own account or change your own role.")
		return f.Err()
	}
	return nil
}

func updateUser(ctx context.Context, tx *Tx, u *tkm.User) error {
	u.UpdatedAt = tx.now
	_, err := tx.ExecContext(ctx, `UPDATE users SET name = $1, role = $2, region = $3, disabled = $4, updated_at = $5
		WHERE id = $6`, u.Name, u.Role, u.Region, u.Disabled, u.UpdatedAt, u.ID)
	if err != nil {
		return fmt.Errorf("update user %d: %w", u.ID, err)
	}
	return nil
}

// endSessions ends every session and token of a user.
func endSessions(ctx context.Context, tx *Tx, userID tkm.ID) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, userID); err != nil {
		return fmt.Errorf("end sessions of %d: %w", userID, err)
	}
	return nil
}

// SetPassword gives a user a new password and ends all their sessions. An
// administrator may reset anyone's; a user may change their own with the
// old one.
func (s *UserService) SetPassword(ctx context.Context, id tkm.ID, old, password string) error {
	me := tkm.UserFromContext(ctx)
	if me == nil {
		return tkm.Authorize(ctx, tkm.UseAccount)
	}
	self := me.ID == id
	if !self && !tkm.Can(me, tkm.ManageUsers) {
		if _, err := s.FindUserByID(ctx, id); err != nil {
			return err // not theirs to see: not found
		}
		return tkm.Authorize(ctx, tkm.ManageUsers)
	}
	if err := tkm.ValidatePassword(password); err != nil {
		return err
	}
	hash, err := tkm.HashPassword(password)
	if err != nil {
		return err
	}
	return s.db.write(ctx, func(tx *Tx) error {
		u, stored, err := scanUser(tx.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return tkm.Errorf(tkm.ENOTFOUND, "Pengguna tidak ditemukan.", "User not found.")
		} else if err != nil {
			return fmt.Errorf("set password of %d: %w", id, err)
		}
		if self && !tkm.CheckPassword(stored, old) {
			var f tkm.Fields
			f.Add("old_password", "password_wrong", "Kata sandi lama salah.", "The old password is wrong.")
			return f.Err()
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3`,
			hash, tx.now, id); err != nil {
			return fmt.Errorf("set password of %d: %w", id, err)
		}
		if err := endSessions(ctx, tx, id); err != nil {
			return err
		}
		return tx.audit(ctx, &tkm.AuditEntry{Action: tkm.AuditUserUpdate, Entity: "user", EntityID: u.ID,
			Note: "password set; sessions ended"})
	})
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
