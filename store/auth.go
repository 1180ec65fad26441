package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"

	"tkm"
)

// Session lifetimes: a browser session lasts a working day; an API token a month.
const (
	CookieLifetime = 12 * time.Hour
	TokenLifetime  = 30 * 24 * time.Hour
)

// AuthService logs users in with sessions kept in the database, so that
// every server sharing the database knows them.
type AuthService struct {
	db *DB
	// dummy is checked against when the email is unknown, so that a wrong
	// email takes as long as a wrong password.
	dummy string
}

// NewAuthService returns the auth service of db.
func NewAuthService(db *DB) *AuthService {
	dummy, _ := tkm.HashPassword("not a real password at all")
	return &AuthService{db: db, dummy: dummy}
}

var _ tkm.AuthService = (*AuthService)(nil)

func badLogin() error {
	return tkm.Errorf(tkm.EUNAUTHORIZED, "Email atau kata sandi salah.", "Wrong email or password.")
}

// Login checks the credentials and opens a session of the given kind.
func (s *AuthService) Login(ctx context.Context, email, password, kind string) (string, *tkm.Session, *tkm.User, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	if err := s.db.checkLoginRate(ctx, email); err != nil {
		return "", nil, nil, err
	}
	var u *tkm.User
	var hash string
	err := s.db.read(ctx, func(tx *Tx) (err error) {
		u, hash, err = scanUser(tx.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE email = $1`, email))
		return err
	})
	if errors.Is(err, sql.ErrNoRows) {
		tkm.CheckPassword(s.dummy, password)
		return "", nil, nil, s.failedLogin(ctx, email, nil)
	} else if err != nil {
		return "", nil, nil, fmt.Errorf("login: %w", err)
	}
	if !tkm.CheckPassword(hash, password) || u.Disabled {
		return "", nil, nil, s.failedLogin(ctx, email, u)
	}
	secret, sess, err := s.open(ctx, u, kind)
	return secret, sess, u, err
}

// open creates a session for u and returns its secret.
func (s *AuthService) open(ctx context.Context, u *tkm.User, kind string) (string, *tkm.Session, error) {
	raw := make([]byte, 32)
	rand.Read(raw)
	secret := base64.RawURLEncoding.EncodeToString(raw)
	life := CookieLifetime
	if kind == tkm.SessionToken {
		life = TokenLifetime
	}
	o := tkm.OriginFromContext(ctx)
	sess := &tkm.Session{UserID: u.ID, Kind: kind, IP: o.IP, UserAgent: truncate(o.UserAgent, 300)}
	err := s.db.writeLog(ctx, func(tx *Tx) error {
		sess.CreatedAt, sess.ExpiresAt = tx.now, tx.now.Add(life)
		err := tx.QueryRowContext(ctx, `
			INSERT INTO sessions (secret_hash, user_id, kind, ip, user_agent, created_at, expires_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
			hashSecret(secret), sess.UserID, sess.Kind, sess.IP, sess.UserAgent, sess.CreatedAt, sess.ExpiresAt,
		).Scan(&sess.ID)
		if err != nil {
			return err
		}
		if err := clearLoginFailures(ctx, tx, u.Email); err != nil {
			return err
		}
		return tx.audit(tkm.NewContextWithUser(ctx, u), &tkm.AuditEntry{Action: tkm.AuditLogin, Entity: "session",
			EntityID: sess.ID, Note: kind})
	})
	if err != nil {
		return "", nil, fmt.Errorf("open session: %w", err)
	}
	return secret, sess, nil
}

func hashSecret(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// Authenticate returns the user and session behind a secret; an expired
// session, a revoked one or a disabled user is EUNAUTHORIZED.
func (s *AuthService) Authenticate(ctx context.Context, secret string) (*tkm.User, *tkm.Session, error) {
	var sess tkm.Session
	row := s.db.queryRow(ctx, `
		SELECT s.id, s.kind, s.ip, s.user_agent, s.created_at, s.expires_at, `+userColumnsOf("u")+`, (`+versionQuery+`)
		FROM sessions s JOIN users u ON u.id = s.user_id
		WHERE s.secret_hash = $1 AND s.expires_at > $2`, hashSecret(secret), s.db.Now())
	u, err := scanSessionUser(row, &sess)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && u.Disabled) {
		return nil, nil, tkm.Errorf(tkm.EUNAUTHORIZED, "Sesi Anda telah berakhir; silakan masuk lagi.", "Your session has ended; please log in again.")
	} else if err != nil {
		return nil, nil, fmt.Errorf("authenticate: %w", err)
	}
	return u, &sess, nil
}

func scanSessionUser(row scanner, sess *tkm.Session) (*tkm.User, error) {
	var u tkm.User
	var hash string
	err := row.Scan(&sess.ID, &sess.Kind, &sess.IP, &sess.UserAgent, &sess.CreatedAt, &sess.ExpiresAt,
		&u.ID, &u.Email, &u.Name, &u.Role, &u.Region, &u.Disabled, &u.CreatedAt, &u.UpdatedAt, &hash, &sess.Version)
	sess.UserID = u.ID
	return &u, err
}

// Logout ends the session behind a secret.
func (s *AuthService) Logout(ctx context.Context, secret string) error {
	return s.db.writeLog(ctx, func(tx *Tx) error {
		var id tkm.ID
		err := tx.QueryRowContext(ctx, `DELETE FROM sessions WHERE secret_hash = $1 RETURNING id`, hashSecret(secret)).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		} else if err != nil {
			return fmt.Errorf("logout: %w", err)
		}
		return tx.audit(ctx, &tkm.AuditEntry{Action: tkm.AuditLogout, Entity: "session", EntityID: id})
	})
}

