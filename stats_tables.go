package tkm

import (
	"cmp"
	"maps"
	"slices"
	"strconv"
)

// StatsTable is one group of figures of the statistics report: a section
// of the PDF, a sheet of the workbook. Its texts are Indonesian, the
// language of the ministry's reports.
type StatsTable struct {
	Title  string // "Kelompok per Tahap"
	Sheet  string // the workbook's sheet: "Tahap"
	Header []string
	Rows   [][]any // each cell a string, an int (a count) or a Rupiah
}

// Rupiah is an amount of money in a StatsTable cell.
type Rupiah int64

// Tables are the report's figures, table by table.
func (d StatsDocument) Tables() []StatsTable {
	return []StatsTable{d.summaryTable(), d.stageTable(), d.provinceTable(), d.yearTable(),
		d.memberTable(), d.outcomeTable()}
}

// summaryTable gives the headline figures.
func (d StatsDocument) summaryTable() StatsTable {
	s := d.Stats
	return StatsTable{Title: "Ringkasan", Sheet: "Ringkasan", Header: []string{"Ukuran", "Nilai"}, Rows: [][]any{
		{"Jumlah kelompok", s.Groups.Total},
		{"Jumlah anggota", s.Members.Total},
		{"Bantuan tersalurkan", Rupiah(s.Aid.Disbursed)},
		{"Anggaran bantuan", Rupiah(s.Aid.Budget)},
		{"Realisasi bantuan", Percent(s.Aid.Disbursed, s.Aid.Budget)},
		{"Tenaga kerja baru", s.Outcomes.NewWorkers},
		{"Omzet", Rupiah(s.Outcomes.Revenue)},
		{"Biaya per tenaga kerja baru", Rupiah(s.CostPerJob())},
	}}
}

// stageTable counts the groups at each stage.
func (d StatsDocument) stageTable() StatsTable {
	t := StatsTable{Title: "Kelompok per Tahap", Sheet: "Tahap", Header: []string{"Tahap", "Kode", "Jumlah Kelompok"}}
	for _, s := range Stages {
		t.Rows = append(t.Rows, []any{s.Label(false), string(s), d.Stats.Groups.ByStage[s]})
	}
	return t
}

// provinceTable counts the groups and the exhibitors of each province
// that has any, in code order.
func (d StatsDocument) provinceTable() StatsTable {
	t := StatsTable{Title: "Kelompok per Provinsi", Sheet: "Provinsi",
		Header: []string{"Kode", "Provinsi", "Jumlah Kelompok", "Peserta Pameran"}}
	g, x := d.Stats.Groups.ByProvince, d.Stats.Expos.ExhibitorsByProvince
	codes := slices.Sorted(maps.Keys(g))
	for code := range x {
		if _, ok := g[code]; !ok {
			codes = append(codes, code)
		}
	}
	slices.Sort(codes)
	for _, code := range codes {
		t.Rows = append(t.Rows, []any{code, d.regionName(code), g[code], x[code]})
	}
	return t
}

// yearTable counts the groups of each cohort year.
func (d StatsDocument) yearTable() StatsTable {
	t := StatsTable{Title: "Kelompok per Tahun", Sheet: "Tahun", Header: []string{"Tahun", "Jumlah Kelompok"}}
	for _, y := range slices.Sorted(maps.Keys(d.Stats.Groups.ByYear)) {
		t.Rows = append(t.Rows, []any{strconv.Itoa(y), d.Stats.Groups.ByYear[y]})
	}
	return t
}

// memberTable counts the members by sex and by age band.
func (d StatsDocument) memberTable() StatsTable {
	m := d.Stats.Members
	t := StatsTable{Title: "Anggota menurut Jenis Kelamin dan Usia", Sheet: "Anggota", Header: []string{"Kelompok Anggota", "Jumlah"},
		Rows: [][]any{{"Perempuan", m.Female}, {"Laki-laki", m.Male}}}
	for _, b := range AgeBands {
		t.Rows = append(t.Rows, []any{"Usia " + b + " tahun", m.AgeBands[b]})
	}
	return t
}

// outcomeTable gives the new workers and the revenue of each period.
func (d StatsDocument) outcomeTable() StatsTable {
	t := StatsTable{Title: "Tenaga Kerja Baru dan Omzet per Periode", Sheet: "Hasil",
		Header: []string{"Periode", "Tenaga Kerja Baru", "Omzet"}}
	for _, p := range d.Stats.Outcomes.ByPeriod {
		t.Rows = append(t.Rows, []any{p.Period, p.NewWorkers, Rupiah(p.Revenue)})
	}
	return t
}

// regionName names a region, or gives its code when unknown.
func (d StatsDocument) regionName(code string) string {
	if d.Regions != nil {
		if r, ok := d.Regions.Region(code); ok {
			return r.Name
		}
	}
	return code
}

// FilterFields are the filters of the report in words, with the scope
// and the day: what the figures are of.
func (d StatsDocument) FilterFields() [][2]string {
	year, province := "Semua tahun", "Semua provinsi"
	if d.Filter.Year != 0 {
		year = strconv.Itoa(d.Filter.Year)
	}
	if d.Filter.Province != "" {
		province = d.regionName(d.Filter.Province) + " (" + d.Filter.Province + ")"
	}
	return [][2]string{{"Tahun", year}, {"Angkatan", cmp.Or(d.Cohort, "Semua angkatan")}, {"Provinsi", province},
		{"Cakupan data", cmp.Or(d.Scope, "Nasional")}, {"Tanggal", FormatTanggal(d.Reported)}}
}

// Percent is part of whole as a percentage with one decimal, the
// Indonesian way ("85,5%"); "-" when whole is zero.
func Percent(part, whole int64) string {
	if whole == 0 {
		return "-"
	}
	tenths := (part*1000 + whole/2) / whole
	return strconv.FormatInt(tenths/10, 10) + "," + strconv.FormatInt(tenths%10, 10) + "%"
}
