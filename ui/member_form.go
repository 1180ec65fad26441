package ui

import (
	"errors"
	"net/url"
	"strings"

	"tkm"
)

// memberForm is one member as typed, on the member form or as a row of
// the new-group form.
type memberForm struct {
	NIK, Name, Sex, BirthDate, Phone, Role, Employment, Education, Address, Disability string
}

// readMemberForm reads the inputs whose names start with prefix.
func readMemberForm(form url.Values, prefix string) memberForm {
	get := func(k string) string { return strings.TrimSpace(form.Get(prefix + k)) }
	return memberForm{NIK: get("nik"), Name: get("name"), Sex: get("sex"), BirthDate: get("birth_date"),
		Phone: get("phone"), Role: get("role"), Employment: get("employment"), Education: get("education"),
		Address: get("address"), Disability: get("disability")}
}

// memberFormOf fills the form with a saved member, for editing. The NIK is
// as the service gave it: masked for a user who may not read it.
func memberFormOf(m *tkm.Member) memberForm {
	f := memberForm{NIK: m.NIK, Name: m.Name, Sex: string(m.Sex), BirthDate: m.BirthDate.String(),
		Phone: tkm.FormatPhone(m.Phone), Role: string(m.Role), Employment: string(m.Employment),
		Education: m.Education, Address: m.Address}
	if m.Disability {
		f.Disability = "1"
	}
	return f
}

// empty reports a row left blank. Role and employment do not count: they
// start with a default.
func (f memberForm) empty() bool {
	return f.NIK == "" && f.Name == "" && f.Sex == "" && f.BirthDate == "" && f.Phone == "" &&
		f.Education == "" && f.Address == "" && f.Disability == ""
}

// member builds the member to save, and the problem of a date that cannot
// be read.
func (f memberForm) member() (*tkm.Member, tkm.Fields) {
	birth, bad := readDate("birth_date", f.BirthDate)
	return &tkm.Member{NIK: f.NIK, Name: f.Name, Sex: tkm.Sex(f.Sex), BirthDate: birth, Phone: f.Phone,
		Address: f.Address, Education: f.Education, Employment: tkm.Employment(f.Employment),
		Role: tkm.MemberRole(f.Role), Disability: f.Disability != ""}, bad
}

// update builds the change of a saved member. A NIK sent back as the page
// showed it (masked, for a user who may not read it) is left as it is.
func (f memberForm) update(shownNIK string) (tkm.MemberUpdate, tkm.Fields) {
	m, bad := f.member()
	u := tkm.MemberUpdate{Name: &m.Name, Sex: &m.Sex, BirthDate: &m.BirthDate, Phone: &m.Phone,
		Address: &m.Address, Education: &m.Education, Employment: &m.Employment, Role: &m.Role,
		Disability: &m.Disability}
	if f.NIK != shownNIK {
		u.NIK = &m.NIK
	}
	return u, bad
}

// readDate reads a YYYY-MM-DD date; an empty one is the zero date, for
// the domain to require or not.
func readDate(field, s string) (tkm.Date, tkm.Fields) {
	if s == "" {
		return tkm.Date{}, nil
	}
	d, err := tkm.ParseDate(s)
	var e *tkm.Error
	if err == nil || !errors.As(err, &e) {
		return d, nil
	}
	return d, tkm.Fields{{Field: field, Code: "date_invalid", Message: e.Message, English: e.English}}
}
