package ui

import (
	"net/http"
	"net/url"
	"strings"

	"tkm"
)

// signupRegionView is the third step: the regency the group works in,
// chosen from its province's without script, as on the new-group form.
type signupRegionView struct {
	base
	Cohort               *tkm.Cohort
	Province, RegionCode string
	Provinces, Regencies []option
	Action               string
}

// signupRegionPage asks for the group's province, then its regency.
func (h *Handler) signupRegionPage(w http.ResponseWriter, r *http.Request) error {
	c, err := h.signupCohortOf(r)
	if err != nil || c == nil {
		return h.restartSignup(w, r, err)
	}
	code := r.URL.Query().Get("wilayah")
	province := ""
	if h.isRegency(code) {
		province = tkm.ProvinceOf(code)
	} else {
		code = ""
	}
	return h.showSignupRegion(w, r, http.StatusOK, c, province, code, nil)
}

// signupRegion takes the regency chosen on to the group; the button that
// lists a province's regencies shows the step again.
func (h *Handler) signupRegion(w http.ResponseWriter, r *http.Request) error {
	c, err := h.signupCohortOf(r)
	if err != nil || c == nil {
		return h.restartSignup(w, r, err)
	}
	if err := parseForm(r); err != nil {
		return err
	}
	province, code := r.PostForm.Get("province"), strings.TrimSpace(r.PostForm.Get("region_code"))
	if r.PostForm.Get("action") == "province" {
		return h.showSignupRegion(w, r, http.StatusOK, c, province, "", nil)
	}
	var f tkm.Fields
	switch {
	case tkm.LevelOf(province) != tkm.LevelProvince || !h.isRegion(province):
		f.Add("province", "required", "Pilih provinsi.", "Choose a province.")
	case !h.isRegency(code):
		f.Add("region_code", "required", "Pilih kabupaten/kota.", "Choose a regency or city.")
	case !tkm.WithinRegion(code, province):
		f.Add("region_code", "region_outside_province", "Kabupaten/kota tidak berada di provinsi yang dipilih.",
			"The regency is not in the province chosen.")
	}
	if len(f) > 0 {
		return h.showSignupRegion(w, r, http.StatusUnprocessableEntity, c, province, code, f.Err())
	}
	return redirect(w, r, signupPath("/daftar/kelompok", c.ID, code))
}

// showSignupRegion shows the region step with the problems of err, if any.
func (h *Handler) showSignupRegion(w http.ResponseWriter, r *http.Request, status int, c *tkm.Cohort, province, code string, err error) error {
	v := &signupRegionView{base: h.publicBase(w, r), Cohort: c, Province: province, RegionCode: code,
		Provinces: regionOptions(h.Regions.Children("")), Regencies: h.regencies(province),
		Action: signupPath("/daftar/wilayah", c.ID, "")}
	if err != nil {
		if v.Errors, err = v.formErrorsOf(err, sameField); err != nil {
			return err
		}
	}
	h.render(w, r, status, "signup_region", v)
	return nil
}

// signupPath is a step's address with what was chosen before it.
func signupPath(step string, cohort tkm.ID, region string) string {
	q := url.Values{"angkatan": {cohort.String()}}
	if region != "" {
		q.Set("wilayah", region)
	}
	return step + "?" + q.Encode()
}

// signupCohortOf returns the cohort the address names, for a leader; nil
// when it names none open for applications.
func (h *Handler) signupCohortOf(r *http.Request) (*tkm.Cohort, error) {
	if err := leader(r); err != nil {
		return nil, err
	}
	c, ok, err := h.openCohort(r, r.URL.Query().Get("angkatan"))
	if err != nil || !ok {
		return nil, err
	}
	return c, nil
}

// restartSignup shows err, or for a step whose cohort is missing or no
// longer open, goes back to choosing one.
func (h *Handler) restartSignup(w http.ResponseWriter, r *http.Request, err error) error {
	if err != nil {
		return err
	}
	return redirect(w, r, "/daftar/angkatan")
}

// isRegion reports whether code is a known region.
func (h *Handler) isRegion(code string) bool {
	_, ok := h.Regions.Region(code)
	return ok
}

// isRegency reports whether code is a known regency or city.
func (h *Handler) isRegency(code string) bool {
	reg, ok := h.Regions.Region(code)
	return ok && reg.Level == tkm.LevelRegency
}

// signupGroupView is the last step: the group and its members, on the
// new-group form's rows.
type signupGroupView struct {
	base
	memberChoices
	Cohort       *tkm.Cohort
	CohortLabel  string
	RegionName   string
	Form         *groupForm
	Action       string
	ChangeCohort string
	ChangeRegion string
	Upload       string // where the import template is uploaded
	Accept       string // the types its file input offers
	Uploaded     string // the name of the file that filled the form in
}

// Rows are the member rows.
func (v *signupGroupView) Rows() []memberRow { return memberRows(v.Form, v.Errors, v.memberChoices) }

// MoreRows reports whether the form may take more member rows.
func (v *signupGroupView) MoreRows() bool { return len(v.Form.Members) < tkm.MaxMembers }

