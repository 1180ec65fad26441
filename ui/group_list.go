package ui

import (
	"net/http"
	"net/url"
	"strconv"

	"tkm"
)

// groupListView is the list of groups with its filters.
type groupListView struct {
	base
	Filter      listFilter
	CanWrite    bool // the user may create a group
	CanMove     bool // the user may move the groups listed, many at once
	CanOverride bool // and past gates not met
	Targets     []option
	Target      string // the stage to move to, chosen first: the next of the stage filtered on
	Cohorts     []option
	Years       []option
	Provinces   []option
	Stages      []option
	Groups      []groupRow
	Next        string         // the next page's address; empty on the last page
	Downloads   []download     // the whole list as files, for roles that may export
	NIKForm     *nikExportForm // the members with full NIKs, for roles that may also read them
	cohorts     map[tkm.ID]string
}

// groupRow is one row of the list, worked out before the template runs:
// the template repeats its actions for every row, and each costs far more
// than the Go that fills it.
type groupRow struct {
	ID, Name           string
	Region, RegionCode string // "Kuta, Kabupaten Badung, Bali", "51.03.01"
	Cohort             string
	Stage, StageLabel  string
	Members            int
	Since              string // "12 hari (sejak 3 Mei 2024)"
}

// rows fills the table's rows.
func (v *groupListView) rows(gs []*tkm.Group, regions tkm.Regions) []groupRow {
	rows := make([]groupRow, len(gs))
	for i, g := range gs {
		rows[i] = groupRow{ID: g.ID.String(), Name: g.Name,
			Region: regionPath(regions, g.RegionCode), RegionCode: g.RegionCode, Cohort: v.cohorts[g.CohortID],
			Stage: string(g.Stage), StageLabel: g.Stage.Label(v.en()),
			Members: g.MemberCount, Since: v.T("groups.in_stage", v.days(g.StageSince), v.shortDate(g.StageSince))}
	}
	return rows
}

// listFilter is the list's filter form as typed.
type listFilter struct {
	Cohort, Year, Province, Stage, Q, Limit string
}

// Any reports whether any filter is set.
func (f listFilter) Any() bool { return f != listFilter{} }

// values returns the filter as query parameters, leaving out the empty ones.
func (f listFilter) values() url.Values {
	v := url.Values{}
	for k, s := range map[string]string{"cohort": f.Cohort, "year": f.Year, "province": f.Province, "stage": f.Stage, "q": f.Q, "limit": f.Limit} {
		if s != "" {
			v.Set(k, s)
		}
	}
	return v
}

// groupList shows one page of the groups in the user's scope. A bad filter
// shows the problem above an empty list, never an error page.
func (h *Handler) groupList(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	v := &groupListView{base: h.base(w, r), Filter: filterOf(q)}
	v.CanWrite = tkm.Can(v.User, tkm.WriteGroup)
	v.Stages = stageOptions(v.en())
	if v.CanMove = tkm.Can(v.User, tkm.MoveGroup); v.CanMove {
		v.CanOverride, v.Targets = tkm.Can(v.User, tkm.OverrideGate), targetOptions(v.en())
		v.Target = string(tkm.Stage(v.Filter.Stage).Next())
	}
	if err := h.listChoices(r, v); err != nil {
		return err
	}
	page, err := h.findGroups(r, v.Filter, q.Get("cursor"))
	if err != nil {
		return h.listFailed(w, r, v, err)
	}
	v.Groups = v.rows(page.Items, h.Regions)
	if tkm.Can(v.User, tkm.Export) {
		v.Downloads = v.downloads()
		if tkm.Can(v.User, tkm.ReadNIK) {
			v.NIKForm = nikForm(v.Filter, nil)
		}
	}
	if page.NextCursor != "" {
		next := v.Filter.values()
		next.Set("cursor", page.NextCursor)
		v.Next = "/kelompok?" + next.Encode()
	}
	return h.page(w, r, "group_list", v)
}

