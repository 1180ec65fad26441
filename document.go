package tkm

import (
	"context"
	"io"
	"strings"
)

// BASTData is what a handover document (berita acara serah terima) of one
// aid record shows.
type BASTData struct {
	Aid        *Aid
	Group      *Group // with its members; the ketua receives
	Cohort     *Cohort
	RegionName string // e.g. "Kecamatan Kuta Selatan, Kabupaten Badung, Bali"
	Officer    string // who hands over; empty leaves a line to sign
}

// Documents renders official documents (as PDF, see package pdf).
type Documents interface {
	BAST(w io.Writer, d BASTData) error
	BASTFilename(a *Aid) string
	// StatsPDF writes the programme's statistics report.
	StatsPDF(w io.Writer, d StatsDocument) error
}

// RegionPath names a region and the regions above it, innermost first:
// "Kecamatan Kuta Selatan, Kabupaten Badung, Bali".
func RegionPath(regions Regions, code string) string {
	var parts []string
	for c := code; c != ""; {
		if r, ok := regions.Region(c); ok {
			name := r.Name
			if r.Level == LevelDistrict {
				name = "Kecamatan " + name
			} else if r.Level == LevelVillage {
				name = "Desa/Kelurahan " + name
			}
			parts = append(parts, name)
		}
		i := strings.LastIndexByte(c, '.')
		if i < 0 {
			break
		}
		c = c[:i]
	}
	return strings.Join(parts, ", ")
}

// LoadBAST gathers what the handover document of aid record id shows,
// within the caller's scope.
func LoadBAST(ctx context.Context, aids AidService, groups GroupService, cohorts CohortService, regions Regions, id ID) (BASTData, error) {
	a, err := aids.FindAidByID(ctx, id)
	if err != nil {
		return BASTData{}, err
	}
	g, err := groups.FindGroupByID(ctx, a.GroupID)
	if err != nil {
		return BASTData{}, err
	}
	c, err := cohorts.FindCohortByID(ctx, g.CohortID)
	if err != nil {
		return BASTData{}, err
	}
	return BASTData{Aid: a, Group: g, Cohort: c, RegionName: RegionPath(regions, g.RegionCode)}, nil
}

// PublicGroupPath is the address of a group's public page.
func PublicGroupPath(id ID) string { return "/usaha/" + id.String() }

// ExpoDocument is what an expo's printed documents show: the report for
// the ministry (with sales) and the catalogue for visitors (with a QR code
// per booth leading to the group's public page at BaseURL).
type ExpoDocument struct {
	Report  *ExpoReport
	Groups  []*PublicGroup // the exhibitors as the public sees them, by booth
	Regions Regions
	BaseURL string // e.g. https://tkm.kemnaker.go.id
}

// ExpoDocuments renders an expo's documents.
type ExpoDocuments interface {
	ExpoReportPDF(w io.Writer, d ExpoDocument) error
	ExpoCataloguePDF(w io.Writer, d ExpoDocument) error
}
