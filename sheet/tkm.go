package sheet

import (
	"io"

	"tkm"
)

// Spreadsheets is this package as tkm.Spreadsheets: the import file reader,
// the list writer, the import template and the error copy. MaxBytes caps
// the files it opens (0: the default of Options).
type Spreadsheets struct{ MaxBytes int64 }

var _ tkm.Spreadsheets = Spreadsheets{}

// Open reads an import file, telling CSV from XLSX by its content.
func (s Spreadsheets) Open(r io.ReaderAt, size int64) (tkm.ImportSource, error) {
	rd, err := Open(r, size, Options{MaxBytes: s.MaxBytes})
	if err != nil {
		return nil, err
	}
	return importSource{rd}, nil
}

// NewWriter streams a list as CSV or XLSX.
func (Spreadsheets) NewWriter(w io.Writer, format string, header []string, textColumns ...int) (tkm.SheetWriter, error) {
	return NewWriter(w, format, header, textColumns...)
}

// Template writes the import template.
func (Spreadsheets) Template(w io.Writer) error {
	return Template(w, tkm.ImportColumns, templateExample, templateNotes, templateText)
}

// Annotate writes a copy of an import file with each row's errors.
func (s Spreadsheets) Annotate(w io.Writer, r io.ReaderAt, size int64, errs map[int]string) error {
	rd, err := Open(r, size, Options{MaxBytes: s.MaxBytes})
	if err != nil {
		return err
	}
	defer rd.Close()
	return Annotate(rd, w, errs)
}

// importSource is a Reader as a tkm.ImportSource.
type importSource struct{ r *Reader }

func (s importSource) Close() error { return s.r.Close() }

func (s importSource) Rows() (tkm.ImportRows, error) {
	rs, err := s.r.Rows()
	if err != nil {
		return nil, err
	}
	return &importRows{rs: rs}, nil
}

// importRows turns each Row into a tkm.ImportRow.
type importRows struct {
	rs  *Rows
	row tkm.ImportRow
}

func (r *importRows) Next() bool {
	if !r.rs.Next() {
		return false
	}
	row := r.rs.Row()
	r.row.Number, r.row.Cells = row.Number, r.row.Cells[:0]
	for _, c := range row.Cells {
		r.row.Cells = append(r.row.Cells, tkm.ImportCell{Text: c.Text, Raw: c.Raw, Number: c.Number, Date: c.Date})
	}
	return true
}

func (r *importRows) Row() tkm.ImportRow { return r.row }
func (r *importRows) Err() error         { return r.rs.Err() }
func (r *importRows) Close() error       { return r.rs.Close() }

// The template's example row, the notes on each column, and the columns
// kept as text (codes, NIKs, phones, dates).
var (
	templateExample = []string{tkm.ExampleRef, "KUB Segara Madu", "51.03.05", "Kerajinan anyaman pandan", "0361 123456",
		"5103055201900001", "Ni Made Ayu Lestari", "P", "1990-01-12", "0812 3456 7890", "Jl. Pantai Kuta No. 5", "ketua", "menganggur"}
	templateNotes = []string{
		"Nomor referensi kelompok Anda sendiri; sama untuk semua anggota satu kelompok, unik dalam satu angkatan.",
		"Nama kelompok usaha.",
		"Kode wilayah Kemendagri kabupaten/kota atau kecamatan, ditulis sebagai teks: 51.03 atau 51.03.05.",
		"Bidang usaha, misalnya kerajinan, kuliner, konveksi.",
		"Telepon kelompok: 08…, 628… atau +628…; boleh kosong.",
		"NIK 16 digit, ditulis sebagai teks (bukan angka).",
		"Nama lengkap anggota sesuai KTP.",
		"L atau P.",
		"Tanggal lahir: TTTT-BB-HH atau HH/BB/TTTT.",
		"Telepon anggota; boleh kosong.",
		"Alamat anggota.",
		"ketua, sekretaris, bendahara atau anggota; tepat satu ketua per kelompok.",
		"menganggur, informal atau formal.",
	}
	templateText = []int{0, 2, 4, 5, 8, 9}
)