// failedLogin records a refused login (by the email tried, known or not)
// and returns the error to show, which does not tell which part was wrong.
func (s *AuthService) failedLogin(ctx context.Context, email string, u *tkm.User) error {
	e := &tkm.AuditEntry{Action: tkm.AuditLoginFailed, Entity: "user", UserEmail: truncate(email, 200)}
	if u != nil {
		e.EntityID = u.ID
	}
	err := s.db.writeLog(ctx, func(tx *Tx) error {
		if err := recordLoginFailure(ctx, tx, email); err != nil {
			return err
		}
		return tx.audit(ctx, e)
	})
	if err != nil {
		return fmt.Errorf("login: %w", err)
	}
	return badLogin()
}

// Sessions lists the live sessions and tokens of the user in ctx, newest first.
func (s *AuthService) Sessions(ctx context.Context) ([]*tkm.Session, error) {
	if err := tkm.Authorize(ctx, tkm.UseAccount); err != nil {
		return nil, err
	}
	me := tkm.UserFromContext(ctx)
	out := []*tkm.Session{}
	err := s.db.read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, user_id, kind, ip, user_agent, created_at, expires_at
			FROM sessions WHERE user_id = $1 AND expires_at > $2 ORDER BY id DESC`, me.ID, tx.now)
		if err != nil {
			return fmt.Errorf("sessions: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var x tkm.Session
			if err := rows.Scan(&x.ID, &x.UserID, &x.Kind, &x.IP, &x.UserAgent, &x.CreatedAt, &x.ExpiresAt); err != nil {
				return fmt.Errorf("sessions: %w", err)
			}
			x.CreatedAt, x.ExpiresAt = x.CreatedAt.UTC(), x.ExpiresAt.UTC()
			out = append(out, &x)
		}
		return rows.Err()
	})
	return out, err
}

// RevokeSession ends one of the sessions of the user in ctx.
func (s *AuthService) RevokeSession(ctx context.Context, id tkm.ID) error {
	if err := tkm.Authorize(ctx, tkm.UseAccount); err != nil {
		return err
	}
	me := tkm.UserFromContext(ctx)
	return s.db.writeLog(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE id = $1 AND user_id = $2`, id, me.ID)
		if err != nil {
			return fmt.Errorf("revoke session %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return tkm.Errorf(tkm.ENOTFOUND, "Sesi tidak ditemukan.", "Session not found.")
		}
		return tx.audit(ctx, &tkm.AuditEntry{Action: tkm.AuditSessionEnd, Entity: "session", EntityID: id})
	})
}

// Sign-ups allowed per address in a day.
const maxSignUps = 5

var _ tkm.Applicants = (*AuthService)(nil)

// SignUp creates a group leader's account and logs them in. An address
// may open only a few accounts a day.
func (s *AuthService) SignUp(ctx context.Context, u *tkm.User, password string) (string, *tkm.Session, error) {
	u.Role, u.Region, u.Disabled = tkm.RoleGroup, "", false
	if err := s.checkSignUps(ctx); err != nil {
		return "", nil, err
	}
	if err := errors.Join(u.Validate(s.db.Regions), tkm.ValidatePassword(password)); err != nil {
		return "", nil, mergeFields(err)
	}
	hash, err := tkm.HashPassword(password)
	if err != nil {
		return "", nil, err
	}
	err = s.db.write(ctx, func(tx *Tx) error {
		if err := insertUser(ctx, tx, u, hash); err != nil {
			return err
		}
		return tx.audit(tkm.NewContextWithUser(ctx, u), &tkm.AuditEntry{Action: tkm.AuditRegister, Entity: "user", EntityID: u.ID,
			Changes: changes(nil, u)})
	})
	if err != nil {
		return "", nil, err
	}
	secret, sess, err := s.open(ctx, u, tkm.SessionCookie)
	return secret, sess, err
}

// checkSignUps counts this attempt against its address, whatever becomes
// of it, and refuses one too many.
func (s *AuthService) checkSignUps(ctx context.Context) error {
	var n int
	key := "signup:" + tkm.OriginFromContext(ctx).IP
	err := s.db.writeLog(ctx, func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO login_failures (key, at) VALUES ($1, $2)`, key, tx.now); err != nil {
			return err
		}
		return count(ctx, tx, &n, `SELECT COUNT(*) FROM login_failures WHERE key = $1 AND at > $2`, key, tx.now.Add(-24*time.Hour))
	})
	if err != nil {
		return fmt.Errorf("sign up: %w", err)
	}
	if n > maxSignUps {
		return tkm.Errorf(tkm.ERATELIMITED, "Terlalu banyak akun dibuat dari alamat ini hari ini. Coba lagi besok.",
			"Too many accounts were made from this address today. Try again tomorrow.")
	}
	return nil
}
