package pdf

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"tkm"
)

// BASTData is what a BAST (berita acara serah terima, the handover record
// of facility aid) prints: the aid record, the group with its members (the
// ketua receives), the cohort (may be nil), the region's name as the caller
// builds it and the officer handing over (empty leaves a line to write on).
// It is the domain's type, so that callers need not import this package.
type BASTData = tkm.BASTData

// Documents renders tkm's official documents as PDF; it is the
// tkm.Documents and tkm.ExpoDocuments the HTTP layer is given.
type Documents struct{}

var _ tkm.Documents = Documents{}

// BAST writes the BAST of d to w; see the function BAST.
func (Documents) BAST(w io.Writer, d BASTData) error { return BAST(w, d) }

// BASTFilename is the download name of a BAST; see the function
// BASTFilename.
func (Documents) BASTFilename(a *tkm.Aid) string { return BASTFilename(a) }

// bast is a BAST being drawn.
type bast struct {
	*doc
	BASTData
	ketua *tkm.Member
}

// BAST writes the handover record of one aid record to w as an A4 PDF in
// Indonesian: letterhead, title and number, the date in words, the two
// parties, the items with their total, the amount in digits and in words,
// the group's members, place and date, and signature blocks. The same data
// always gives the same bytes. It fails if the aid or group is missing or
// the group has no ketua to receive the aid.
func BAST(w io.Writer, d BASTData) error {
	k, err := bastReceiver(d)
	if err != nil {
		return err
	}
	b := &bast{doc: newDoc(bastMeta(d)), BASTData: d, ketua: k}
	b.letterhead(ministryHead)
	b.heading()
	b.opening()
	b.parties()
	b.items()
	b.value()
	b.members()
	b.closing()
	if err := b.finish(w); err != nil {
		return fmt.Errorf("pdf: BAST %q: %w", d.Aid.HandoverNo, err)
	}
	return nil
}

// bastReceiver returns the group's ketua, who receives the aid, or an error
// when the data cannot make a BAST.
func bastReceiver(d BASTData) (*tkm.Member, error) {
	if d.Aid == nil || d.Group == nil {
		return nil, tkm.Errorf(tkm.EINVALID, "BAST memerlukan data bantuan dan kelompok.",
			"A BAST needs the aid record and the group.")
	}
	for _, m := range d.Group.Members {
		if m != nil && m.Role == tkm.RoleKetua {
			return m, nil
		}
	}
	return nil, tkm.Errorf(tkm.EINVALID, "Kelompok %s belum memiliki ketua; BAST tidak dapat dibuat.",
		"Group %s has no ketua; the BAST cannot be made.", d.Group.Name)
}

// bastMeta is the BAST's metadata; its date is the aid record's own, so
// that the same record gives the same bytes.
func bastMeta(d BASTData) meta {
	created := d.Aid.CreatedAt
	if created.IsZero() {
		created = d.Aid.DisbursedOn.Time()
	}
	return meta{
		Title:    "Berita Acara Serah Terima Bantuan Fasilitas " + d.Aid.HandoverNo,
		Subject:  "Serah terima bantuan fasilitas kepada kelompok " + d.Group.Name,
		Keywords: "BAST, TKM, Tenaga Kerja Mandiri, bantuan fasilitas",
		Ref:      "BAST Nomor " + d.Aid.HandoverNo,
		Created:  created,
	}
}

// heading writes the title and the handover number.
func (b *bast) heading() {
	b.centered("BERITA ACARA SERAH TERIMA BANTUAN FASILITAS", "BU", 12)
	b.centered("PROGRAM "+strings.ToUpper(b.programme()), "B", 10.5)
	b.centered("Nomor: "+b.Aid.HandoverNo, "", bodyPt)
	b.gap(3)
}

// programme names the programme and its year, once: "TKM Pemula Tahun
// 2019" for cohort "TKM Pemula" of 2019, "TKM Pemula 2019" for a cohort so
// named.
func (b *bast) programme() string {
	c := b.Cohort
	if c == nil {
		return "Tenaga Kerja Mandiri"
	}
	year := strconv.Itoa(c.Year)
	name := cmp.Or(strings.TrimSpace(c.Name), "Tenaga Kerja Mandiri")
	if c.Year == 0 || strings.Contains(name, year) {
		return name
	}
	return name + " Tahun " + year
}

// opening writes the sentence that dates the handover in words and digits.
func (b *bast) opening() {
	where := cmp.Or(b.Aid.Place, b.RegionName)
	if where != "" {
		where = ", bertempat di " + where
	}
	b.para(0, "Pada hari ini "+dateInWords(b.Aid.DisbursedOn)+where+
		", kami yang bertanda tangan di bawah ini:")
}

