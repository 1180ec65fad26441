package tkm

import (
	"context"
	"strings"
	"time"
)

// TrainingKind is which stage a training serves.
type TrainingKind string

const (
	Pembekalan  TrainingKind = "pembekalan"  // business advice and provisioning
	Kelembagaan TrainingKind = "kelembagaan" // institutional technical guidance (Bimtek)
)

// Training is one session that groups are invited to.
type Training struct {
	ID         ID           `json:"id"`
	Kind       TrainingKind `json:"kind"`
	Title      string       `json:"title"`
	StartsOn   Date         `json:"starts_on"`
	EndsOn     Date         `json:"ends_on"`
	Location   string       `json:"location"`
	RegionCode string       `json:"region_code"`
	GroupIDs   []ID         `json:"group_ids"`
	Attendance []ID         `json:"attendance"` // IDs of the members who attended
	CreatedAt  time.Time    `json:"created_at"`
}

// Validate checks a training about to be saved.
func (t *Training) Validate(regions Regions) error {
	var f Fields
	t.Title, t.Location = strings.TrimSpace(t.Title), strings.TrimSpace(t.Location)
	if t.Kind != Pembekalan && t.Kind != Kelembagaan {
		f.Add("kind", "kind_invalid", "Jenis pelatihan harus pembekalan atau kelembagaan.", "Kind must be pembekalan or kelembagaan.")
	}
	requireText(&f, "title", t.Title, 200, "Judul", "Title")
	requireText(&f, "location", t.Location, 200, "Tempat", "Location")
	if _, ok := regions.Region(t.RegionCode); !ok {
		f.Add("region_code", "region_invalid", "Kode wilayah tidak dikenal.", "Unknown region code.")
	}
	switch {
	case t.StartsOn.IsZero() || t.EndsOn.IsZero():
		f.Add("starts_on", "required", "Tanggal mulai dan selesai wajib diisi.", "Start and end dates are required.")
	case t.EndsOn.Before(t.StartsOn):
		f.Add("ends_on", "dates_order", "Tanggal selesai tidak boleh sebelum tanggal mulai.", "The end cannot come before the start.")
	}
	if len(t.GroupIDs) == 0 {
		f.Add("group_ids", "required", "Undang minimal satu kelompok.", "Invite at least one group.")
	}
	return f.Err()
}

// TrainingFilter narrows a list of trainings.
type TrainingFilter struct {
	GroupID ID
	Kind    TrainingKind
	// GroupOnly, with GroupID, lists in each training only that group and
	// its members who came: what the group's own page shows.
	GroupOnly bool
}

// TrainingService keeps trainings and who attended them.
type TrainingService interface {
	CreateTraining(ctx context.Context, t *Training) error
	FindTrainingByID(ctx context.Context, id ID) (*Training, error)
	FindTrainings(ctx context.Context, f TrainingFilter) ([]*Training, error)
	// SetAttendance records who attended, for the members of the invited
	// groups the caller may reach; a mentor ticks their own groups only.
	SetAttendance(ctx context.Context, id ID, memberIDs []ID) (*Training, error)
}
