package tkm

import (
	"context"
	"strings"
	"time"
)

// Tier is the level of a cohort since 2023.
type Tier string

const (
	TierPemula   Tier = "pemula"   // beginners
	TierLanjutan Tier = "lanjutan" // Pemula groups that succeeded and hired
)

// Cohort (angkatan) is one year's intake of groups with that year's rules.
type Cohort struct {
	ID                ID             `json:"id"`
	Year              int            `json:"year"`
	Tier              Tier           `json:"tier"`
	Name              string         `json:"name"`
	GroupSizeMin      int            `json:"group_size_min"`
	GroupSizeMax      int            `json:"group_size_max"`
	AidAmount         int64          `json:"aid_amount"`
	MemberAgeMin      int            `json:"member_age_min"`
	MemberAgeMax      int            `json:"member_age_max"`
	EquipmentSharePct int            `json:"equipment_share_pct"`
	Quotas            map[string]int `json:"quotas"`
	ApplicationsOpen  bool           `json:"applications_open"` // groups may apply online (/daftar)
	CreatedAt         time.Time      `json:"created_at"`
	UpdatedAt         time.Time      `json:"updated_at"`
}

// NewCohort returns a cohort with the programme's default rules.
func NewCohort() *Cohort {
	return &Cohort{
		Tier: TierPemula, GroupSizeMin: 10, GroupSizeMax: 10, AidAmount: 20_000_000,
		MemberAgeMin: 17, MemberAgeMax: 55, EquipmentSharePct: 60, Quotas: map[string]int{},
	}
}

// CohortUpdate holds the fields to change; nil leaves a field as it is.
type CohortUpdate struct {
	Year              *int            `json:"year"`
	Tier              *Tier           `json:"tier"`
	Name              *string         `json:"name"`
	GroupSizeMin      *int            `json:"group_size_min"`
	GroupSizeMax      *int            `json:"group_size_max"`
	AidAmount         *int64          `json:"aid_amount"`
	MemberAgeMin      *int            `json:"member_age_min"`
	MemberAgeMax      *int            `json:"member_age_max"`
	EquipmentSharePct *int            `json:"equipment_share_pct"`
	Quotas            *map[string]int `json:"quotas"`
	ApplicationsOpen  *bool           `json:"applications_open"`
}

// Apply copies the set fields of u onto c.
func (u CohortUpdate) Apply(c *Cohort) {
	set(&c.Year, u.Year)
	set(&c.Tier, u.Tier)
	set(&c.Name, u.Name)
	set(&c.GroupSizeMin, u.GroupSizeMin)
	set(&c.GroupSizeMax, u.GroupSizeMax)
	set(&c.AidAmount, u.AidAmount)
	set(&c.MemberAgeMin, u.MemberAgeMin)
	set(&c.MemberAgeMax, u.MemberAgeMax)
	set(&c.EquipmentSharePct, u.EquipmentSharePct)
	set(&c.Quotas, u.Quotas)
	set(&c.ApplicationsOpen, u.ApplicationsOpen)
}

// Validate checks a cohort about to be saved.
func (c *Cohort) Validate(regions Regions) error {
	var f Fields
	c.Name = strings.TrimSpace(c.Name)
	if c.Year < 2000 || c.Year > 2100 {
		f.Add("year", "year_invalid", "Tahun harus antara 2000 dan 2100.", "Year must be between 2000 and 2100.")
	}
	if c.Tier != TierPemula && c.Tier != TierLanjutan {
		f.Add("tier", "tier_invalid", "Tingkat harus pemula atau lanjutan.", "Tier must be pemula or lanjutan.")
	}
	if c.Name == "" {
		f.Add("name", "required", "Nama angkatan wajib diisi.", "Name is required.")
	}
	if c.GroupSizeMin < 1 || c.GroupSizeMax > 100 || c.GroupSizeMin > c.GroupSizeMax {
		f.Add("group_size_max", "group_size_invalid", "Ukuran kelompok harus 1–100 orang dan minimal tidak melebihi maksimal.",
			"Group size must be 1–100 with the minimum not above the maximum.")
	}
	if c.AidAmount < 0 {
		f.Add("aid_amount", "amount_negative", "Nilai bantuan tidak boleh negatif.", "Aid amount cannot be negative.")
	}
	if c.MemberAgeMin < 15 || c.MemberAgeMax > 100 || c.MemberAgeMin > c.MemberAgeMax {
		f.Add("member_age_max", "age_range_invalid", "Rentang usia harus 15–100 tahun dan minimal tidak melebihi maksimal.",
			"Age range must be 15–100 with the minimum not above the maximum.")
	}
	if c.EquipmentSharePct < 0 || c.EquipmentSharePct > 100 {
		f.Add("equipment_share_pct", "percent_invalid", "Porsi peralatan harus 0–100 persen.", "Equipment share must be 0–100 percent.")
	}
	for code, n := range c.Quotas {
		if r, ok := regions.Region(code); !ok || r.Level != LevelProvince {
			f.Add("quotas."+code, "province_unknown", "Kode provinsi "+code+" tidak dikenal.", "Unknown province code "+code+".")
		} else if n < 0 {
			f.Add("quotas."+code, "quota_negative", "Kuota tidak boleh negatif.", "A quota cannot be negative.")
		}
	}
	return f.Err()
}

// CohortService keeps the cohorts.
type CohortService interface {
	CreateCohort(ctx context.Context, c *Cohort) error
	FindCohortByID(ctx context.Context, id ID) (*Cohort, error)
	FindCohorts(ctx context.Context) ([]*Cohort, error)
	UpdateCohort(ctx context.Context, id ID, u CohortUpdate) (*Cohort, error)
}
