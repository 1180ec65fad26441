package tkm

import (
	"context"
	"net/mail"
	"strings"
	"time"

	"tkm/passwords"
)

// Role is what a user does in the programme; it decides what they may see.
type Role string

const (
	RoleAdmin    Role = "admin"    // system administrator
	RoleMinistry Role = "ministry" // programme officer at Kemnaker
	RoleRegional Role = "regional" // officer of a provincial or regency office
	RoleMentor   Role = "mentor"   // TKS facilitator
	RoleAuditor  Role = "auditor"  // Inspectorate, BPK, BPKP: read-only
	RoleGroup    Role = "group"    // a group's leader
)

// Roles lists every role.
var Roles = []Role{RoleAdmin, RoleMinistry, RoleRegional, RoleMentor, RoleAuditor, RoleGroup}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if r == x {
			return true
		}
	}
	return false
}

// User is someone who logs in to tkm.
type User struct {
	ID        ID        `json:"id"`
	Email     string    `json:"email"`
	Name      string    `json:"name"`
	Role      Role      `json:"role"`
	Region    string    `json:"region,omitempty"`
	Disabled  bool      `json:"disabled"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// MinPasswordLength is the shortest password tkm accepts.
const MinPasswordLength = 12

// Validate checks a user about to be saved.
func (u *User) Validate(regions Regions) error {
	var f Fields
	u.Email = strings.ToLower(strings.TrimSpace(u.Email))
	u.Name = strings.TrimSpace(u.Name)
	if a, err := mail.ParseAddress(u.Email); err != nil || a.Address != u.Email {
		f.Add("email", "email_invalid", "Alamat email tidak sah.", "Email address is invalid.")
	}
	if u.Name == "" {
		f.Add("name", "required", "Nama wajib diisi.", "Name is required.")
	}
	if !u.Role.Valid() {
		f.Add("role", "role_invalid", "Peran harus salah satu dari admin, ministry, regional, mentor, auditor, group.",
			"Role must be one of admin, ministry, regional, mentor, auditor, group.")
	}
	if u.Role == RoleRegional {
		if _, ok := regions.Region(u.Region); !ok || LevelOf(u.Region) == LevelVillage || LevelOf(u.Region) == LevelDistrict {
			f.Add("region", "region_invalid", "Petugas daerah memerlukan kode provinsi atau kabupaten/kota yang sah (mis. 51 atau 51.03).",
				"A regional officer needs a valid province or regency code (e.g. 51 or 51.03).")
		}
	} else if u.Region != "" {
		f.Add("region", "region_not_allowed", "Hanya petugas daerah yang memiliki wilayah.", "Only regional officers have a region.")
	}
	return f.Err()
}

// ValidatePassword checks a new password against the rules.
func ValidatePassword(p string) error {
	var f Fields
	switch {
	case len([]rune(p)) < MinPasswordLength:
		f.Add("password", "password_short", "Kata sandi minimal 12 karakter.", "Password must be at least 12 characters.")
	case len(p) > 1024:
		f.Add("password", "password_long", "Kata sandi terlalu panjang.", "Password is too long.")
	case passwords.Common(p):
		f.Add("password", "password_common", "Kata sandi ini terlalu umum dan mudah ditebak; pilih yang lain, misalnya beberapa kata acak.",
			"This password is too common and easy to guess; choose another, such as a few random words.")
	}
	return f.Err()
}

// Scope is the part of the registry a user may see. The store turns it into
// the WHERE clause of every query, so this is the one place that decides.
type Scope struct {
	All      bool   // every group
	Region   string // groups whose region code lies within this one
	MentorID ID     // groups assigned to this mentor
	OwnerID  ID     // groups this leader applied for
}

// ScopeOf returns what u may see. A nil user sees nothing.
func ScopeOf(u *User) Scope {
	switch {
	case u == nil || u.Disabled:
		return Scope{}
	case u.Role == RoleRegional:
		return Scope{Region: u.Region}
	case u.Role == RoleMentor:
		return Scope{MentorID: u.ID}
	case u.Role == RoleGroup:
		return Scope{OwnerID: u.ID}
	default:
		return Scope{All: true}
	}
}

// Covers reports whether a group lies within the scope.
func (s Scope) Covers(g *Group) bool {
	switch {
	case s.All:
		return true
	case s.Region != "":
		return WithinRegion(g.RegionCode, s.Region)
	case s.MentorID != 0:
		return g.MentorID == s.MentorID
	case s.OwnerID != 0:
		return g.OwnerID == s.OwnerID
	}
	return false
}

// UserUpdate holds the fields of a user to change; nil leaves a field as it is.
type UserUpdate struct {
	Name     *string `json:"name"`
	Role     *Role   `json:"role"`
	Region   *string `json:"region"`
	Disabled *bool   `json:"disabled"`
}

// Apply copies the set fields of up onto u.
func (up UserUpdate) Apply(u *User) {
	set(&u.Name, up.Name)
	set(&u.Role, up.Role)
	set(&u.Region, up.Region)
	set(&u.Disabled, up.Disabled)
}

// UserFilter narrows a list of users. Zero fields do not filter.
type UserFilter struct {
	Role Role
}

// UserService keeps the users. Administrators manage them; officers who
// assign mentors may list the mentors.
type UserService interface {
	CreateUser(ctx context.Context, u *User, password string) error
	FindUserByID(ctx context.Context, id ID) (*User, error)
	FindUsers(ctx context.Context, f UserFilter) ([]*User, error)
	UpdateUser(ctx context.Context, id ID, up UserUpdate) (*User, error)
	// SetPassword gives a user a new password and ends their sessions: an
	// administrator's reset, or one's own change (which needs the old one).
	SetPassword(ctx context.Context, id ID, old, password string) error
}

// Session is a login: a browser session (cookie) or an API token.
type Session struct {
	ID        ID        `json:"id"`
	UserID    ID        `json:"user_id"`
	Kind      string    `json:"kind"` // "cookie" or "token"
	CreatedAt time.Time `json:"created_at"`
	ExpiresAt time.Time `json:"expires_at"`
	IP        string    `json:"ip"`
	UserAgent string    `json:"user_agent"`
	// Version is the registry's version when the session was read (see
	// NewContextWithVersion).
	Version int64 `json:"-"`
}

// Session kinds.
const (
	SessionCookie = "cookie"
	SessionToken  = "token"
)

// AuthService logs users in and recognises them afterwards.
type AuthService interface {
	// Login checks the credentials and opens a session of the given kind;
	// the returned secret is shown once and never stored.
	Login(ctx context.Context, email, password, kind string) (secret string, s *Session, u *User, err error)
	// Authenticate returns the user and session behind a secret.
	Authenticate(ctx context.Context, secret string) (*User, *Session, error)
	// Logout ends the session behind a secret.
	Logout(ctx context.Context, secret string) error
	// Sessions lists the sessions and tokens of the user in ctx.
	Sessions(ctx context.Context) ([]*Session, error)
	// RevokeSession ends one of the sessions of the user in ctx.
	RevokeSession(ctx context.Context, id ID) error
}
