package demo

import (
	"strings"

	"tkm"
)

// province is one province as the generator uses it.
type province struct {
	code    string
	name    string   // "Bali"
	weight  int      // approximate population in thousands
	culture *culture // how people there are named
	lo, hi  int      // its places: Generator.places[lo:hi]
}

// place is where a group sits and its members first registered: a
// district, or a regency that the table gives no districts.
type place struct {
	code    string  // "51.03.05"
	digits  [6]byte // the digits that start a NIK made here: "510305"
	name    string  // "Kuta Selatan"
	regency string  // "Kabupaten Badung"
}

// populations holds approximate province populations in thousands, after
// the 2020 census (BPS), rounded; the six Papua provinces follow the 2022
// split and are estimates. They only weigh how groups spread, so being
// approximate does no harm. A province missing here weighs defaultWeight.
var populations = []struct {
	code      string
	thousands int
}{
	{"11", 5274}, {"12", 14799}, {"13", 5534}, {"14", 6394}, {"15", 3548},
	{"16", 8467}, {"17", 2010}, {"18", 9008}, {"19", 1455}, {"21", 2064},
	{"31", 10562}, {"32", 48274}, {"33", 36516}, {"34", 3669}, {"35", 40666},
	{"36", 11904}, {"51", 4317}, {"52", 5320}, {"53", 5326}, {"61", 5414},
	{"62", 2670}, {"63", 4074}, {"64", 3766}, {"65", 701}, {"71", 2622},
	{"72", 2986}, {"73", 9073}, {"74", 2625}, {"75", 1171}, {"76", 1419},
	{"81", 1848}, {"82", 1283}, {"91", 1030}, {"92", 560}, {"93", 520},
	{"94", 1430}, {"95", 1450}, {"96", 600},
}

const defaultWeight = 1000

// populationOf returns the weight of a province.
func populationOf(code string) int {
	for _, p := range populations {
		if p.code == code {
			return p.thousands
		}
	}
	return defaultWeight
}

// addProvince adds a province and its places; a province without any place
// is left out, as no group could sit there.
func (g *Generator) addProvince(regions tkm.Regions, p tkm.Region) {
	lo := len(g.places)
	for _, rg := range regions.Children(p.Code) {
		g.addPlaces(regions, rg)
	}
	if len(g.places) == lo {
		return
	}
	g.provinces = append(g.provinces, province{
		code: p.Code, name: p.Name, weight: populationOf(p.Code), culture: cultureOf(p.Code),
		lo: lo, hi: len(g.places),
	})
}

// addPlaces adds the districts of a regency, or the regency itself when it
// has none.
func (g *Generator) addPlaces(regions tkm.Regions, rg tkm.Region) {
	districts := regions.Children(rg.Code)
	if len(districts) == 0 {
		g.places = append(g.places, newPlace(rg.Code, rg.Name, rg.Name))
	}
	for _, d := range districts {
		g.places = append(g.places, newPlace(d.Code, d.Name, rg.Name))
	}
}

// newPlace makes a place; a regency code gets district digits "00", which
// no district has.
func newPlace(code, name, regency string) place {
	p := place{code: code, name: name, regency: regency}
	copy(p.digits[:], strings.ReplaceAll(code, ".", "")+"00")
	return p
}

// pickProvince draws a province among those cohort c still owes groups,
// weighted by how many it still owes, and counts the group as made.
func (r *run) pickProvince(c int) *province {
	k := r.rng.IntN(r.total[c])
	i := 0
	for k >= r.left[c][i] {
		k -= r.left[c][i]
		i++
	}
	r.left[c][i]--
	r.total[c]--
	return &r.provinces[i]
}

// pickPlace draws a district of the province, and returns its index.
func (r *run) pickPlace(p *province) int {
	return p.lo + r.rng.IntN(p.hi-p.lo)
}
