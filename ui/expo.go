package ui

import (
	"net/http"
	"net/url"
	"strings"

	"tkm"
)

// expoLine is one expo in a list: the officers' and the public's.
type expoLine struct {
	Href, Name, Venue, Region, Dates string
	Exhibitors                       string // "40 kelompok"
}

// expoLines lists expos, each linking to base + its ID.
func expoLines(p printer, es []*tkm.Expo, regions tkm.Regions, base string) []expoLine {
	lines := make([]expoLine, len(es))
	for i, e := range es {
		lines[i] = expoLine{Href: base + e.ID.String(), Name: e.Name, Venue: e.Venue, Region: regionPath(regions, e.RegionCode),
			Dates: p.dateSpan(e.StartsOn, e.EndsOn), Exhibitors: p.T("expo.exhibitors.count", len(e.Exhibitors))}
	}
	return lines
}

// expoListView is the officers' list of expos.
type expoListView struct {
	base
	CanManage bool
	Expos     []expoLine
}

// expoList lists every expo, the latest first.
func (h *Handler) expoList(w http.ResponseWriter, r *http.Request) error {
	es, err := h.Expos.FindExpos(r.Context())
	if err != nil {
		return err
	}
	v := &expoListView{base: h.base(w, r)}
	v.CanManage, v.Expos = tkm.Can(v.User, tkm.ManageExpos), expoLines(v.printer, es, h.Regions, "/pameran/")
	return h.page(w, r, "expo_list", v)
}

// expoForm is the new-expo form as typed: the region is a province, or a
// regency of it.
type expoForm struct {
	Name, Venue, Province, RegionCode, StartsOn, EndsOn string
}

// readExpoForm reads a posted expo form.
func readExpoForm(form url.Values) expoForm {
	get := func(k string) string { return strings.TrimSpace(form.Get(k)) }
	return expoForm{Name: get("name"), Venue: get("venue"), Province: get("province"), RegionCode: get("region_code"),
		StartsOn: get("starts_on"), EndsOn: get("ends_on")}
}

// expo builds the expo to save, and the problems of dates that cannot be
// read and of a regency outside the province.
func (f expoForm) expo() (*tkm.Expo, tkm.Fields) {
	starts, bad := readDate("starts_on", f.StartsOn)
	ends, bad2 := readDate("ends_on", f.EndsOn)
	bad = append(bad, bad2...)
	code := f.RegionCode
	switch {
	case code == "":
		code = f.Province
	case f.Province != "" && !tkm.WithinRegion(code, f.Province):
		bad.Add("region_code", "region_outside_province", "Kabupaten/kota tidak berada di provinsi yang dipilih.",
			"The regency is not in the province chosen.")
	}
	return &tkm.Expo{Name: f.Name, Venue: f.Venue, RegionCode: code, StartsOn: starts, EndsOn: ends}, bad
}

// fields points the domain's region at the input that chose it.
func (f expoForm) fields(field string) (string, string) {
	if field == "region_code" && f.RegionCode == "" {
		return "province", ""
	}
	return field, ""
}

// expoFormView is the form that creates an expo.
type expoFormView struct {
	base
	Form      expoForm
	Provinces []option
	Regencies []option // of the province chosen
}

// expoNewPage shows an empty expo form.
func (h *Handler) expoNewPage(w http.ResponseWriter, r *http.Request) error {
	if err := tkm.Authorize(r.Context(), tkm.ManageExpos); err != nil {
		return err
	}
	return h.showExpoForm(w, r, http.StatusOK, expoForm{}, nil)
}

// expoCreate creates an expo and opens its page, to give groups their
// booths. The button that lists a province's regencies shows the form
// again without saving.
func (h *Handler) expoCreate(w http.ResponseWriter, r *http.Request) error {
	if err := writeForm(r, tkm.ManageExpos); err != nil {
		return err
	}
	f := readExpoForm(r.PostForm)
	if r.PostForm.Get("action") == "region" {
		return h.showExpoForm(w, r, http.StatusOK, f, nil)
	}
	e, bad := f.expo()
	var err error
	if len(bad) > 0 {
		err = invalid(bad, e.Validate(h.Regions))
	} else {
		err = h.Expos.CreateExpo(r.Context(), e)
	}
	if err != nil {
		return h.showExpoForm(w, r, failStatus(err), f, err)
	}
	setFlash(w, flash{key: "expo.created.flash", arg: e.Name})
	return redirect(w, r, "/pameran/"+e.ID.String())
}

// showExpoForm shows the expo form with the problems of err, if any.
func (h *Handler) showExpoForm(w http.ResponseWriter, r *http.Request, status int, f expoForm, err error) error {
	v := &expoFormView{base: h.base(w, r), Form: f, Provinces: regionOptions(h.Regions.Children("")),
		Regencies: h.regencies(f.Province)}
	if err != nil {
		if v.Errors, err = v.formErrorsOf(err, f.fields); err != nil {
			return err
		}
	}
	h.render(w, r, status, "expo_form", v)
	return nil
}

// findExpoReport returns the expo named in the path with its figures; a
// download (format "pdf" or "xlsx") is recorded in the audit log.
func (h *Handler) findExpoReport(r *http.Request, download string) (*tkm.ExpoReport, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	if download == "" {
		return h.Expos.ExpoReport(r.Context(), id)
	}
	return h.Expos.DownloadExpoReport(r.Context(), id, download)
}

// findExpo returns the expo named in the path with its exhibitors.
func (h *Handler) findExpo(r *http.Request) (*tkm.Expo, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return h.Expos.FindExpoByID(r.Context(), id)
}

// exhibitorsInScope tells which of the exhibitors' groups lie in the
// user's scope: those whose page they may open and whose sales they may
// record. A region decides by the group's region code; a mentor's or a
// leader's few groups are asked for.
func (h *Handler) exhibitorsInScope(r *http.Request, xs []*tkm.Exhibitor) (map[tkm.ID]bool, error) {
	s := tkm.ScopeOf(tkm.UserFromContext(r.Context()))
	in := make(map[tkm.ID]bool, len(xs))
	if s.All || s.Region != "" {
		for _, x := range xs {
			in[x.GroupID] = s.Covers(&tkm.Group{RegionCode: x.RegionCode})
		}
		return in, nil
	}
	f := tkm.GroupFilter{Limit: tkm.MaxLimit}
	for range maxScopePages {
		page, err := h.Groups.FindGroups(r.Context(), f)
		if err != nil {
			return nil, err
		}
		for _, g := range page.Items {
			in[g.ID] = true
		}
		if f.Cursor = page.NextCursor; f.Cursor == "" {
			break
		}
	}
	return in, nil
}

// maxScopePages caps the pages of a mentor's groups read to find which
// exhibitors are theirs.
const maxScopePages = 4

// exhibitorGroups returns the exhibitors' groups as the public sees them,
// by group ID; a group no longer public (dropped since) is left out.
func (h *Handler) exhibitorGroups(r *http.Request, e *tkm.Expo) (map[tkm.ID]*tkm.PublicGroup, error) {
	out := make(map[tkm.ID]*tkm.PublicGroup, len(e.Exhibitors))
	for _, x := range e.Exhibitors {
		g, err := h.Public.PublicGroup(r.Context(), x.GroupID)
		switch {
		case tkm.ErrorCode(err) == tkm.ENOTFOUND:
			continue
		case err != nil:
			return nil, err
		}
		out[x.GroupID] = g
	}
	return out, nil
}
