package demo

import "tkm"

// leaders are the roles of the first members of every group; the rest are
// anggota.
var leaders = []tkm.MemberRole{tkm.RoleKetua, tkm.RoleSekretaris, tkm.RoleBendahara}

// educations are the schools members finished, with how many in a hundred.
var educations = []weighted[string]{{"SD", 14}, {"SMP", 22}, {"SMA", 28}, {"SMK", 22}, {"D3", 5}, {"S1", 9}}

// mobilePrefixes are the operator prefixes of Indonesian mobile numbers
// (Telkomsel, Indosat, XL, Axis, Tri, Smartfren), after the 0.
var mobilePrefixes = []string{
	"811", "812", "813", "821", "822", "823", "851", "852", "853",
	"814", "815", "816", "855", "856", "857", "858",
	"817", "818", "819", "859", "877", "878", "831", "832", "833", "838",
	"895", "896", "897", "898", "899", "881", "882", "883", "887", "888", "889",
}

// members makes the members of a group sitting at place at. They share one
// backing array: two allocations for ten people, besides their text.
func (r *run) members(grp *tkm.Group, at int, c *culture) []*tkm.Member {
	ms, ptrs := make([]tkm.Member, r.size), make([]*tkm.Member, r.size)
	formalOK := grp.Stage == tkm.StageRegistered || grp.Stage == tkm.StageRejected
	for i := range ms {
		m := &ms[i]
		r.person(m, at, c)
		m.Role = tkm.RoleAnggota
		if i < len(leaders) {
			m.Role = leaders[i]
		}
		m.Employment = r.employment(formalOK)
		m.CreatedAt, m.UpdatedAt = grp.CreatedAt, grp.CreatedAt
		ptrs[i] = m
	}
	return ptrs
}

// person fills who a member is: sex, name, NIK and birth date, phone,
// address, education and disability.
func (r *run) person(m *tkm.Member, at int, c *culture) {
	m.Sex = r.sex()
	r.buf = r.appendName(r.buf[:0], c, m.Sex)
	m.Name = r.text()
	m.NIK, m.BirthDate = r.nextNIK(at, m.Sex)
	m.Phone = r.mobile()
	m.Address = r.address(&r.places[at])
	m.Education = pick(r, educations)
	m.Disability = r.chance(3)
}

// sex draws a sex, either as likely.
func (r *run) sex() tkm.Sex {
	if r.chance(50) {
		return tkm.SexFemale
	}
	return tkm.SexMale
}

// employment draws a work status: mostly unemployed, some informal, and a
// few formal only in groups that never passed verification (the
// not_employed gate refuses them).
func (r *run) employment(formalOK bool) tkm.Employment {
	switch k := r.rng.IntN(100); {
	case formalOK && k < 5:
		return tkm.Formal
	case k < 25:
		return tkm.Informal
	}
	return tkm.Unemployed
}

// mobile returns an Indonesian mobile number in E.164, as
// tkm.NormalizePhone would store it: "+6281234567890".
func (r *run) mobile() string {
	b := append(r.buf[:0], "+62"...)
	b = append(b, oneOf(r, mobilePrefixes)...)
	r.buf = appendPadded(b, r.rng.IntN(100_000_000), 8)
	return r.text()
}
