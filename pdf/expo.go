package pdf

import (
	"cmp"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"

	"tkm"
)

var _ tkm.ExpoDocuments = Documents{}

// ExpoReportPDF writes an expo's report for the ministry to w; see the
// function ExpoReportPDF.
func (Documents) ExpoReportPDF(w io.Writer, d tkm.ExpoDocument) error { return ExpoReportPDF(w, d) }

// ExpoCataloguePDF writes an expo's catalogue for visitors to w; see the
// function ExpoCataloguePDF.
func (Documents) ExpoCataloguePDF(w io.Writer, d tkm.ExpoDocument) error {
	return ExpoCataloguePDF(w, d)
}

// booth is one exhibitor with what the public may see of its group; group
// is nil when the document carries no public record of it.
type booth struct {
	*tkm.Exhibitor
	group *tkm.PublicGroup
}

// expoOf returns the expo of d, or an error when d has none.
func expoOf(d tkm.ExpoDocument) (*tkm.Expo, error) {
	if d.Report == nil || d.Report.Expo == nil {
		return nil, tkm.Errorf(tkm.EINVALID, "Dokumen pameran memerlukan data pameran.",
			"An expo document needs the expo.")
	}
	return d.Report.Expo, nil
}

// booths pairs the expo's exhibitors with their public groups (by group
// ID) in booth order; nil exhibitors are skipped.
func booths(e *tkm.Expo, groups []*tkm.PublicGroup) []booth {
	byID := make(map[tkm.ID]*tkm.PublicGroup, len(groups))
	for _, g := range groups {
		if g != nil {
			byID[g.ID] = g
		}
	}
	out := make([]booth, 0, len(e.Exhibitors))
	for _, x := range e.Exhibitors {
		if x != nil {
			out = append(out, booth{Exhibitor: x, group: byID[x.GroupID]})
		}
	}
	slices.SortStableFunc(out, func(a, b booth) int {
		return cmp.Or(tkm.CompareBooths(a.Booth, b.Booth), cmp.Compare(a.GroupID, b.GroupID))
	})
	return out
}

// expoDates writes an expo's days in Indonesian: "19 November 2019", or
// "19 November 2019 s.d. 21 November 2019" for several days.
func expoDates(e *tkm.Expo) string {
	from, to := e.StartsOn, e.EndsOn
	switch {
	case from.IsZero() && to.IsZero():
		return "-"
	case from.IsZero() || to.IsZero() || from.Time().Equal(to.Time()):
		return tkm.FormatTanggalPendek(cmp.Or(from, to).Time())
	}
	return tkm.FormatTanggalPendek(from.Time()) + " s.d. " + tkm.FormatTanggalPendek(to.Time())
}

// expoCreated is the pinned creation date of an expo's documents: its last
// day, when its figures close; else its first day or when it was recorded.
func expoCreated(e *tkm.Expo) time.Time {
	for _, d := range []tkm.Date{e.EndsOn, e.StartsOn} {
		if !d.IsZero() {
			return d.Time()
		}
	}
	return e.CreatedAt
}

// expoTitle names an expo after a document's kind: "Laporan Pameran
// Produk TKM 2019" for kind "Laporan" and expo "Pameran Produk TKM 2019",
// "Laporan Pameran Inacraft" for expo "Inacraft".
func expoTitle(kind string, e *tkm.Expo) string {
	name := strings.ToLower(e.Name)
	for _, w := range []string{"pameran", "expo", "ekspo"} {
		if strings.Contains(name, w) {
			return kind + " " + e.Name
		}
	}
	return kind + " Pameran " + e.Name
}

// regionPath names a region and those above it ("Kabupaten Badung,
// Bali"), or gives its code when it is unknown.
func regionPath(rs tkm.Regions, code string) string {
	if rs == nil {
		return code
	}
	return cmp.Or(tkm.RegionPath(rs, code), code)
}

// regencyPath names the regency of a region and its province, however
// deep the code: "Kabupaten Badung, Bali" for "51.03.05.2001".
func regencyPath(rs tkm.Regions, code string) string {
	return regionPath(rs, regencyCode(code))
}

// regencyCode cuts a region code to its regency: "51.03" for "51.03.05".
func regencyCode(code string) string {
	parts := strings.SplitN(code, ".", 3)
	return strings.Join(parts[:min(2, len(parts))], ".")
}

// regionName is the name of the region with that code, or the code.
func regionName(rs tkm.Regions, code string) string {
	if rs != nil {
		if r, ok := rs.Region(code); ok {
			return r.Name
		}
	}
	return code
}

// placePrefixes are dropped from a regency's name where a letter names its
// place: "Badung, 21 November 2019", not "Kabupaten Badung, …".
var placePrefixes = []string{"Kabupaten Administrasi ", "Kota Administrasi ", "Kabupaten ", "Kota "}

// placeName is the place a document is signed in, from a region code: the
// regency's name without "Kabupaten" or "Kota", or the province's; empty
// when unknown.
func placeName(rs tkm.Regions, code string) string {
	if rs == nil || code == "" {
		return ""
	}
	r, ok := rs.Region(regencyCode(code))
	if !ok {
		return ""
	}
	for _, p := range placePrefixes {
		if name, ok := strings.CutPrefix(r.Name, p); ok {
			return name
		}
	}
	return r.Name
}

// provinceCounts is the number of booths per province code.
func provinceCounts(bs []booth) map[string]int {
	n := map[string]int{}
	for _, b := range bs {
		n[tkm.ProvinceOf(b.RegionCode)]++
	}
	return n
}

// publicURL is the address of a group's public page under base, which must
// be an absolute http or https address ("https://tkm.kemnaker.go.id").
func publicURL(base string, id tkm.ID) string {
	return strings.TrimRight(base, "/") + tkm.PublicGroupPath(id)
}

// checkBaseURL refuses a base address a phone could not open from a QR
// code.
func checkBaseURL(base string) error {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return tkm.Errorf(tkm.EINVALID, "Alamat situs %q tidak sah untuk kode QR; tulis seperti https://tkm.kemnaker.go.id.",
			"Base address %q cannot go in a QR code; write it as https://tkm.kemnaker.go.id.", base)
	}
	return nil
}
