package tkm

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Sex as written on an Indonesian identity card.
type Sex string

const (
	SexMale   Sex = "L" // laki-laki
	SexFemale Sex = "P" // perempuan
)

// Employment is a member's work status when applying.
type Employment string

const (
	Unemployed Employment = "unemployed"
	Informal   Employment = "informal"
	Formal     Employment = "formal"
)

// MemberRole is a member's place in the group.
type MemberRole string

const (
	RoleKetua      MemberRole = "ketua"      // leader
	RoleSekretaris MemberRole = "sekretaris" // secretary
	RoleBendahara  MemberRole = "bendahara"  // treasurer
	RoleAnggota    MemberRole = "anggota"    // member
)

// Member is one person in a group. NIK holds the full number inside tkm;
// transports mask it unless the caller may see it.
type Member struct {
	ID         ID         `json:"id"`
	GroupID    ID         `json:"group_id"`
	NIK        string     `json:"nik"`
	Name       string     `json:"name"`
	Sex        Sex        `json:"sex"`
	BirthDate  Date       `json:"birth_date"`
	Phone      string     `json:"phone"`
	Address    string     `json:"address"`
	Education  string     `json:"education"`
	Employment Employment `json:"employment"`
	Role       MemberRole `json:"role"`
	Disability bool       `json:"disability"`
	CreatedAt  time.Time  `json:"created_at"`
	UpdatedAt  time.Time  `json:"updated_at"`
}

// MemberUpdate holds the fields to change; nil leaves a field as it is.
type MemberUpdate struct {
	NIK        *string     `json:"nik"`
	Name       *string     `json:"name"`
	Sex        *Sex        `json:"sex"`
	BirthDate  *Date       `json:"birth_date"`
	Phone      *string     `json:"phone"`
	Address    *string     `json:"address"`
	Education  *string     `json:"education"`
	Employment *Employment `json:"employment"`
	Role       *MemberRole `json:"role"`
	Disability *bool       `json:"disability"`
}

// Apply copies the set fields of u onto m.
func (u MemberUpdate) Apply(m *Member) {
	set(&m.NIK, u.NIK)
	set(&m.Name, u.Name)
	set(&m.Sex, u.Sex)
	set(&m.BirthDate, u.BirthDate)
	set(&m.Phone, u.Phone)
	set(&m.Address, u.Address)
	set(&m.Education, u.Education)
	set(&m.Employment, u.Employment)
	set(&m.Role, u.Role)
	set(&m.Disability, u.Disability)
}

func set[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}

// MemberService finds and changes members. Every method is limited to the
// scope of the user in ctx.
type MemberService interface {
	CreateMember(ctx context.Context, groupID ID, m *Member) ([]Warning, error)
	UpdateMember(ctx context.Context, groupID, id ID, u MemberUpdate) (*Member, []Warning, error)
	DeleteMember(ctx context.Context, groupID, id ID) error
	// FindMembersByNIK returns every member record of one person.
	FindMembersByNIK(ctx context.Context, nik string) ([]*Member, error)
}

// Validate checks and tidies a member before it is saved: text trimmed,
// NIK and phone checked, defaults filled. Problems that never stop the work
// come back as warnings.
func (m *Member) Validate(regions Regions, today Date) ([]Warning, error) {
	var f Fields
	var warnings []Warning
	m.NIK, m.Name = strings.TrimSpace(m.NIK), strings.TrimSpace(m.Name)
	m.Address, m.Education = strings.TrimSpace(m.Address), strings.TrimSpace(m.Education)
	if m.Role == "" {
		m.Role = RoleAnggota
	}
	if m.Employment == "" {
		m.Employment = Unemployed
	}
	requireText(&f, "name", m.Name, 200, "Nama", "Name")
	limitText(&f, "address", m.Address, 500)
	limitText(&f, "education", m.Education, 100)
	if m.Sex != SexMale && m.Sex != SexFemale {
		f.Add("sex", "sex_invalid", "Jenis kelamin harus L atau P.", "Sex must be L or P.")
	}
	switch {
	case m.BirthDate.IsZero():
		f.Add("birth_date", "required", "Tanggal lahir wajib diisi.", "Birth date is required.")
	case today.Before(m.BirthDate) || m.BirthDate.Year() < 1900:
		f.Add("birth_date", "birth_date_invalid", "Tanggal lahir tidak masuk akal.", "Birth date is not plausible.")
	}
	if nik, ferr := ParseNIK(m.NIK, regions); ferr != nil {
		f = append(f, *ferr)
	} else {
		warnings = nik.Check(m.BirthDate, m.Sex)
	}
	if p, ferr := NormalizePhone(m.Phone); ferr != nil {
		f = append(f, *ferr)
	} else {
		m.Phone = p
	}
	switch m.Employment {
	case Unemployed, Informal, Formal:
	default:
		f.Add("employment", "employment_invalid", "Status kerja harus unemployed, informal atau formal.",
			"Employment must be unemployed, informal or formal.")
	}
	switch m.Role {
	case RoleKetua, RoleSekretaris, RoleBendahara, RoleAnggota:
	default:
		f.Add("role", "role_invalid", "Peran harus ketua, sekretaris, bendahara atau anggota.",
			"Role must be ketua, sekretaris, bendahara or anggota.")
	}
	return warnings, f.Err()
}

// ValidateMembers checks a group's members together: each member, then no
// NIK twice. Field names are prefixed "members[i]." so a form can point at
// the row.
func ValidateMembers(ms []*Member, regions Regions, today Date) ([]Warning, error) {
	var f Fields
	var warnings []Warning
	if len(ms) > MaxMembers {
		f.Add("members", "too_many", "Anggota kelompok paling banyak 100 orang.", "A group has at most 100 members.")
	}
	seen := make(map[string]int, len(ms))
	for i, m := range ms {
		prefix := fmt.Sprintf("members[%d].", i)
		w, err := m.Validate(regions, today)
		warnings = append(warnings, prefixed(prefix, w)...)
		f = append(f, prefixed(prefix, fieldsOf(err))...)
		if j, dup := seen[m.NIK]; dup && m.NIK != "" {
			f.Add(prefix+"nik", "nik_duplicate", fmt.Sprintf("NIK sama dengan anggota ke-%d.", j+1),
				fmt.Sprintf("Same NIK as member %d.", j+1))
		}
		seen[m.NIK] = i
	}
	return warnings, f.Err()
}

func prefixed(prefix string, fs []FieldError) []FieldError {
	out := make([]FieldError, len(fs))
	for i, e := range fs {
		e.Field = prefix + e.Field
		out[i] = e
	}
	return out
}

// fieldsOf returns the field errors inside err, if it is an *Error.
func fieldsOf(err error) []FieldError {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}
