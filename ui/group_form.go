package ui

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"tkm"
)

// Rows of members on the new-group form: how many to start with, and how
// many more the "more rows" button adds.
const (
	startRows = 10
	moreRows  = 5
)

// groupForm is the group form as the user typed it.
type groupForm struct {
	CohortID, Name, Province, RegionCode, Address, Sector, KBLI, Phone, Ref string
	MentorID                                                                string // "" for no mentor
	Members                                                                 []memberForm
	rows                                                                    []int // rows[i] is the form row of the group's i-th member
}

// groupInputs are the group's own inputs; members' are "members[ROW].FIELD".
var groupInputs = []string{"cohort_id", "name", "province", "region_code", "address", "sector", "kbli", "phone", "ref", "mentor_id"}

// readGroupForm reads a posted group form with its member rows.
func readGroupForm(form url.Values) *groupForm {
	f := &groupForm{CohortID: form.Get("cohort_id"), Name: form.Get("name"), Province: form.Get("province"),
		RegionCode: strings.TrimSpace(form.Get("region_code")), Address: form.Get("address"), Sector: form.Get("sector"),
		KBLI: form.Get("kbli"), Phone: form.Get("phone"), Ref: form.Get("ref"), MentorID: form.Get("mentor_id")}
	n, err := strconv.Atoi(form.Get("rows"))
	if err != nil || n < 0 {
		n = 0
	}
	for i := range min(n, tkm.MaxMembers) {
		f.Members = append(f.Members, readMemberForm(form, memberPrefix(i)))
	}
	return f
}

// memberPrefix is the name prefix of a member row's inputs.
func memberPrefix(row int) string { return fmt.Sprintf("members[%d].", row) }

// groupFormOf fills the form with a saved group, for editing.
func groupFormOf(g *tkm.Group) *groupForm {
	return &groupForm{CohortID: g.CohortID.String(), Name: g.Name, Province: tkm.ProvinceOf(g.RegionCode),
		RegionCode: g.RegionCode, Address: g.Address, Sector: g.Sector, KBLI: g.KBLI,
		Phone: tkm.FormatPhone(g.Phone), Ref: g.Ref, MentorID: idValue(g.MentorID)}
}

// idValue is an optional ID as a form value: "" for none.
func idValue(id tkm.ID) string {
	if id == 0 {
		return ""
	}
	return id.String()
}

// addRows adds n empty member rows, up to the largest group.
func (f *groupForm) addRows(n int) {
	for range min(n, tkm.MaxMembers-len(f.Members)) {
		f.Members = append(f.Members, memberForm{Role: string(tkm.RoleAnggota), Employment: string(tkm.Unemployed)})
	}
}

// group builds the group to create. Rows left empty are not members. The
// problems found on the way are named as the domain names them.
func (f *groupForm) group() (*tkm.Group, tkm.Fields) {
	g := &tkm.Group{Name: f.Name, RegionCode: f.RegionCode, Address: f.Address, Sector: f.Sector,
		KBLI: f.KBLI, Phone: f.Phone, Ref: f.Ref}
	bad := f.checkRegion()
	if f.CohortID != "" {
		id, err := tkm.ParseID(f.CohortID)
		if err != nil {
			bad.Add("cohort_id", "cohort_unknown", "Angkatan tidak dikenal.", "Unknown cohort.")
		}
		g.CohortID = id
	}
	f.rows = nil
	for row, mf := range f.Members {
		if mf.empty() {
			continue
		}
		m, mbad := mf.member()
		bad = append(bad, prefixFields(memberPrefix(len(g.Members)), mbad)...)
		g.Members, f.rows = append(g.Members, m), append(f.rows, row)
	}
	return g, bad
}

// update builds the change of saved group g from the inputs the form
// posted; an input not posted leaves its field as it is, and so does a
// mentor posted unchanged (who may since have been disabled).
func (f *groupForm) update(form url.Values, g *tkm.Group) (tkm.GroupUpdate, tkm.Fields) {
	u := tkm.GroupUpdate{Name: posted(form, "name"), RegionCode: posted(form, "region_code"),
		Address: posted(form, "address"), Sector: posted(form, "sector"), KBLI: posted(form, "kbli"),
		Phone: posted(form, "phone"), Ref: posted(form, "ref")}
	bad := f.checkRegion()
	if _, ok := form["mentor_id"]; ok {
		var id tkm.ID
		if f.MentorID != "" {
			var err error
			if id, err = tkm.ParseID(f.MentorID); err != nil {
				bad.Add("mentor_id", "mentor_unknown", "Pendamping tidak dikenal.", "Unknown mentor.")
			}
		}
		if id != g.MentorID {
			u.MentorID = &id
		}
	}
	return u, bad
}

// checkRegion checks that the region code lies in the province chosen.
func (f *groupForm) checkRegion() tkm.Fields {
	var bad tkm.Fields
	if f.Province != "" && f.RegionCode != "" && !tkm.WithinRegion(f.RegionCode, f.Province) {
		bad.Add("region_code", "region_outside_province", "Kode wilayah tidak berada di provinsi yang dipilih.",
			"The region code is not in the province chosen.")
	}
	return bad
}

// fields maps the domain's field names to the form's inputs: a member's
// index to the row it was typed in, named in the summary ("Anggota 3: ").
func (f *groupForm) fields(p printer) fieldMap {
	return func(field string) (string, string) {
		if i, rest, ok := memberField(field); ok && i < len(f.rows) {
			row := f.rows[i]
			return memberPrefix(row) + rest, p.T("member.n", row+1) + ": "
		}
		for _, in := range groupInputs {
			if in == field {
				return field, ""
			}
		}
		return "", ""
	}
}

// memberField splits "members[3].nik" into 3 and "nik".
func memberField(field string) (int, string, bool) {
	rest, ok := strings.CutPrefix(field, "members[")
	if !ok {
		return 0, "", false
	}
	num, name, ok := strings.Cut(rest, "].")
	i, err := strconv.Atoi(num)
	return i, name, ok && err == nil && i >= 0
}

// prefixFields puts prefix before every field name.
func prefixFields(prefix string, fs tkm.Fields) tkm.Fields {
	out := make(tkm.Fields, len(fs))
	for i, f := range fs {
		f.Field = prefix + f.Field
		out[i] = f
	}
	return out
}

// posted returns the value of an input the form posted, or nil.
func posted(form url.Values, key string) *string {
	vs, ok := form[key]
	if !ok || len(vs) == 0 {
		return nil
	}
	s := vs[0]
	return &s
}
