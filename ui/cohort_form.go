package ui

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"tkm"
)

// cohortForm is the cohort form as typed. Quotas are one "CODE=COUNT" a
// line: "51=40" gives Bali forty groups.
type cohortForm struct {
	Year, Tier, Name, GroupSizeMin, GroupSizeMax, AidAmount string
	MemberAgeMin, MemberAgeMax, EquipmentSharePct, Quotas   string
	ApplicationsOpen                                        string // "1" when groups may apply online
}

// readCohortForm reads a posted cohort form.
func readCohortForm(form url.Values) cohortForm {
	get := func(k string) string { return strings.TrimSpace(form.Get(k)) }
	return cohortForm{Year: get("year"), Tier: get("tier"), Name: get("name"), GroupSizeMin: get("group_size_min"),
		GroupSizeMax: get("group_size_max"), AidAmount: get("aid_amount"), MemberAgeMin: get("member_age_min"),
		MemberAgeMax: get("member_age_max"), EquipmentSharePct: get("equipment_share_pct"), Quotas: form.Get("quotas"),
		ApplicationsOpen: get("applications_open")}
}

// cohortFormOf fills the form with a cohort: a saved one to change, or a
// new one with the programme's defaults.
func cohortFormOf(c *tkm.Cohort) cohortForm {
	f := cohortForm{Tier: string(c.Tier), Name: c.Name, GroupSizeMin: strconv.Itoa(c.GroupSizeMin),
		GroupSizeMax: strconv.Itoa(c.GroupSizeMax), AidAmount: tkm.FormatNumber(c.AidAmount),
		MemberAgeMin: strconv.Itoa(c.MemberAgeMin), MemberAgeMax: strconv.Itoa(c.MemberAgeMax),
		EquipmentSharePct: strconv.Itoa(c.EquipmentSharePct), Quotas: formatQuotas(c.Quotas)}
	if c.Year != 0 {
		f.Year = strconv.Itoa(c.Year)
	}
	if c.ApplicationsOpen {
		f.ApplicationsOpen = "1"
	}
	return f
}

// formatQuotas writes quotas one "CODE=COUNT" a line, by code.
func formatQuotas(q map[string]int) string {
	lines := make([]string, 0, len(q))
	for code, n := range q {
		lines = append(lines, code+"="+strconv.Itoa(n))
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

// cohort builds the cohort the form describes, and the problems of values
// that cannot be read at all.
func (f cohortForm) cohort() (*tkm.Cohort, tkm.Fields) {
	var n numbers
	c := &tkm.Cohort{Year: n.int("year", f.Year), Tier: tkm.Tier(f.Tier), Name: f.Name,
		GroupSizeMin: n.int("group_size_min", f.GroupSizeMin), GroupSizeMax: n.int("group_size_max", f.GroupSizeMax),
		AidAmount: n.rupiah("aid_amount", f.AidAmount), MemberAgeMin: n.int("member_age_min", f.MemberAgeMin),
		MemberAgeMax: n.int("member_age_max", f.MemberAgeMax), EquipmentSharePct: n.int("equipment_share_pct", f.EquipmentSharePct),
		ApplicationsOpen: f.ApplicationsOpen != ""}
	c.Quotas = n.quotas("quotas", f.Quotas)
	return c, n.bad
}

// update is the change to a saved cohort: every field of the form.
func (f cohortForm) update() (tkm.CohortUpdate, tkm.Fields) {
	c, bad := f.cohort()
	return tkm.CohortUpdate{Year: &c.Year, Tier: &c.Tier, Name: &c.Name, GroupSizeMin: &c.GroupSizeMin,
		GroupSizeMax: &c.GroupSizeMax, AidAmount: &c.AidAmount, MemberAgeMin: &c.MemberAgeMin,
		MemberAgeMax: &c.MemberAgeMax, EquipmentSharePct: &c.EquipmentSharePct, Quotas: &c.Quotas,
		ApplicationsOpen: &c.ApplicationsOpen}, bad
}

// cohortField maps the domain's "quotas.51" to the quotas textarea.
func cohortField(field string) (string, string) {
	if code, ok := strings.CutPrefix(field, "quotas."); ok {
		return "quotas", code + ": "
	}
	return field, ""
}

// numbers reads the numbers of a form, collecting what it cannot read.
type numbers struct{ bad tkm.Fields }

// int reads a whole number; an empty input is 0, for the domain to judge.
func (n *numbers) int(field, s string) int {
	if s == "" {
		return 0
	}
	v, err := strconv.Atoi(strings.ReplaceAll(s, ".", ""))
	if err != nil {
		n.bad.Add(field, "number_invalid", "Tulis angka bulat, mis. 10.", "Write a whole number, e.g. 10.")
	}
	return v
}

// rupiah reads an amount as people write it: "20000000", "20.000.000" or
// "Rp20.000.000".
func (n *numbers) rupiah(field, s string) int64 {
	s = strings.NewReplacer("Rp", "", "rp", "", ".", "", " ", "").Replace(s)
	if s == "" {
		return 0
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		n.bad.Add(field, "amount_invalid", "Tulis jumlah rupiah, mis. 20.000.000.", "Write an amount of rupiah, e.g. 20.000.000.")
	}
	return v
}

// quotas reads one "CODE=COUNT" a line; blank lines are skipped.
func (n *numbers) quotas(field, s string) map[string]int {
	q := map[string]int{}
	for i, line := range strings.Split(s, "\n") {
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		code, count, ok := strings.Cut(line, "=")
		code = strings.TrimSpace(code)
		v, err := strconv.Atoi(strings.TrimSpace(count))
		_, dup := q[code]
		switch {
		case !ok || err != nil || code == "":
			n.bad.Add(field, "quota_line_invalid", fmt.Sprintf("Baris %d: tulis KODE=JUMLAH, mis. 51=40.", i+1),
				fmt.Sprintf("Line %d: write CODE=COUNT, e.g. 51=40.", i+1))
		case dup:
			n.bad.Add(field, "quota_duplicate", fmt.Sprintf("Baris %d: provinsi %s sudah disebut.", i+1, code),
				fmt.Sprintf("Line %d: province %s is already listed.", i+1, code))
		}
		q[code] = v
	}
	return q
}
