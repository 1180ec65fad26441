package ui

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"

	"tkm"
)

// expoView is an expo's page for the officers: its booth plan, its
// exhibitors with what they sold, and the report.
type expoView struct {
	base
	Expo       *tkm.Expo
	Region     string
	Dates      string
	Plan       []boothCell
	Exhibitors []exhibitorLine
	Provinces  []provinceLine
	Summary    []summaryLine
	CanManage  bool   // the user may give groups booths
	CanSell    bool   // the user may record sales of some exhibitor
	PublicHref string // the expo's public page
}

// boothCell is one booth of a booth plan.
type boothCell struct {
	Booth, Name, Place string
	Href               string // the booth's part of the page
}

// exhibitorLine is one exhibitor in the report's table.
type exhibitorLine struct {
	ID, Booth, Name, Region, Sector string
	GroupHref                       string // the group's page, for a user who may open it
	Products, Sales                 string
	SaleHref                        string // where to record a sale, for a user who may
}

// provinceLine is one province in the count of exhibitors by province.
type provinceLine struct {
	Name, Code string
	Count      int
}

// summaryLine is one figure of a report.
type summaryLine struct {
	ID, Label, Value string
}

// expoPage shows an expo to the officers.
func (h *Handler) expoPage(w http.ResponseWriter, r *http.Request) error {
	rep, err := h.findExpoReport(r, "")
	if err != nil {
		return err
	}
	groups, err := h.exhibitorGroups(r, rep.Expo)
	if err != nil {
		return err
	}
	in, err := h.exhibitorsInScope(r, rep.Expo.Exhibitors)
	if err != nil {
		return err
	}
	v := newExpoView(h.base(w, r), rep, groups, in, h.Regions)
	return h.page(w, r, "expo", v)
}

// newExpoView fills an expo's page.
func newExpoView(b base, rep *tkm.ExpoReport, groups map[tkm.ID]*tkm.PublicGroup, in map[tkm.ID]bool, regions tkm.Regions) *expoView {
	e := rep.Expo
	xs := sortedBooths(e.Exhibitors)
	v := &expoView{base: b, Expo: e, Region: regionPath(regions, e.RegionCode), Dates: b.dateSpan(e.StartsOn, e.EndsOn),
		CanManage: tkm.Can(b.User, tkm.ManageExpos), PublicHref: "/expo/" + e.ID.String()}
	sell := tkm.Can(b.User, tkm.RecordSales)
	for i, x := range xs {
		anchor := "peserta-" + strconv.Itoa(i+1)
		v.Plan = append(v.Plan, boothCell{Booth: x.Booth, Name: x.GroupName, Place: provinceName(regions, x.RegionCode), Href: "#" + anchor})
		l := exhibitorLine{ID: anchor, Booth: x.Booth, Name: x.GroupName, Region: regencyPath(regions, x.RegionCode),
			Sector: x.Sector, Products: "—", Sales: tkm.FormatRupiah(x.Sales)}
		if g := groups[x.GroupID]; g != nil {
			l.Products = strconv.Itoa(len(g.Products))
		}
		if in[x.GroupID] {
			l.GroupHref = "/kelompok/" + x.GroupID.String()
			if sell {
				l.SaleHref = "/pameran/" + e.ID.String() + "/penjualan?kelompok=" + x.GroupID.String()
				v.CanSell = true
			}
		}
		v.Exhibitors = append(v.Exhibitors, l)
	}
	v.Provinces = provinceLines(rep.ExhibitorsByProvince, regions)
	v.Summary = []summaryLine{
		{"sum-exhibitors", b.T("expo.report.exhibitors"), strconv.Itoa(len(xs))},
		{"sum-provinces", b.T("expo.report.provinces"), strconv.Itoa(len(v.Provinces))},
		{"sum-products", b.T("expo.report.products"), strconv.Itoa(rep.Products)},
		{"sum-sales", b.T("expo.report.sales_total"), tkm.FormatRupiah(rep.SalesTotal)},
	}
	return v
}

// provinceLines names the provinces of a count by province code, the
// most exhibitors first.
func provinceLines(counts map[string]int, regions tkm.Regions) []provinceLine {
	lines := make([]provinceLine, 0, len(counts))
	for code, n := range counts {
		lines = append(lines, provinceLine{Name: provinceName(regions, code), Code: code, Count: n})
	}
	slices.SortFunc(lines, func(a, b provinceLine) int { return cmp.Or(b.Count-a.Count, cmp.Compare(a.Name, b.Name)) })
	return lines
}

// provinceName names the province of a region code, or gives the code.
func provinceName(regions tkm.Regions, code string) string {
	p := tkm.ProvinceOf(code)
	if r, ok := regions.Region(p); ok {
		return r.Name
	}
	return p
}

// regencyPath names the regency of a region code with its province:
// "Kabupaten Badung, Bali", however fine the code.
func regencyPath(regions tkm.Regions, code string) string {
	if tkm.LevelOf(code) == tkm.LevelDistrict || tkm.LevelOf(code) == tkm.LevelVillage {
		code = code[:5]
	}
	return regionPath(regions, code)
}

// sortedBooths orders exhibitors as a visitor walks the booths.
func sortedBooths(xs []*tkm.Exhibitor) []*tkm.Exhibitor {
	out := slices.Clone(xs)
	slices.SortStableFunc(out, func(a, b *tkm.Exhibitor) int { return tkm.CompareBooths(a.Booth, b.Booth) })
	return out
}
