package tkm

import (
	"context"
	"strings"
	"time"
)

// Expo is an exhibition where the ministry shows the groups' products.
type Expo struct {
	ID         ID           `json:"id"`
	Name       string       `json:"name"`
	Venue      string       `json:"venue"`
	RegionCode string       `json:"region_code"`
	StartsOn   Date         `json:"starts_on"`
	EndsOn     Date         `json:"ends_on"`
	Exhibitors []*Exhibitor `json:"exhibitors"`
	CreatedAt  time.Time    `json:"created_at"`
}

// Exhibitor is a group showing its products at a booth of an expo.
type Exhibitor struct {
	GroupID    ID     `json:"group_id"`
	Booth      string `json:"booth"`
	GroupName  string `json:"group_name"`
	RegionCode string `json:"region_code"`
	Sector     string `json:"sector"`
	Sales      int64  `json:"sales"` // recorded sales at the expo, Rupiah
}

// Sale is what one exhibitor sold at an expo, recorded during it.
type Sale struct {
	ID      ID        `json:"id"`
	ExpoID  ID        `json:"expo_id"`
	GroupID ID        `json:"group_id"`
	Amount  int64     `json:"amount"`
	Note    string    `json:"note"`
	At      time.Time `json:"at"`
}

// Validate checks an expo about to be saved.
func (e *Expo) Validate(regions Regions) error {
	var f Fields
	e.Name, e.Venue = strings.TrimSpace(e.Name), strings.TrimSpace(e.Venue)
	requireText(&f, "name", e.Name, 200, "Nama pameran", "Expo name")
	requireText(&f, "venue", e.Venue, 200, "Tempat", "Venue")
	if _, ok := regions.Region(e.RegionCode); !ok {
		f.Add("region_code", "region_invalid", "Kode wilayah tidak dikenal.", "Unknown region code.")
	}
	switch {
	case e.StartsOn.IsZero() || e.EndsOn.IsZero():
		f.Add("starts_on", "required", "Tanggal mulai dan selesai wajib diisi.", "Start and end dates are required.")
	case e.EndsOn.Before(e.StartsOn):
		f.Add("ends_on", "dates_order", "Tanggal selesai tidak boleh sebelum tanggal mulai.", "The end cannot come before the start.")
	}
	return f.Err()
}

// CanExhibit reports whether a group at stage s may show at an expo:
// only groups with proof of products, at institutional or graduated.
func CanExhibit(s Stage) bool { return s == StageInstitutional || s == StageGraduated }

// ExpoReport is an expo's figures for the ministry.
type ExpoReport struct {
	Expo                 *Expo          `json:"expo"`
	ExhibitorsByProvince map[string]int `json:"exhibitors_by_province"`
	Products             int            `json:"products"`
	SalesTotal           int64          `json:"sales_total"`
}

// ExpoService keeps expos, their exhibitors and sales.
type ExpoService interface {
	CreateExpo(ctx context.Context, e *Expo) error
	FindExpoByID(ctx context.Context, id ID) (*Expo, error)
	FindExpos(ctx context.Context) ([]*Expo, error)
	AddExhibitor(ctx context.Context, expoID ID, groupID ID, booth string) (*Exhibitor, error)
	RecordSale(ctx context.Context, expoID ID, s *Sale) error
	ExpoReport(ctx context.Context, id ID) (*ExpoReport, error)
	// DownloadExpoReport is ExpoReport for a file leaving tkm (format
	// "pdf" or "xlsx"): the download is recorded in the audit log.
	DownloadExpoReport(ctx context.Context, id ID, format string) (*ExpoReport, error)
}