// dateInWords writes a day as a BAST does: "Selasa tanggal sembilan belas
// bulan November tahun dua ribu sembilan belas (19-11-2019)". A missing
// date leaves dotted blanks to fill in by hand.
func dateInWords(d tkm.Date) string {
	if d.IsZero() {
		return "........ tanggal ........ bulan ........ tahun ........"
	}
	return fmt.Sprintf("%s tanggal %s bulan %s tahun %s (%02d-%02d-%04d)",
		tkm.NamaHari(d.Weekday()), tkm.Terbilang(int64(d.Day())), tkm.NamaBulan(d.Month()),
		tkm.Terbilang(int64(d.Year())), d.Day(), int(d.Month()), d.Year())
}

// Columns of the party blocks: the number, then label and value.
const (
	partyIndent = 6.0
	partyLabelW = 22.0
)

// parties names PIHAK PERTAMA (the ministry) and PIHAK KEDUA (the ketua, for
// the group) and says what is handed over.
func (b *bast) parties() {
	b.numbered("1.", []field{
		{"Nama", cmp.Or(b.Officer, "................................................")},
		{"Jabatan", "Petugas Kementerian Ketenagakerjaan Republik Indonesia"},
	})
	b.para(partyIndent, "bertindak untuk dan atas nama Kementerian Ketenagakerjaan Republik Indonesia, "+
		"selanjutnya disebut PIHAK PERTAMA.")
	b.numbered("2.", []field{
		{"Nama", b.ketua.Name},
		{"NIK", maskNIK(b.ketua.NIK)},
		{"Jabatan", "Ketua " + b.groupName()},
		{"Wilayah", cmp.Or(b.RegionName, b.Group.RegionCode, "-")},
		{"Alamat", cmp.Or(b.Group.Address, b.ketua.Address, "-")},
	})
	b.para(partyIndent, "bertindak untuk dan atas nama "+b.groupName()+", selanjutnya disebut PIHAK KEDUA.")
	b.para(0, "PIHAK PERTAMA menyerahkan kepada PIHAK KEDUA, dan PIHAK KEDUA menerima dari PIHAK PERTAMA, "+
		"bantuan fasilitas Program "+b.programme()+" berupa peralatan dan/atau bahan usaha dengan rincian sebagai berikut:")
}

// numbered writes a numbered block of particulars.
func (b *bast) numbered(no string, fs []field) {
	b.keep(float64(len(fs)+1) * lineH)
	b.font("", bodyPt)
	b.pdf.CellFormat(partyIndent, lineH, no, "", 0, "L", false, 0, "")
	b.fields(partyIndent, partyLabelW, fs)
}

// maskNIK masks a full NIK and keeps one that is masked already.
func maskNIK(nik string) string {
	if strings.Count(nik, "•") == 8 && len([]rune(nik)) == 16 {
		return nik
	}
	return tkm.MaskNIK(nik)
}

// itemColumns are the columns of the items table: 170 mm in all.
var itemColumns = []column{
	{"No", 8, "C"},
	{"Uraian", 46, "L"},
	{"Jenis Peralatan/ Bahan", 27, "C"},
	{"Jumlah", 14, "R"},
	{"Satuan", 16, "L"},
	{"Harga Satuan (Rp)", 28, "R"},
	{"Jumlah Harga (Rp)", 31, "R"},
}

// items writes the table of items with its total row.
func (b *bast) items() {
	t := table{cols: itemColumns}
	var sum int64
	for i, it := range b.Aid.Items {
		t.rows = append(t.rows, row{cells: []string{
			strconv.Itoa(i + 1), it.Description, categoryLabel(it.Category), tkm.FormatNumber(it.Qty),
			it.Unit, tkm.FormatNumber(it.UnitPrice), tkm.FormatNumber(it.Total()),
		}})
		sum += it.Total()
	}
	t.rows = append(t.rows, row{cells: []string{"JUMLAH", tkm.FormatNumber(sum)}, span: len(itemColumns) - 1, bold: true})
	b.table(t)
}

// categoryLabel names an item's category in Indonesian.
func categoryLabel(c tkm.ItemCategory) string {
	switch c {
	case tkm.Equipment:
		return "Peralatan"
	case tkm.Material:
		return "Bahan"
	}
	return string(c)
}

// valueLabelW is the width of the labels of the amount block.
const valueLabelW = 36.0

