package tkm

import (
	"context"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// Group is a kelompok usaha: about ten people running one small business.
type Group struct {
	ID              ID        `json:"id"`
	CohortID        ID        `json:"cohort_id"`
	Name            string    `json:"name"`
	RegionCode      string    `json:"region_code"`
	Address         string    `json:"address"`
	Sector          string    `json:"sector"`
	KBLI            string    `json:"kbli"`
	Phone           string    `json:"phone"`
	Stage           Stage     `json:"stage"`
	StageSince      time.Time `json:"stage_since"`
	Members         []*Member `json:"members,omitzero"`
	MemberCount     int       `json:"member_count"`
	MentorID        ID        `json:"mentor_id,omitzero"`
	MentorName      string    `json:"mentor_name,omitempty"` // on a single group, not in lists
	PreviousGroupID ID        `json:"previous_group_id,omitzero"`
	Ref             string    `json:"ref"`
	OwnerID         ID        `json:"-"`
	CreatedAt       time.Time `json:"created_at"`
	UpdatedAt       time.Time `json:"updated_at"`
}

// GroupUpdate holds the fields to change; nil leaves a field as it is.
type GroupUpdate struct {
	Name            *string `json:"name"`
	RegionCode      *string `json:"region_code"`
	Address         *string `json:"address"`
	Sector          *string `json:"sector"`
	KBLI            *string `json:"kbli"`
	Phone           *string `json:"phone"`
	Ref             *string `json:"ref"`
	MentorID        *ID     `json:"mentor_id"`
	PreviousGroupID *ID     `json:"previous_group_id"`
}

// Apply copies the set fields of u onto g.
func (u GroupUpdate) Apply(g *Group) {
	set(&g.Name, u.Name)
	set(&g.RegionCode, u.RegionCode)
	set(&g.Address, u.Address)
	set(&g.Sector, u.Sector)
	set(&g.KBLI, u.KBLI)
	set(&g.Phone, u.Phone)
	set(&g.Ref, u.Ref)
	set(&g.MentorID, u.MentorID)
	set(&g.PreviousGroupID, u.PreviousGroupID)
}

// MaxMembers caps a group's size whatever its cohort says.
const MaxMembers = 100

var kbliPattern = regexp.MustCompile(`^[0-9]{5}$`)

// Validate checks and tidies a group's own fields (not its members) before
// it is saved: text trimmed, phone normalised to E.164.
func (g *Group) Validate(regions Regions) error {
	var f Fields
	g.Name, g.Address = strings.TrimSpace(g.Name), strings.TrimSpace(g.Address)
	g.Sector, g.KBLI, g.Ref = strings.TrimSpace(g.Sector), strings.TrimSpace(g.KBLI), strings.TrimSpace(g.Ref)
	g.RegionCode = strings.TrimSpace(g.RegionCode)
	if g.CohortID == 0 {
		f.Add("cohort_id", "required", "Angkatan wajib dipilih.", "Cohort is required.")
	}
	requireText(&f, "name", g.Name, 200, "Nama kelompok", "Group name")
	requireText(&f, "sector", g.Sector, 200, "Bidang usaha", "Business sector")
	limitText(&f, "address", g.Address, 500)
	limitText(&f, "ref", g.Ref, 100)
	if r, ok := regions.Region(g.RegionCode); !ok || r.Level == LevelProvince {
		f.Add("region_code", "region_invalid",
			"Kode wilayah harus kabupaten/kota atau lebih rinci yang terdaftar (mis. 51.03).",
			"Region must be a known regency/city code or finer (e.g. 51.03).")
	}
	if g.KBLI != "" && !kbliPattern.MatchString(g.KBLI) {
		f.Add("kbli", "kbli_invalid", "Kode KBLI terdiri dari 5 angka.", "A KBLI code has 5 digits.")
	}
	if p, err := NormalizePhone(g.Phone); err != nil {
		f = append(f, *err)
	} else {
		g.Phone = p
	}
	return f.Err()
}

func requireText(f *Fields, field, v string, max int, id, en string) {
	if v == "" {
		f.Add(field, "required", id+" wajib diisi.", en+" is required.")
	}
	limitText(f, field, v, max)
}

func limitText(f *Fields, field, v string, max int) {
	if utf8.RuneCountInString(v) > max {
		f.Add(field, "too_long", "Isian terlalu panjang.", "Too long.")
	}
}

// GroupFilter narrows a list of groups. Zero fields do not filter.
type GroupFilter struct {
	CohortID ID
	Province string // "51"
	Year     int    // the cohorts of that year
	Region   string // "51.03": the region and everything inside it
	Stage    Stage
	Q        string // words in the name or ref, or a full NIK of a member
	Limit    int
	Cursor   string // from the previous page's NextCursor
}

// Default and largest page sizes.
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// GroupPage is one page of a list of groups.
type GroupPage struct {
	Items      []*Group `json:"items"`
	NextCursor string   `json:"next_cursor"`
}

// GroupService keeps the groups. Every method is limited to the scope of
// the user in ctx: a group outside it is not found.
type GroupService interface {
	// CreateGroup registers g with its members; on success g holds what was
	// saved: its ID, stage and times, and its members' NIKs masked.
	CreateGroup(ctx context.Context, g *Group) ([]Warning, error)
	// FindGroupByID returns a group with its members, NIKs masked.
	FindGroupByID(ctx context.Context, id ID) (*Group, error)
	// RevealNIKs returns a group with its members' full NIKs, for a role
	// that may read them; the view is recorded in the audit log.
	RevealNIKs(ctx context.Context, id ID) (*Group, error)
	FindGroups(ctx context.Context, f GroupFilter) (*GroupPage, error)
	UpdateGroup(ctx context.Context, id ID, u GroupUpdate) (*Group, []Warning, error)
	DeleteGroup(ctx context.Context, id ID) error
}
