package tkm

import (
	"context"
	"time"
)

// StatsFilter narrows the statistics. Zero fields do not filter.
type StatsFilter struct {
	Year     int
	CohortID ID
	Province string
}

// Stats are the programme's figures for the caller's scope: what the
// ministry reports (groups per year, per province, how many reached each
// stage, the aid disbursed against the budget, the jobs and revenue that
// followed).
type Stats struct {
	Groups   GroupStats   `json:"groups"`
	Members  MemberStats  `json:"members"`
	Aid      AidStats     `json:"aid"`
	Outcomes OutcomeStats `json:"outcomes"`
	Expos    ExpoStats    `json:"expos"`
}

// GroupStats count groups.
type GroupStats struct {
	Total      int            `json:"total"`
	ByStage    map[Stage]int  `json:"by_stage"`
	ByProvince map[string]int `json:"by_province"`
	ByYear     map[int]int    `json:"by_year"`
}

// MemberStats count the members of those groups.
type MemberStats struct {
	Total    int            `json:"total"`
	Female   int            `json:"female"`
	Male     int            `json:"male"`
	AgeBands map[string]int `json:"age_bands"` // age on 1 January of the cohort's year: "<25", "25-34", "35-44", "45+"
}

// AgeBands are the keys of MemberStats.AgeBands, youngest first.
var AgeBands = []string{"<25", "25-34", "35-44", "45+"}

// AidStats compare the aid disbursed with the budget: the cohort's aid
// amount for every group approved or beyond.
type AidStats struct {
	Disbursed int64 `json:"disbursed"`
	Budget    int64 `json:"budget"`
}

// OutcomeStats sum the monitoring reports.
type OutcomeStats struct {
	NewWorkers int              `json:"new_workers"`
	Revenue    int64            `json:"revenue"`
	ByPeriod   []PeriodOutcomes `json:"by_period"`
}

// PeriodOutcomes are one month's outcomes.
type PeriodOutcomes struct {
	Period     string `json:"period"`
	NewWorkers int    `json:"new_workers"`
	Revenue    int64  `json:"revenue"`
}

// ExpoStats count the groups that exhibited.
type ExpoStats struct {
	ExhibitorsByProvince map[string]int `json:"exhibitors_by_province"`
}

// CostPerJob is the aid disbursed for each new worker the groups hired;
// zero while nobody was hired.
func (s *Stats) CostPerJob() int64 {
	if s.Outcomes.NewWorkers == 0 {
		return 0
	}
	return s.Aid.Disbursed / int64(s.Outcomes.NewWorkers)
}

// StatsService gives the statistics.
type StatsService interface {
	Stats(ctx context.Context, f StatsFilter) (*Stats, error)
	// ExportStats gives the statistics for a download named file and
	// records the export in the audit log.
	ExportStats(ctx context.Context, f StatsFilter, file string) (*Stats, error)
}

// StatsDocument is what the statistics report shows, as a PDF or a
// workbook: the figures, the filters they were asked with, in words, and
// the day of the report.
type StatsDocument struct {
	Stats    *Stats
	Filter   StatsFilter
	Cohort   string // the cohort's name when the figures are of one cohort
	Scope    string // whose figures: "Nasional", or the officer's region
	Regions  Regions
	Reported time.Time
}
