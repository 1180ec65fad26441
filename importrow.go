package tkm

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// ExampleRef is the group reference of the import template's example row,
// which the importer refuses if an officer leaves it in.
const ExampleRef = "CONTOH-HAPUS"

// ImportColumns are the columns of an import file, in SPEC's order. A group
// is keyed by its ref_kelompok; its columns repeat on each member's row.
var ImportColumns = []string{
	"ref_kelompok", "nama_kelompok", "kode_wilayah", "bidang_usaha", "telepon_kelompok",
	"nik", "nama", "jenis_kelamin", "tanggal_lahir", "telepon", "alamat", "peran", "status_kerja",
}

// groupColumns are the import columns that describe the group.
var groupColumns = ImportColumns[:5]

// ImportCell is one cell as a spreadsheet holds it.
type ImportCell struct {
	Text   string // as typed or shown, trimmed
	Raw    string // a numeric cell's stored value; else the text
	Number bool   // the cell held a number
	Date   bool   // the number has a date format (an Excel date serial)
}

// ImportRow is one row of an import file, with its spreadsheet row number.
type ImportRow struct {
	Number int
	Cells  []ImportCell
}

// RowError is one problem found in an import file, located by row and
// column, with an English code and an Indonesian message.
type RowError struct {
	Row     int    `json:"row"`
	Column  string `json:"column"`
	Code    string `json:"code"`
	Message string `json:"message"`
	English string `json:"-"`
}

// ImportLine is one parsed row: the group it belongs to and the member.
type ImportLine struct {
	Row    int
	Ref    string
	Group  Group  // the group's own columns
	Member Member // the member's columns
}

// ImportHeader maps column names to positions, from the file's header row.
// Column names are matched without regard to case or surrounding spaces;
// every column must be present, extra ones are ignored.
func ImportHeader(r ImportRow) (map[string]int, []RowError) {
	cols := map[string]int{}
	for i, c := range r.Cells {
		name := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(c.Text, "\ufeff")))
		if _, dup := cols[name]; !dup {
			cols[name] = i
		}
	}
	var errs []RowError
	for _, want := range ImportColumns {
		if _, ok := cols[want]; !ok {
			errs = append(errs, RowError{Row: r.Number, Column: want, Code: "column_missing",
				Message: "Kolom " + want + " tidak ada di baris judul; gunakan templat impor.",
				English: "Column " + want + " is missing from the header row; use the import template."})
		}
	}
	return cols, errs
}

// ParseImportRow reads one member's row. It undoes Excel's habits (codes
// and NIKs stored as numbers, date serials, case, stray spaces) and checks
// every field, returning every problem at once.
func ParseImportRow(r ImportRow, cols map[string]int, regions Regions, today Date) (ImportLine, []RowError) {
	p := rowParser{row: r, cols: cols}
	l := ImportLine{Row: r.Number, Ref: p.text("ref_kelompok")}
	switch l.Ref {
	case "":
		p.fail("ref_kelompok", "required", "Referensi kelompok wajib diisi.", "The group reference is required.")
	case ExampleRef:
		p.fail("ref_kelompok", "example_row", "Ini baris contoh dari templat; hapus baris ini.", "This is the template's example row; delete it.")
	}
	l.Group = Group{Ref: l.Ref, Name: p.text("nama_kelompok"), RegionCode: p.regionCode(), Sector: p.text("bidang_usaha"),
		Phone: p.phone("telepon_kelompok")}
	l.Member = Member{NIK: p.nik(), Name: p.text("nama"), Sex: p.sex(), BirthDate: p.date("tanggal_lahir"),
		Phone: p.phone("telepon"), Address: p.text("alamat"), Role: p.role(), Employment: p.employment()}
	p.validate(&l, regions, today)
	return l, p.errs
}

// rowParser reads the cells of one row, collecting errors.
type rowParser struct {
	row  ImportRow
	cols map[string]int
	errs []RowError
}

func (p *rowParser) cell(col string) ImportCell {
	if i, ok := p.cols[col]; ok && i < len(p.row.Cells) {
		return p.row.Cells[i]
	}
	return ImportCell{}
}

func (p *rowParser) text(col string) string { return p.cell(col).Text }

func (p *rowParser) fail(col, code, id, en string) {
	p.errs = append(p.errs, RowError{Row: p.row.Number, Column: col, Code: code, Message: id, English: en})
}

var oneDecimal = regexp.MustCompile(`^[0-9]{2}\.[0-9]$`)

// regionCode reads kode_wilayah; a regency code Excel stored as a number
// lost its trailing zero: 32.1 is 32.10.
func (p *rowParser) regionCode() string {
	c := p.cell("kode_wilayah")
	code := c.Text
	if c.Number {
		code = c.Raw
	}
	if oneDecimal.MatchString(code) {
		code += "0"
	}
	return code
}

// nik reads a NIK typed as text, or stored as a number: exact below 2^53,
// but a number that large or shown in scientific notation may have lost
// its last digits, and is refused.
func (p *rowParser) nik() string {
	c := p.cell("nik")
	if !c.Number && strings.ContainsAny(c.Text, "eE") && strings.Contains(c.Text, "+") {
		p.fail("nik", "nik_scientific", "NIK tampil dalam notasi ilmiah ("+c.Text+") sehingga angka terakhirnya hilang; format kolom NIK sebagai Teks lalu ketik ulang.",
			"The NIK shows in scientific notation ("+c.Text+"), so its last digits are lost; format the NIK column as Text and type it again.")
		return ""
	}
	if !c.Number {
		return c.Text
	}
	f, err := strconv.ParseFloat(c.Raw, 64)
	if err != nil || f != math.Trunc(f) || f >= 1<<53 {
		p.fail("nik", "nik_number", "NIK disimpan sebagai angka dan bisa berubah (terutama NIK berawalan 9); format kolom NIK sebagai Teks lalu ketik ulang.",
			"The NIK was stored as a number and may have changed (especially NIKs starting with 9); format the NIK column as Text and type it again.")
		return ""
	}
	return strconv.FormatInt(int64(f), 10)
}