// signupGroupPage shows the group form with a row for each member the
// cohort asks for.
func (h *Handler) signupGroupPage(w http.ResponseWriter, r *http.Request) error {
	c, code, err := h.signupChoices(r)
	if err != nil || c == nil || code == "" {
		return h.restartSignupAt(w, r, c, err)
	}
	f := &groupForm{CohortID: c.ID.String(), Province: tkm.ProvinceOf(code), RegionCode: code}
	f.addRows(min(max(c.GroupSizeMax, 1), tkm.MaxMembers))
	return h.showSignupGroup(w, r, http.StatusOK, c, f, nil)
}

// signupGroup registers the group at stage registered, owned by the
// leader, in the cohort and regency chosen. Every problem shows at once:
// the form's, the domain's, and the cohort's rules that would stop the
// group at its verification. A NIK another group holds is refused without
// saying which group (the store words it so for a leader).
func (h *Handler) signupGroup(w http.ResponseWriter, r *http.Request) error {
	c, code, err := h.signupChoices(r)
	if err != nil || c == nil || code == "" {
		return h.restartSignupAt(w, r, c, err)
	}
	if err := parseForm(r); err != nil {
		return err
	}
	f := readGroupForm(r.PostForm)
	f.CohortID, f.Province, f.RegionCode, f.Ref, f.MentorID = c.ID.String(), tkm.ProvinceOf(code), code, "", ""
	if r.PostForm.Get("action") == "rows" {
		f.addRows(moreRows)
		return h.showSignupGroup(w, r, http.StatusOK, c, f, nil)
	}
	g, bad := f.group()
	bad = append(bad, h.applicationRules(g, c)...)
	warnings, err := h.createGroup(r, g, bad)
	if err != nil {
		return h.showSignupGroup(w, r, failStatus(err), c, f, err)
	}
	setFlash(w, flash{key: "signup.sent.flash", arg: g.Name, warnings: warnings, who: memberWho(g.Members)})
	return redirect(w, r, "/daftar/terkirim/"+g.ID.String())
}

// applicationRules are the cohort's rules on a group's members that its
// verification will check (see the gates), so that the applicant fixes
// them now rather than learn of them later.
func (h *Handler) applicationRules(g *tkm.Group, c *tkm.Cohort) tkm.Fields {
	var f tkm.Fields
	for _, res := range tkm.CheckGates(tkm.StageVerified, tkm.GateFacts{Group: g, Cohort: c}, h.Regions) {
		switch res.Code {
		case tkm.GateMembersCount, tkm.GateOneLeader, tkm.GateAgeRange, tkm.GateNotEmployed:
			if !res.Met {
				f.Add("", res.Code, res.Message, res.English)
			}
		}
	}
	return f
}

// signupChoices returns the cohort and the regency the address names; a
// nil cohort or an empty regency when it names none.
func (h *Handler) signupChoices(r *http.Request) (*tkm.Cohort, string, error) {
	c, err := h.signupCohortOf(r)
	if err != nil || c == nil {
		return nil, "", err
	}
	code := r.URL.Query().Get("wilayah")
	if !h.isRegency(code) {
		return c, "", nil
	}
	return c, code, nil
}

// restartSignupAt goes back to the first step whose choice is missing.
func (h *Handler) restartSignupAt(w http.ResponseWriter, r *http.Request, c *tkm.Cohort, err error) error {
	if err != nil || c == nil {
		return h.restartSignup(w, r, err)
	}
	return redirect(w, r, signupPath("/daftar/wilayah", c.ID, ""))
}

// showSignupGroup shows the group step with the problems of err, if any.
func (h *Handler) showSignupGroup(w http.ResponseWriter, r *http.Request, status int, c *tkm.Cohort, f *groupForm, err error) error {
	v := h.signupGroupView(w, r, c, f)
	if err != nil {
		if v.Errors, err = v.formErrorsOf(err, signupFields(f.fields(v.printer))); err != nil {
			return err
		}
	}
	h.render(w, r, status, "signup_group", v)
	return nil
}

// signupGroupView is the group step around the form f.
func (h *Handler) signupGroupView(w http.ResponseWriter, r *http.Request, c *tkm.Cohort, f *groupForm) *signupGroupView {
	v := &signupGroupView{base: h.publicBase(w, r), Cohort: c, Form: f, RegionName: regionPath(h.Regions, f.RegionCode),
		Action: signupPath("/daftar/kelompok", c.ID, f.RegionCode), Upload: signupPath("/daftar/kelompok/unggah", c.ID, f.RegionCode),
		ChangeCohort: "/daftar/angkatan?angkatan=" + c.ID.String(), ChangeRegion: signupPath("/daftar/wilayah", c.ID, f.RegionCode),
		Accept: importAccept}
	v.memberChoices, v.CohortLabel = choicesFor(v.printer), v.cohortLabel(c)
	return v
}

// signupDoneView confirms an application.
type signupDoneView struct {
	base
	Group  *tkm.Group
	Stage  string
	Region string
}

// signupDone confirms that the group was registered, and says what comes
// next; the leader follows its stage on the group's page.
func (h *Handler) signupDone(w http.ResponseWriter, r *http.Request) error {
	g, err := h.findGroup(r)
	if err != nil {
		return err
	}
	v := &signupDoneView{base: h.publicBase(w, r), Group: g, Region: regionPath(h.Regions, g.RegionCode)}
	v.Stage = g.Stage.Label(v.en())
	return h.page(w, r, "signup_done", v)
}