// listChoices fills the filters' choices: the cohorts and the provinces.
func (h *Handler) listChoices(r *http.Request, v *groupListView) error {
	cs, err := h.Cohorts.FindCohorts(r.Context())
	if err != nil {
		return err
	}
	v.Cohorts, v.Years, v.cohorts = cohortOptions(cs), yearOptions(cs), map[tkm.ID]string{}
	for _, c := range cs {
		v.cohorts[c.ID] = c.Name
	}
	v.Provinces = h.provinceOptions(r)
	return nil
}

// findGroups checks the filter and asks for one page of groups.
func (h *Handler) findGroups(r *http.Request, lf listFilter, cursor string) (*tkm.GroupPage, error) {
	f, err := h.groupFilter(lf)
	if err != nil {
		return nil, err
	}
	f.Cursor = cursor
	return h.Groups.FindGroups(r.Context(), f)
}

// groupFilter reads the filter form into a domain filter.
func (h *Handler) groupFilter(lf listFilter) (tkm.GroupFilter, error) {
	f := tkm.GroupFilter{Province: lf.Province, Stage: tkm.Stage(lf.Stage), Q: lf.Q}
	var bad tkm.Fields
	f.Year, f.CohortID = parseYear(lf.Year, &bad), parseCohort(lf.Cohort, &bad)
	h.checkProvinceFilter(f.Province, &bad)
	if f.Stage != "" && !f.Stage.Valid() {
		bad.Add("stage", "stage_invalid", "Tahap tidak dikenal.", "Unknown stage.")
	}
	if lf.Limit != "" {
		n, err := strconv.Atoi(lf.Limit)
		if err != nil || n < 1 || n > tkm.MaxLimit {
			bad.Add("limit", "limit_invalid", "Jumlah per halaman harus 1 sampai 500.", "Page size must be 1 to 500.")
		}
		f.Limit = n
	}
	return f, bad.Err()
}

// listFailed shows a filter the list cannot use, above an empty list.
func (h *Handler) listFailed(w http.ResponseWriter, r *http.Request, v *groupListView, err error) error {
	fe, err := v.formErrorsOf(err, filterField)
	if err != nil {
		return err
	}
	v.Errors = fe
	h.render(w, r, http.StatusBadRequest, "group_list", v)
	return nil
}

// filterField maps a filter problem to its input; the page size and the
// cursor have none.
func filterField(field string) (string, string) {
	switch field {
	case "cohort", "year", "province", "stage", "q":
		return field, ""
	}
	return "", ""
}

// stageOptions lists every stage with its label.
func stageOptions(en bool) []option {
	opts := make([]option, len(tkm.Stages))
	for i, s := range tkm.Stages {
		opts[i] = option{Value: string(s), Label: s.Label(en)}
	}
	return opts
}

// targetOptions lists the stages a group may be moved on to.
func targetOptions(en bool) []option {
	opts := make([]option, 0, len(tkm.Path)-1)
	for _, s := range tkm.Path[1:] {
		opts = append(opts, option{Value: string(s), Label: s.Label(en)})
	}
	return opts
}

// cohortOptions lists cohorts by name and year.
func cohortOptions(cs []*tkm.Cohort) []option {
	opts := make([]option, len(cs))
	for i, c := range cs {
		opts[i] = option{Value: c.ID.String(), Label: c.Name + " (" + strconv.Itoa(c.Year) + ")"}
	}
	return opts
}

// regionOptions lists regions by name, with their code.
// provinceOptions are the provinces the user of r may work in: a regional
// officer's own, all 38 for everyone else.
func (h *Handler) provinceOptions(r *http.Request) []option {
	all := h.Regions.Children("")
	region := tkm.ScopeOf(tkm.UserFromContext(r.Context())).Region
	if region == "" {
		return regionOptions(all)
	}
	var own []tkm.Region
	for _, p := range all {
		if p.Code == tkm.ProvinceOf(region) {
			own = append(own, p)
		}
	}
	return regionOptions(own)
}

func regionOptions(rs []tkm.Region) []option {
	opts := make([]option, len(rs))
	for i, r := range rs {
		opts[i] = option{Value: r.Code, Label: r.Name + " (" + r.Code + ")"}
	}
	return opts
}