func (p *rowParser) phone(col string) string {
	c := p.cell(col)
	if c.Number {
		return c.Raw // 81234567890: Excel dropped the 0; the phone rules accept it
	}
	return c.Text
}

func (p *rowParser) sex() Sex {
	switch strings.ToUpper(p.text("jenis_kelamin")) {
	case "L", "LAKI-LAKI", "LAKI LAKI", "PRIA":
		return SexMale
	case "P", "PEREMPUAN", "WANITA":
		return SexFemale
	}
	p.fail("jenis_kelamin", "sex_invalid", "Jenis kelamin harus L atau P.", "Sex must be L or P.")
	return ""
}

func (p *rowParser) role() MemberRole {
	r := MemberRole(strings.ToLower(p.text("peran")))
	switch r {
	case RoleKetua, RoleSekretaris, RoleBendahara, RoleAnggota:
		return r
	case "":
		return RoleAnggota
	}
	p.fail("peran", "role_invalid", "Peran harus ketua, sekretaris, bendahara atau anggota.", "Role must be ketua, sekretaris, bendahara or anggota.")
	return ""
}

func (p *rowParser) employment() Employment {
	switch strings.ToLower(p.text("status_kerja")) {
	case "menganggur", "tidak bekerja", "unemployed", "":
		return Unemployed
	case "informal":
		return Informal
	case "formal":
		return Formal
	}
	p.fail("status_kerja", "employment_invalid", "Status kerja harus menganggur, informal atau formal.",
		"Employment must be menganggur, informal or formal.")
	return ""
}

var dmy = regexp.MustCompile(`^([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})$`)

// date reads YYYY-MM-DD, DD/MM/YYYY or an Excel date serial.
func (p *rowParser) date(col string) Date {
	c := p.cell(col)
	if c.Number {
		if d, ok := excelDate(c.Raw); ok {
			return d
		}
	} else if d, err := ParseDate(c.Text); err == nil {
		return d
	} else if m := dmy.FindStringSubmatch(c.Text); m != nil {
		day, _ := strconv.Atoi(m[1])
		month, _ := strconv.Atoi(m[2])
		year, _ := strconv.Atoi(m[3])
		if d := DateOf(year, time.Month(month), day); d.Day() == day && int(d.Month()) == month {
			return d
		}
	}
	if c.Text != "" {
		p.fail(col, "date_invalid", "Tanggal "+c.Text+" tidak dikenali; tulis TTTT-BB-HH atau HH/BB/TTTT.",
			"Date "+c.Text+" is not recognised; write YYYY-MM-DD or DD/MM/YYYY.")
	}
	return Date{}
}

// excelDate turns an Excel (1900 system) date serial into a date.
func excelDate(raw string) (Date, bool) {
	f, err := strconv.ParseFloat(raw, 64)
	if err != nil || f < 1 || f > 2958465 {
		return Date{}, false
	}
	days := int(f)
	if days > 59 {
		days-- // Excel counts a 29 February 1900 that never was
	}
	return DateOf(1899, 12, 31).AddDays(days), true
}

// validate applies the domain's rules to the parsed group and member and
// reports their problems under the import's column names.
func (p *rowParser) validate(l *ImportLine, regions Regions, today Date) {
	seen := map[string]bool{}
	for _, e := range p.errs {
		seen[e.Column] = true
	}
	g := l.Group
	for _, f := range fieldsOf(g.Validate(regions)) {
		p.mapped(f, groupFieldColumn, seen)
	}
	l.Group.Phone = g.Phone
	m := l.Member
	_, err := m.Validate(regions, today)
	for _, f := range fieldsOf(err) {
		p.mapped(f, memberFieldColumn, seen)
	}
	l.Member.Phone, l.Member.NIK = m.Phone, m.NIK
}

var groupFieldColumn = map[string]string{"name": "nama_kelompok", "region_code": "kode_wilayah", "sector": "bidang_usaha",
	"phone": "telepon_kelompok", "address": "", "kbli": "", "ref": "ref_kelompok"}

var memberFieldColumn = map[string]string{"nik": "nik", "name": "nama", "sex": "jenis_kelamin", "birth_date": "tanggal_lahir",
	"phone": "telepon", "address": "alamat", "employment": "status_kerja", "role": "peran", "education": ""}

// mapped records a domain field error under its column, once per column.
func (p *rowParser) mapped(f FieldError, columns map[string]string, seen map[string]bool) {
	col, ok := columns[f.Field]
	if !ok || col == "" || seen[col] {
		return
	}
	seen[col] = true
	p.fail(col, f.Code, f.Message, f.English)
}

// ImportGroupColumns are the columns that repeat the group on each of its
// members' rows (after ref_kelompok, which names the group).
var ImportGroupColumns = groupColumns[1:]

// ImportGroupValue is the value of a group column.
func ImportGroupValue(g Group, col string) string {
	return *groupField(&g, col)
}

// SetImportGroupValue sets the value of a group column.
func SetImportGroupValue(g *Group, col, v string) {
	*groupField(g, col) = v
}

func groupField(g *Group, col string) *string {
	switch col {
	case "nama_kelompok":
		return &g.Name
	case "kode_wilayah":
		return &g.RegionCode
	case "bidang_usaha":
		return &g.Sector
	case "telepon_kelompok":
		return &g.Phone
	}
	panic(fmt.Sprintf("groupField: %q is not a group column", col))
}
