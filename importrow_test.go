package tkm_test

import (
	"testing"

	"tkm"
	"tkm/region"
)

// row builds an import row from cells given by column name.
func row(n int, cells map[string]tkm.ImportCell) tkm.ImportRow {
	r := tkm.ImportRow{Number: n}
	for _, c := range tkm.ImportColumns {
		r.Cells = append(r.Cells, cells[c])
	}
	return r
}

func text(s string) tkm.ImportCell { return tkm.ImportCell{Text: s, Raw: s} }
func number(shown, raw string) tkm.ImportCell {
	return tkm.ImportCell{Text: shown, Raw: raw, Number: true}
}

func goodCells() map[string]tkm.ImportCell {
	return map[string]tkm.ImportCell{
		"ref_kelompok": text("BDG-01"), "nama_kelompok": text("KUB Segara"), "kode_wilayah": text("51.03.05"),
		"bidang_usaha": text("Kerajinan"), "telepon_kelompok": text("0361 123456"), "nik": text("5103055201900001"),
		"nama": text("Ni Made Ayu"), "jenis_kelamin": text("P"), "tanggal_lahir": text("1990-01-12"),
		"telepon": text("081234567890"), "alamat": text("Jl. Pantai"), "peran": text("ketua"), "status_kerja": text("menganggur"),
	}
}

func TestParseImportRow(t *testing.T) {
	regions, err := region.Load()
	if err != nil {
		t.Fatal(err)
	}
	cols, herrs := tkm.ImportHeader(row(1, nil))
	if len(herrs) != len(tkm.ImportColumns) {
		t.Fatalf("an empty header gave %d errors", len(herrs))
	}
	header := tkm.ImportRow{Number: 1}
	for _, c := range tkm.ImportColumns {
		header.Cells = append(header.Cells, text(" "+c+" "))
	}
	if cols, herrs = tkm.ImportHeader(header); len(herrs) != 0 {
		t.Fatalf("header: %v", herrs)
	}
	today := tkm.DateOf(2019, 11, 19)
	tests := []struct {
		name   string
		change map[string]tkm.ImportCell
		check  func(l tkm.ImportLine) bool
		errs   []string // columns with errors
	}{
		{"good", nil, func(l tkm.ImportLine) bool {
			return l.Member.Phone == "+6281234567890" && l.Group.Phone == "+62361123456" && l.Member.Role == tkm.RoleKetua
		}, nil},
		{"regency code stored as a number", map[string]tkm.ImportCell{"kode_wilayah": number("32.1", "32.1")},
			func(l tkm.ImportLine) bool { return l.Group.RegionCode == "32.10" }, nil},
		{"NIK stored as a number", map[string]tkm.ImportCell{"nik": number("5.10306E+15", "5103055201900001")},
			func(l tkm.ImportLine) bool { return l.Member.NIK == "5103055201900001" }, nil},
		{"NIK as a float in the XML", map[string]tkm.ImportCell{"nik": number("5103055201900001", "5.103055201900001E+15")},
			func(l tkm.ImportLine) bool { return l.Member.NIK == "5103055201900001" }, nil},
		{"NIK from Papua as a number", map[string]tkm.ImportCell{"nik": number("9101011201900001", "9101011201900001")}, nil, []string{"nik"}},
		{"NIK in scientific notation", map[string]tkm.ImportCell{"nik": text("5,10306E+15")}, nil, []string{"nik"}},
		{"Excel date serial", map[string]tkm.ImportCell{"tanggal_lahir": {Text: "12/01/1990", Raw: "32885", Number: true, Date: true}},
			func(l tkm.ImportLine) bool { return l.Member.BirthDate == tkm.DateOf(1990, 1, 12) }, nil},
		{"DD/MM/YYYY", map[string]tkm.ImportCell{"tanggal_lahir": text("12/01/1990")},
			func(l tkm.ImportLine) bool { return l.Member.BirthDate == tkm.DateOf(1990, 1, 12) }, nil},
		{"impossible date", map[string]tkm.ImportCell{"tanggal_lahir": text("31/02/1990")}, nil, []string{"tanggal_lahir"}},
		{"case and words", map[string]tkm.ImportCell{"jenis_kelamin": text("perempuan"), "peran": text("Ketua"),
			"status_kerja": text("Informal")}, func(l tkm.ImportLine) bool {
			return l.Member.Sex == tkm.SexFemale && l.Member.Role == tkm.RoleKetua && l.Member.Employment == tkm.Informal
		}, nil},
		{"phone stored as a number", map[string]tkm.ImportCell{"telepon": number("81234567890", "81234567890")},
			func(l tkm.ImportLine) bool { return l.Member.Phone == "+6281234567890" }, nil},
		{"everything wrong", map[string]tkm.ImportCell{"ref_kelompok": text(""), "kode_wilayah": text("99.99"),
			"nik": text("123"), "jenis_kelamin": text("X"), "peran": text("bos"), "status_kerja": text("PNS"),
			"telepon": text("+1 202 555 0100"), "nama": text("")}, nil,
			[]string{"ref_kelompok", "kode_wilayah", "nik", "nama", "jenis_kelamin", "telepon", "peran", "status_kerja"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cells := goodCells()
			for k, v := range tt.change {
				cells[k] = v
			}
			l, errs := tkm.ParseImportRow(row(7, cells), cols, regions, today)
			got := map[string]bool{}
			for _, e := range errs {
				if e.Row != 7 || e.Code == "" || e.Message == "" {
					t.Errorf("error without a place or words: %+v", e)
				}
				got[e.Column] = true
			}
			for _, c := range tt.errs {
				if !got[c] {
					t.Errorf("no error in column %s; got %+v", c, errs)
				}
			}
			if len(got) != len(tt.errs) {
				t.Errorf("errors in %v, want %v", got, tt.errs)
			}
			if tt.check != nil && !tt.check(l) {
				t.Errorf("parsed %+v / %+v", l.Group, l.Member)
			}
		})
	}
}
