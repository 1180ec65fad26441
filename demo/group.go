package demo

import (
	"strconv"

	"tkm"
)

// made is how a group was made: what its story needs to know.
type made struct {
	cohort   int // index of cohortYears
	province *province
	place    int    // index of Generator.places
	steps    int    // moves from registered to its stage
	sector   sector // its business
}

// group makes the next group with its members.
func (r *run) group() (*tkm.Group, made) {
	c := r.nextCohort()
	prov := r.pickProvince(c)
	at := r.pickPlace(prov)
	grp := &tkm.Group{CohortID: r.ids[c], RegionCode: r.places[at].code, Ref: r.ref(c)}
	steps := r.schedule(grp, c)
	sec := oneOf(r, sectors)
	grp.Name, grp.Sector, grp.KBLI = r.groupName(sec), sec.name, sec.kbli
	grp.Address = r.address(&r.places[at])
	grp.Members = r.members(grp, at, prov.culture)
	grp.MemberCount = len(grp.Members)
	grp.Phone = grp.Members[0].Phone // the ketua's
	return grp, made{cohort: c, province: prov, place: at, steps: steps, sector: sec}
}

// nextCohort returns the cohort of the next group: all of 2018 first, as
// the programme registered them.
func (r *run) nextCohort() int {
	if r.total[0] > 0 {
		return 0
	}
	return 1
}

// ref returns the next reference of cohort c, unique within the run:
// "DEMO-2019-000123".
func (r *run) ref(c int) string {
	r.refs[c]++
	b := append(r.buf[:0], "DEMO-"...)
	b = strconv.AppendInt(b, int64(cohortYears[c]), 10)
	r.buf = appendPadded(append(b, '-'), r.refs[c], 6)
	return r.text()
}

// groupName returns a name such as "KUB Lele Maju Bersama".
func (r *run) groupName(sec sector) string {
	b := append(r.buf[:0], oneOf(r, groupPrefixes)...)
	if r.chance(30) {
		b = append(append(b, ' '), sec.short...)
	}
	b = append(append(b, ' '), oneOf(r, groupWords)...)
	r.buf = append(append(b, ' '), oneOf(r, groupEnds)...)
	return r.text()
}

// address returns an address in the place: "Jl. Melati No. 12, Kuta
// Selatan, Kabupaten Badung".
func (r *run) address(p *place) string {
	b := append(r.buf[:0], "Jl. "...)
	b = append(b, oneOf(r, streets)...)
	b = strconv.AppendInt(append(b, " No. "...), int64(1+r.rng.IntN(150)), 10)
	b = append(append(b, ", "...), p.name...)
	if p.regency != p.name {
		b = append(append(b, ", "...), p.regency...)
	}
	r.buf = b
	return r.text()
}

// appendPadded writes v in decimal with at least width digits.
func appendPadded(b []byte, v, width int) []byte {
	for d, n := 1, 10; d < width; d, n = d+1, n*10 {
		if v < n {
			b = append(b, '0')
		}
	}
	return strconv.AppendInt(b, int64(v), 10)
}
