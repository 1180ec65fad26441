package tkm

import (
	"context"
	"io"
	"strconv"
	"time"
)

// SheetWriter writes rows of a spreadsheet as they come.
type SheetWriter interface {
	Write(cells []string) error
	Close() error
}

// Spreadsheets reads import files and writes lists, as CSV or XLSX (see
// package sheet).
type Spreadsheets interface {
	// Open reads an import file whose format it tells by content.
	Open(r io.ReaderAt, size int64) (ImportSource, error)
	// NewWriter streams a list; the given columns are written as text.
	NewWriter(w io.Writer, format string, header []string, textColumns ...int) (SheetWriter, error)
	// Template writes the import template as XLSX.
	Template(w io.Writer) error
	// Annotate writes a copy of an import file with an error column.
	Annotate(w io.Writer, r io.ReaderAt, size int64, errs map[int]string) error
	// StatsXLSX writes the programme's statistics as a workbook, a sheet
	// per group of figures.
	StatsXLSX(w io.Writer, d StatsDocument) error
}

// ExportService streams lists of the registry within the caller's scope.
// Every export is recorded in the audit log.
type ExportService interface {
	// ExportGroups hands each group matching f to fn, in ID order.
	ExportGroups(ctx context.Context, f GroupFilter, fn func(*Group) error) error
	// ExportMembers hands each member of the groups matching f to fn,
	// with NIKs masked unless fullNIK (for roles that may read them).
	ExportMembers(ctx context.Context, f GroupFilter, fullNIK bool, fn func(*Group, *Member) error) error
}

// GroupExportHeader are the columns of a group list export.
var GroupExportHeader = []string{"id", "ref_kelompok", "nama_kelompok", "angkatan", "kode_wilayah", "nama_wilayah",
	"provinsi", "bidang_usaha", "kbli", "telepon_kelompok", "tahap", "tahap_sejak", "jumlah_anggota", "terdaftar"}

// GroupExportText are the group columns to keep as text in a spreadsheet.
var GroupExportText = []int{0, 1, 4, 6, 8, 9}

// GroupExportRow is one group as a row of GroupExportHeader.
func GroupExportRow(g *Group, regions Regions) []string {
	name, province := "", ""
	if r, ok := regions.Region(g.RegionCode); ok {
		name = r.Name
	}
	if r, ok := regions.Region(ProvinceOf(g.RegionCode)); ok {
		province = r.Name
	}
	return []string{g.ID.String(), g.Ref, g.Name, g.CohortID.String(), g.RegionCode, name, province, g.Sector, g.KBLI,
		g.Phone, string(g.Stage), g.StageSince.Format(time.DateOnly), strconv.Itoa(g.MemberCount), g.CreatedAt.Format(time.DateOnly)}
}

// MemberExportHeader are the columns of a member list export: the import
// columns first, so that an export with full NIKs can be imported again.
var MemberExportHeader = append(append([]string{}, ImportColumns...), "id_kelompok", "tahap", "pendidikan", "disabilitas")

// MemberExportText are the member columns to keep as text.
var MemberExportText = []int{0, 2, 4, 5, 8, 9, 13}

var employmentWords = map[Employment]string{Unemployed: "menganggur", Informal: "informal", Formal: "formal"}

// MemberExportRow is one member as a row of MemberExportHeader.
func MemberExportRow(g *Group, m *Member) []string {
	disability := "tidak"
	if m.Disability {
		disability = "ya"
	}
	return []string{g.Ref, g.Name, g.RegionCode, g.Sector, g.Phone, m.NIK, m.Name, string(m.Sex), m.BirthDate.String(),
		m.Phone, m.Address, string(m.Role), employmentWords[m.Employment], g.ID.String(), string(g.Stage), m.Education, disability}
}
