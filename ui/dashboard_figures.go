package ui

import (
	"slices"
	"strconv"
	"strings"

	"tkm"
)

// dashboardFigures are the dashboard's figures worked out for the
// template: every bar's width and link.
type dashboardFigures struct {
	Groups     figure // the total, linked to the list
	Members    figure
	Funnel     []bar // the stages of the path: at each, and reached
	Closed     []bar // rejected and dropped
	Map        tileMap
	Provinces  barTable
	Years      barTable
	Sex        barTable
	Ages       barTable
	Aid        barTable // disbursed, budget
	AidShare   string
	Workers    figure
	Revenue    figure
	CostPerJob figure
	Periods    []periodBar
}

// figure is one number and the list behind it.
type figure struct{ Value, Href string }

// bar is one labelled number drawn as a bar Pct wide (0–100), with the
// list behind it; Reached is a funnel stage's groups at it or beyond.
type bar struct {
	Key, Label, Value, Href string
	Pct                     float64
	Reached                 string
	ReachedPct              float64
}

// barTable is a table of bars: its id, the heading of its labels.
type barTable struct {
	ID, Heading string
	Bars        []bar
}

// periodBar is one period's new workers and revenue.
type periodBar struct {
	Period                 string
	Workers, Revenue       string
	WorkersPct, RevenuePct float64
}

// newFigures works out the figures of st for the filters f.
func newFigures(st *tkm.Stats, f statsForm, p printer, regions tkm.Regions) dashboardFigures {
	all := f.groupsURL()
	fg := dashboardFigures{
		Groups: figure{number(st.Groups.Total), all}, Members: figure{number(st.Members.Total), all},
		Map:       newTileMap(st.Groups.ByProvince, f, p, regions),
		Provinces: barTable{"provinces", p.T("dashboard.provinces.col"), provinceBars(st.Groups.ByProvince, f, regions)},
		Years:     barTable{"years", p.T("dashboard.years.col"), yearBars(st.Groups.ByYear, f)},
		Sex:       barTable{"sex", p.T("dashboard.members.sex"), sexBars(st.Members, all, p)},
		Ages:      barTable{"ages", p.T("dashboard.members.ages"), ageBars(st.Members, all, p)},
		Aid:       barTable{"aid", p.T("dashboard.aid.col"), aidBars(st.Aid, all, p)},
		AidShare:  tkm.Percent(st.Aid.Disbursed, st.Aid.Budget),
		Workers:   figure{number(st.Outcomes.NewWorkers), all}, Revenue: figure{tkm.FormatRupiah(st.Outcomes.Revenue), all},
		CostPerJob: figure{costPerJob(st, p), all}, Periods: periodBars(st.Outcomes.ByPeriod),
	}
	fg.Funnel, fg.Closed = funnelBars(st.Groups, f, p.en())
	return fg
}

// pct is n as a percentage of whole, for a bar's width.
func pct[N int | int64](n, whole N) float64 {
	if whole <= 0 {
		return 0
	}
	return float64(int64(n)*1000/int64(whole)) / 10
}

// funnelBars are the stages of the path, each with the groups at it and
// those that reached it (at it or beyond; a dropped group reached at least
// approved), then the groups rejected and dropped.
func funnelBars(g tkm.GroupStats, f statsForm, en bool) (path, closed []bar) {
	reached := 0
	path = make([]bar, len(tkm.Path))
	for i := len(tkm.Path) - 1; i >= 0; i-- {
		s := tkm.Path[i]
		reached += g.ByStage[s]
		if s == tkm.StageApproved {
			reached += g.ByStage[tkm.StageDropped]
		}
		path[i] = stageBar(g, s, f, en)
		path[i].Reached, path[i].ReachedPct = number(reached), pct(reached, g.Total)
	}
	for _, s := range []tkm.Stage{tkm.StageRejected, tkm.StageDropped} {
		closed = append(closed, stageBar(g, s, f, en))
	}
	return path, closed
}

// stageBar is the groups at stage s.
func stageBar(g tkm.GroupStats, s tkm.Stage, f statsForm, en bool) bar {
	n := g.ByStage[s]
	return bar{Key: string(s), Label: s.Label(en), Value: number(n), Href: f.groupsURL("stage", string(s)), Pct: pct(n, g.Total)}
}

