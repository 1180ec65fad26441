package demo

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"tkm"
)

// cohortYears are the years of the two Pemula cohorts that get groups.
var cohortYears = [2]int{2018, 2019}

// Cohorts returns the demo cohorts, in order: TKM Pemula 2018 and TKM Pemula
// 2019 with the programme's default rules and, per province, a quota equal
// to the groups Groups(groups, …) makes there (every province is listed,
// zero included, since a missing province would get no quota); then TKM
// Lanjutan 2023, which gets no groups yet; its quota map is empty, which
// the rules read as "no limit".
func (g *Generator) Cohorts(groups int) []*tkm.Cohort {
	split := g.plan(groups)
	return []*tkm.Cohort{g.pemula(0, split[0]), g.pemula(1, split[1]), lanjutan()}
}

// pemula returns Pemula cohort c with its quotas.
func (g *Generator) pemula(c int, quotas []int) *tkm.Cohort {
	co := tkm.NewCohort()
	co.Year = cohortYears[c]
	co.Name = fmt.Sprintf("TKM Pemula %d", co.Year)
	for i, p := range g.provinces {
		co.Quotas[p.code] = quotas[i]
	}
	co.CreatedAt = cohortOpened(co.Year)
	co.UpdatedAt = co.CreatedAt
	return co
}

// lanjutan returns the empty TKM Lanjutan 2023 cohort.
func lanjutan() *tkm.Cohort {
	co := tkm.NewCohort()
	co.Year, co.Tier, co.Name = 2023, tkm.TierLanjutan, "TKM Lanjutan 2023"
	co.CreatedAt = cohortOpened(co.Year)
	co.UpdatedAt = co.CreatedAt
	return co
}

// cohortOpened is when a cohort is set up: 2 January, 09:00 WIB.
func cohortOpened(year int) time.Time { return time.Date(year, 1, 2, 2, 0, 0, 0, time.UTC) }

// plan decides how many of n groups each province gets in each cohort:
// [cohort][province]. It depends on n only, so Cohorts and Groups agree.
func (g *Generator) plan(n int) [2][]int {
	per := g.spread(max(n, 0))
	var split [2][]int
	split[0], split[1] = make([]int, len(per)), make([]int, len(per))
	seen := 0 // groups of the provinces before, both cohorts
	for i, k := range per {
		// Round the running total of the 2018 share, so each province is
		// split about 1:2 and the totals are exactly round(n/3) and the rest.
		split[0][i] = (seen+k+1)/3 - (seen+1)/3
		split[1][i] = k - split[0][i]
		seen += k
	}
	return split
}

// spread shares n groups among the provinces: one each when there are
// enough, the rest by population (largest remainder).
func (g *Generator) spread(n int) []int {
	per := make([]int, len(g.provinces))
	if n >= len(per) {
		for i := range per {
			per[i] = 1
		}
		n -= len(per)
	}
	weights := make([]int, len(per))
	for i, p := range g.provinces {
		weights[i] = p.weight
	}
	for i, k := range largestRemainder(n, weights) {
		per[i] += k
	}
	return per
}

// largestRemainder shares n in proportion to weights: each gets the whole
// part of its share, and the units left go to the largest fractions (ties
// to the earlier index). It counts in int64 so a million groups times a
// weight cannot overflow anywhere.
func largestRemainder(n int, weights []int) []int {
	out, order := make([]int, len(weights)), make([]int, len(weights))
	total, given := int64(sum(weights)), 0
	if total == 0 {
		return out
	}
	frac := func(i int) int64 { return int64(n) * int64(weights[i]) % total }
	for i, w := range weights {
		out[i], order[i] = int(int64(n)*int64(w)/total), i
		given += out[i]
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(frac(b), frac(a)) })
	for _, i := range order[:n-given] {
		out[i]++
	}
	return out
}
