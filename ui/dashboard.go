package ui

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"tkm"
)

// dashboardView is the officers' dashboard: the programme's figures in
// the user's scope, for the filters chosen, every figure a link to the
// list of groups behind it.
type dashboardView struct {
	base
	Filter    statsForm
	Years     []option
	Cohorts   []option
	Provinces []option
	Showing   string // the filters in words
	Stats     *tkm.Stats
	Figures   dashboardFigures
	Downloads []download
}

// statsForm is the dashboard's filter form as typed.
type statsForm struct {
	Year, Cohort, Province string
}

// Any reports whether any filter is set.
func (f statsForm) Any() bool { return f != statsForm{} }

// statsFormOf reads the filters from a query.
func statsFormOf(q url.Values) statsForm {
	return statsForm{Year: q.Get("year"), Cohort: q.Get("cohort"), Province: q.Get("province")}
}

// query is the filters as a group list's query, with the given parameters
// set over them ("stage", "province", "year").
func (f statsForm) query(set ...string) url.Values {
	v := url.Values{}
	for k, s := range map[string]string{"year": f.Year, "cohort": f.Cohort, "province": f.Province} {
		if s != "" {
			v.Set(k, s)
		}
	}
	for i := 0; i+1 < len(set); i += 2 {
		v.Set(set[i], set[i+1])
	}
	return v
}

// groupsURL is the group list behind a figure: the filters, and set.
func (f statsForm) groupsURL(set ...string) string {
	if q := f.query(set...).Encode(); q != "" {
		return "/kelompok?" + q
	}
	return "/kelompok"
}

// dashboard shows the figures of the user's scope. A bad filter shows the
// problem above the form, never an error page.
func (h *Handler) dashboard(w http.ResponseWriter, r *http.Request) error {
	if err := tkm.Authorize(r.Context(), tkm.ReadRegistry); err != nil {
		return err
	}
	v := &dashboardView{base: h.base(w, r), Filter: statsFormOf(r.URL.Query())}
	if err := h.dashboardChoices(r, v); err != nil {
		return err
	}
	v.Showing = v.T("dashboard.showing", v.chosen(v.Years, v.Filter.Year), v.chosen(v.Cohorts, v.Filter.Cohort),
		v.chosen(v.Provinces, v.Filter.Province))
	st, err := h.findStats(r, v.Filter)
	if err != nil {
		return h.dashboardFailed(w, r, v, err)
	}
	v.Stats, v.Figures = st, newFigures(st, v.Filter, v.printer, h.Regions)
	v.Downloads = v.downloads()
	return h.page(w, r, "dashboard", v)
}

// dashboardChoices fills the filters' choices: the cohorts' years, the
// cohorts and the provinces.
func (h *Handler) dashboardChoices(r *http.Request, v *dashboardView) error {
	cs, err := h.Cohorts.FindCohorts(r.Context())
	if err != nil {
		return err
	}
	v.Years, v.Cohorts = yearOptions(cs), cohortOptions(cs)
	v.Provinces = h.provinceOptions(r)
	return nil
}

// yearOptions lists the cohorts' years, the latest first.
func yearOptions(cs []*tkm.Cohort) []option {
	var years []int
	for _, c := range cs {
		if !slices.Contains(years, c.Year) {
			years = append(years, c.Year)
		}
	}
	slices.Sort(years)
	slices.Reverse(years)
	opts := make([]option, len(years))
	for i, y := range years {
		opts[i] = option{Value: strconv.Itoa(y), Label: strconv.Itoa(y)}
	}
	return opts
}

// findStats checks the filters and asks for the figures.
func (h *Handler) findStats(r *http.Request, sf statsForm) (*tkm.Stats, error) {
	f, err := h.statsFilter(sf)
	if err != nil {
		return nil, err
	}
	return h.Stats.Stats(r.Context(), f)
}

// statsFilter reads the filter form into a domain filter.
func (h *Handler) statsFilter(sf statsForm) (tkm.StatsFilter, error) {
	var bad tkm.Fields
	f := tkm.StatsFilter{Year: parseYear(sf.Year, &bad), CohortID: parseCohort(sf.Cohort, &bad), Province: sf.Province}
	h.checkProvinceFilter(f.Province, &bad)
	return f, bad.Err()
}

// parseCohort reads a cohort filter; empty is none.
func parseCohort(s string, bad *tkm.Fields) tkm.ID {
	if s == "" {
		return 0
	}
	id, err := tkm.ParseID(s)
	if err != nil {
		bad.Add("cohort", "id_invalid", "Angkatan tidak dikenal.", "Unknown cohort.")
	}
	return id
}

// checkProvinceFilter refuses a province filter that names no province.
func (h *Handler) checkProvinceFilter(code string, bad *tkm.Fields) {
	if reg, ok := h.Regions.Region(code); code != "" && (!ok || reg.Level != tkm.LevelProvince) {
		bad.Add("province", "province_unknown", "Provinsi tidak dikenal.", "Unknown province.")
	}
}

// parseYear reads a cohort year filter; empty is none.
func parseYear(s string, bad *tkm.Fields) int {
	if s == "" {
		return 0
	}
	y, err := strconv.Atoi(s)
	if err != nil || y < 2000 || y > 2100 {
		bad.Add("year", "year_invalid", "Tahun harus 2000–2100.", "Year must be 2000–2100.")
		return 0
	}
	return y
}

// dashboardFailed shows a filter the dashboard cannot use, above no figures.
func (h *Handler) dashboardFailed(w http.ResponseWriter, r *http.Request, v *dashboardView, err error) error {
	fe, err := v.formErrorsOf(err, sameField)
	if err != nil {
		return err
	}
	v.Errors = fe
	h.render(w, r, http.StatusBadRequest, "dashboard", v)
	return nil
}

// downloads are the links to the figures as a report, with the filters.
func (v *dashboardView) downloads() []download {
	q := v.Filter.query().Encode()
	if q != "" {
		q = "?" + q
	}
	return []download{{Href: "/dasbor/statistik.pdf" + q, Label: v.T("dashboard.download.pdf")},
		{Href: "/dasbor/statistik.xlsx" + q, Label: v.T("dashboard.download.xlsx")}}
}

// chosen is the label of the option with value, or "all".
func (v *dashboardView) chosen(opts []option, value string) string {
	for _, o := range opts {
		if value != "" && o.Value == value {
			return o.Label
		}
	}
	return v.T("dashboard.all")
}
