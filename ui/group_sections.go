package ui

import (
	"cmp"
	"strconv"
	"strings"
	"time"

	"tkm"
)

// The sections of the group page below its way: what the group did on it.
// Each is worked out here, once, so that the template writes out fields.

// trainingLine is one training the group was invited to.
type trainingLine struct {
	Href, Title, Kind, Dates string
	Attended                 string // "8 dari 10"
}

// trainingLines lists g's trainings with how many of its members attended.
func trainingLines(p printer, ts []*tkm.Training, g *tkm.Group) []trainingLine {
	mine := make(map[tkm.ID]bool, len(g.Members))
	for _, m := range g.Members {
		mine[m.ID] = true
	}
	lines := make([]trainingLine, len(ts))
	for i, t := range ts {
		came := 0
		for _, id := range t.Attendance {
			if mine[id] {
				came++
			}
		}
		lines[i] = trainingLine{Href: "/pelatihan/" + t.ID.String(), Title: t.Title, Kind: p.T("training.kind." + string(t.Kind)),
			Dates: p.dateSpan(t.StartsOn, t.EndsOn), Attended: p.T("training.attended.count", came, len(g.Members))}
	}
	return lines
}

// dateSpan writes the days from start to end: "19 November 2019", or
// "19 November 2019 – 21 November 2019".
func (p printer) dateSpan(start, end tkm.Date) string {
	if end.IsZero() || end == start {
		return p.shortDate(start)
	}
	return p.shortDate(start) + " – " + p.shortDate(end)
}

// aidLine is one aid record with its items.
type aidLine struct {
	ID, Title, Amount, Meta, BAST string
	Items                         []aidItemLine
}

// aidItemLine is one item of an aid record.
type aidItemLine struct {
	Description, Category, Qty, UnitPrice, Total string
}

// aidLines lists g's aid records, each with the address of its BAST.
func aidLines(p printer, as []*tkm.Aid, g *tkm.Group) []aidLine {
	lines := make([]aidLine, len(as))
	base := "/kelompok/" + g.ID.String() + "/bantuan/"
	for i, a := range as {
		meta := []string{p.longDate(a.DisbursedOn), p.T("aid.method." + string(a.Method))}
		if a.Place != "" {
			meta = append(meta, a.Place)
		}
		l := aidLine{ID: "aid-" + a.ID.String(), Title: p.T("aid.record.title", a.HandoverNo), Amount: tkm.FormatRupiah(a.Amount),
			Meta: strings.Join(meta, " · "), BAST: base + a.ID.String() + "/bast.pdf", Items: make([]aidItemLine, len(a.Items))}
		for j, it := range a.Items {
			l.Items[j] = aidItemLine{Description: it.Description, Category: p.T("aid.category." + string(it.Category)),
				Qty: tkm.FormatNumber(it.Qty) + " " + it.Unit, UnitPrice: tkm.FormatRupiah(it.UnitPrice), Total: tkm.FormatRupiah(it.Total())}
		}
		lines[i] = l
	}
	return lines
}

// photoLine is a photo as a thumbnail linking to the whole image.
type photoLine struct {
	Href, Thumb, Alt string
}

// photoLines shows files as thumbnails, each described by alt.
func photoLines(fs []*tkm.File, alt string) []photoLine {
	return photoLinesAt("/berkas/", fs, alt)
}

// photoLinesAt links photos under base: "/berkas/" for the officers,
// "/foto/" for the public.
func photoLinesAt(base string, fs []*tkm.File, alt string) []photoLine {
	lines := make([]photoLine, len(fs))
	for i, f := range fs {
		href := base + f.ID.String()
		lines[i] = photoLine{Href: href, Thumb: href + "/kecil", Alt: alt}
	}
	return lines
}

// productLine is one product with its photos.
type productLine struct {
	ID, Name, Description, Price, Capacity string
	Photos                                 []photoLine
	AddPhoto                               string // the photo page, for a user who may add one
}

// productLines lists g's products; canWrite gives each a link to add photos.
func productLines(p printer, ps []*tkm.Product, g *tkm.Group, canWrite bool) []productLine {
	lines := make([]productLine, len(ps))
	for i, pr := range ps {
		l := productLine{ID: "product-" + pr.ID.String(), Name: pr.Name, Description: pr.Description,
			Price:    p.T("product.price.per", tkm.FormatRupiah(pr.Price), pr.Unit),
			Capacity: p.T("product.capacity.per", tkm.FormatNumber(int64(pr.MonthlyCapacity)), pr.Unit),
			Photos:   photoLines(pr.Photos, p.T("product.photo.alt", pr.Name))}
		if canWrite {
			l.AddPhoto = "/kelompok/" + g.ID.String() + "/produk/" + pr.ID.String() + "/foto"
		}
		lines[i] = l
	}
	return lines
}