// provinceBars are the provinces with groups, by code.
func provinceBars(by map[string]int, f statsForm, regions tkm.Regions) []bar {
	most := maxOf(by)
	var bars []bar
	for _, t := range tileLayout {
		if n := by[t.code]; n > 0 {
			bars = append(bars, bar{Key: t.code, Label: provinceName(regions, t.code), Value: number(n),
				Href: f.groupsURL("province", t.code), Pct: pct(n, most)})
		}
	}
	slices.SortFunc(bars, func(a, b bar) int { return strings.Compare(a.Key, b.Key) })
	return bars
}

// yearBars are the cohort years, the earliest first.
func yearBars(by map[int]int, f statsForm) []bar {
	most := maxOf(by)
	years := make([]int, 0, len(by))
	for y := range by {
		years = append(years, y)
	}
	slices.Sort(years)
	bars := make([]bar, len(years))
	for i, y := range years {
		ys := strconv.Itoa(y)
		bars[i] = bar{Key: ys, Label: ys, Value: number(by[y]), Href: f.groupsURL("year", ys), Pct: pct(by[y], most)}
	}
	return bars
}

// sexBars are the women and the men among the members.
func sexBars(m tkm.MemberStats, href string, p printer) []bar {
	return []bar{
		{Key: "P", Label: p.T("dashboard.members.female"), Value: number(m.Female), Href: href, Pct: pct(m.Female, m.Total)},
		{Key: "L", Label: p.T("dashboard.members.male"), Value: number(m.Male), Href: href, Pct: pct(m.Male, m.Total)},
	}
}

// ageBars are the members by age band.
func ageBars(m tkm.MemberStats, href string, p printer) []bar {
	bars := make([]bar, len(tkm.AgeBands))
	for i, b := range tkm.AgeBands {
		n := m.AgeBands[b]
		bars[i] = bar{Key: b, Label: p.T("dashboard.members.age", b), Value: number(n), Href: href, Pct: pct(n, m.Total)}
	}
	return bars
}

// aidBars are the aid disbursed and the budget, the larger full width.
func aidBars(a tkm.AidStats, href string, p printer) []bar {
	most := max(a.Disbursed, a.Budget)
	return []bar{
		{Key: "disbursed", Label: p.T("dashboard.aid.disbursed"), Value: tkm.FormatRupiah(a.Disbursed), Href: href, Pct: pct(a.Disbursed, most)},
		{Key: "budget", Label: p.T("dashboard.aid.budget"), Value: tkm.FormatRupiah(a.Budget), Href: href, Pct: pct(a.Budget, most)},
	}
}

// costPerJob is the aid disbursed per new worker, or a dash before any.
func costPerJob(st *tkm.Stats, p printer) string {
	if st.Outcomes.NewWorkers == 0 {
		return p.T("dashboard.none")
	}
	return tkm.FormatRupiah(st.CostPerJob())
}

// maxOf is the largest count.
func maxOf[K comparable](by map[K]int) int {
	most := 0
	for _, n := range by {
		most = max(most, n)
	}
	return most
}

// periodBars are the outcomes of each month, or of each year when there
// are more than two years of months.
func periodBars(ps []tkm.PeriodOutcomes) []periodBar {
	if len(ps) > 24 {
		ps = byYear(ps)
	}
	var workers int
	var revenue int64
	for _, p := range ps {
		workers, revenue = max(workers, p.NewWorkers), max(revenue, p.Revenue)
	}
	bars := make([]periodBar, len(ps))
	for i, p := range ps {
		bars[i] = periodBar{Period: p.Period, Workers: number(p.NewWorkers), Revenue: tkm.FormatRupiah(p.Revenue),
			WorkersPct: pct(p.NewWorkers, workers), RevenuePct: pct(p.Revenue, revenue)}
	}
	return bars
}

// byYear adds up monthly outcomes ("2019-11") by year ("2019"), in order.
func byYear(ps []tkm.PeriodOutcomes) []tkm.PeriodOutcomes {
	var out []tkm.PeriodOutcomes
	for _, p := range ps {
		y, _, _ := strings.Cut(p.Period, "-")
		if len(out) == 0 || out[len(out)-1].Period != y {
			out = append(out, tkm.PeriodOutcomes{Period: y})
		}
		last := &out[len(out)-1]
		last.NewWorkers += p.NewWorkers
		last.Revenue += p.Revenue
	}
	return out
}