// value writes the amount in digits and in words and how it was handed
// over.
func (b *bast) value() {
	b.keep(3 * lineH)
	b.fields(0, valueLabelW, []field{
		{"Nilai bantuan", tkm.FormatRupiah(b.Aid.Amount) + " (" + tkm.TerbilangRupiah(b.Aid.Amount) + ")"},
		{"Cara penyaluran", methodLabel(b.Aid.Method)},
	})
	b.gap(2)
}

// methodLabel says in Indonesian how the aid reached the group.
func methodLabel(m tkm.AidMethod) string {
	switch m {
	case tkm.AidTransfer:
		return "Transfer ke rekening kelompok"
	case tkm.AidInKind:
		return "Barang (diserahkan dalam bentuk peralatan dan bahan)"
	}
	return string(m)
}

// memberColumns are the columns of the members table.
var memberColumns = []column{
	{"No", 9, "C"},
	{"Nama", 121, "L"},
	{"Peran", 40, "L"},
}

// members lists the group's members, ketua first, so that the record
// names the group that receives.
func (b *bast) members() {
	b.keep(3 * lineH)
	b.para(0, "Susunan anggota "+b.groupName()+" penerima bantuan:")
	t := table{cols: memberColumns}
	for i, m := range byRole(b.Group.Members) {
		t.rows = append(t.rows, row{cells: []string{strconv.Itoa(i + 1), m.Name, roleLabel(m.Role)}})
	}
	b.table(t)
}

// roleOrder ranks the roles as a group lists its members.
var roleOrder = map[tkm.MemberRole]int{tkm.RoleKetua: 0, tkm.RoleSekretaris: 1, tkm.RoleBendahara: 2, tkm.RoleAnggota: 3}

// byRole returns the members ketua first, then secretary, treasurer and the
// others, each in their given order; nil entries are skipped.
func byRole(ms []*tkm.Member) []*tkm.Member {
	out := slices.DeleteFunc(slices.Clone(ms), func(m *tkm.Member) bool { return m == nil })
	slices.SortStableFunc(out, func(a, b *tkm.Member) int {
		return cmp.Compare(rank(a.Role), rank(b.Role))
	})
	return out
}

// rank is a role's place in roleOrder; an unknown role comes last.
func rank(r tkm.MemberRole) int {
	if n, ok := roleOrder[r]; ok {
		return n
	}
	return len(roleOrder)
}

// roleLabel names a role in Indonesian.
func roleLabel(r tkm.MemberRole) string {
	switch r {
	case tkm.RoleKetua:
		return "Ketua"
	case tkm.RoleSekretaris:
		return "Sekretaris"
	case tkm.RoleBendahara:
		return "Bendahara"
	case tkm.RoleAnggota, "":
		return "Anggota"
	}
	return string(r)
}

// closingText is the closing of a BAST: who answers for the aid from now
// on, and the usual formula.
var closingText = []string{
	"Sejak Berita Acara ini ditandatangani, bantuan menjadi tanggung jawab PIHAK KEDUA untuk " +
		"digunakan bagi usaha kelompok dan dipertanggungjawabkan melalui Laporan Pertanggungjawaban (LPJ).",
	"Demikian Berita Acara Serah Terima ini dibuat dalam rangkap 2 (dua), masing-masing " +
		"mempunyai kekuatan hukum yang sama, untuk dipergunakan sebagaimana mestinya.",
}

// closing writes the closing sentences, place and date, and the signature
// blocks of both parties, all on one page: signatures never stand alone.
func (b *bast) closing() {
	signs := []signature{
		{over: []string{"PIHAK KEDUA", "Ketua " + b.groupName()}, name: b.ketua.Name, stamp: true},
		{over: []string{"PIHAK PERTAMA", "Kementerian Ketenagakerjaan"}, name: b.Officer},
	}
	need := b.signaturesHeight(signs) + closingGap
	for _, p := range closingText {
		need += b.paraHeight(0, p)
	}
	b.keep(need)
	for _, p := range closingText {
		b.para(0, p)
	}
	b.gap(closingGap)
	b.signatures(b.dated(), signs...)
}

// closingGap is the space between the closing text and the signatures.
const closingGap = 3.0

// groupName names the group as "Kelompok …", unless its name says so
// already.
func (b *bast) groupName() string {
	name := b.Group.Name
	if strings.HasPrefix(strings.ToLower(name), "kelompok ") {
		return name
	}
	return "Kelompok " + name
}

// dated is the place and date above the signatures: "Badung, 19 November
// 2019".
func (b *bast) dated() string {
	day := "...................."
	if !b.Aid.DisbursedOn.IsZero() {
		day = tkm.FormatTanggalPendek(b.Aid.DisbursedOn.Time())
	}
	return cmp.Or(b.Aid.Place, "....................") + ", " + day
}