// fileLine is an attached file to download.
type fileLine struct {
	Name, Href, About string // About: "PDF, 120 KB"
}

// fileLines lists attachments with their type and size.
func fileLines(p printer, fs []*tkm.File) []fileLine {
	lines := make([]fileLine, len(fs))
	for i, f := range fs {
		kind := strings.ToUpper(strings.TrimPrefix(strings.TrimPrefix(f.ContentType, "image/"), "application/"))
		lines[i] = fileLine{Name: cmp.Or(f.Name, p.T("file.unnamed")), Href: "/berkas/" + f.ID.String(),
			About: kind + ", " + p.fileSize(f.Size)}
	}
	return lines
}

// fileSize writes a size in KB or MB: "120 KB", "1,2 MB".
func (p printer) fileSize(n int64) string {
	if n < 1<<20 {
		return strconv.FormatInt((n+1023)/1024, 10) + " KB"
	}
	s := strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64)
	if !p.en() {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s + " MB"
}

// lpjLine is one accountability report with its review.
type lpjLine struct {
	ID, Title, Status, StatusClass string
	Technical, Financial, Spent    string
	Note, Reviewed                 string
	Files                          []fileLine
	Attach, Review                 string // the pages to attach a file and to review, for a user who may
}

// lpjLines lists g's reports, newest first.
func lpjLines(p printer, ls []*tkm.LPJ, g *tkm.Group, canWrite, canReview bool) []lpjLine {
	lines := make([]lpjLine, len(ls))
	base := "/kelompok/" + g.ID.String() + "/lpj/"
	for i, l := range ls {
		line := lpjLine{ID: "lpj-" + l.ID.String(), Title: p.T("lpj.submitted.on", p.longDate(l.SubmittedAt)),
			Status: p.T("lpj.status." + string(l.Status)), StatusClass: "tag tag--lpj-" + string(l.Status),
			Technical: l.TechnicalSummary, Financial: l.FinancialSummary,
			Spent: p.T("lpj.spent.text", tkm.FormatRupiah(l.SpentEquipment), tkm.FormatRupiah(l.SpentMaterial)),
			Note:  l.Note, Files: fileLines(p, l.Attachments)}
		if !l.ReviewedAt.IsZero() {
			line.Reviewed = p.T("lpj.reviewed.on", p.longDate(l.ReviewedAt))
		}
		if canWrite && l.Status != tkm.LPJAccepted {
			line.Attach = base + l.ID.String() + "/lampiran"
		}
		if canReview && l.Status == tkm.LPJSubmitted {
			line.Review = base + l.ID.String() + "/periksa"
		}
		lines[len(ls)-1-i] = line
	}
	return lines
}

// reportLine is one monitoring report with its photos.
type reportLine struct {
	ID, Period, Revenue, Production string
	Active, NewWorkers, Notes       string
	Photos                          []photoLine
	AddPhoto                        string
}

// reportLines lists g's monitoring reports, newest period first.
func reportLines(p printer, rs []*tkm.Report, g *tkm.Group, canWrite bool) []reportLine {
	lines := make([]reportLine, len(rs))
	for i, r := range rs {
		period := p.period(r.Period)
		l := reportLine{ID: "report-" + r.ID.String(), Period: period, Revenue: tkm.FormatRupiah(r.Revenue),
			Production: cmp.Or(r.Production, "—"), Active: strconv.Itoa(r.ActiveMembers), NewWorkers: strconv.Itoa(r.NewWorkers),
			Notes: r.Notes, Photos: photoLines(r.Photos, p.T("report.photo.alt", period))}
		if canWrite {
			l.AddPhoto = "/kelompok/" + g.ID.String() + "/laporan/" + r.ID.String() + "/foto"
		}
		lines[i] = l
	}
	return lines
}

// period names a month written YYYY-MM: "November 2019".
func (p printer) period(s string) string {
	t, err := time.Parse("2006-01", s)
	switch {
	case err != nil:
		return s
	case p.en():
		return t.Format("January 2006")
	}
	return tkm.NamaBulan(t.Month()) + " " + strconv.Itoa(t.Year())
}
