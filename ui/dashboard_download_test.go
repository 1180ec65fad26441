package ui

import (
	"bytes"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tkm"
	"tkm/store"
	"tkm/store/storetest"
)

// checkStatsPDF reads the report of Bali in 2019 back and finds its figures.
func checkStatsPDF(t *testing.T, b *browser, want *programme) {
	t.Helper()
	w := b.raw("/dasbor/statistik.pdf?year=2019&province=51")
	if w.Code != http.StatusOK {
		t.Fatalf("PDF: status %d", w.Code)
	}
	checkDownload(t, w.Header(), "application/pdf", "statistik-tkm", ".pdf")
	text := pdfText(t, w.Body.Bytes())
	today := tkm.FormatTanggal(time.Now().In(wib))
	for _, s := range []string{"LAPORAN STATISTIK PROGRAM TENAGA KERJA MANDIRI", "Tahun : 2019", "Bali (51)", today,
		"Jumlah kelompok " + count(sum(want.bali2019)), "Terdaftar registered " + count(want.bali2019[tkm.StageRegistered]),
		"Kelompok per Provinsi", "Bantuan tersalurkan Rp"} {
		if !strings.Contains(text, s) {
			t.Errorf("PDF lacks %q: %.600s", s, text)
		}
	}
}

// checkStatsXLSX opens the national workbook and checks its sheets.
func checkStatsXLSX(t *testing.T, b *browser, want *programme) {
	t.Helper()
	w := b.raw("/dasbor/statistik.xlsx")
	checkDownload(t, w.Header(), xlsxType, "statistik-tkm", ".xlsx")
	f, err := excelize.OpenReader(bytes.NewReader(w.Body.Bytes()))
	if err != nil {
		t.Fatalf("open XLSX: %v", err)
	}
	defer f.Close()
	sheets := []string{"Keterangan", "Ringkasan", "Tahap", "Provinsi", "Tahun", "Anggota", "Hasil"}
	if got := f.GetSheetList(); !slices.Equal(got, sheets) {
		t.Errorf("sheets %q, want %q", got, sheets)
	}
	years, _ := f.GetRows("Tahun")
	if got := rowsText(years); got != "Tahun,Jumlah Kelompok|2018,800|2019,1600" {
		t.Errorf("years %q", got)
	}
	provinces, _ := f.GetRows("Provinsi")
	if len(provinces) != 39 || strings.Join(provinces[1][:3], ",") != "11,Aceh,"+strconv.Itoa(want.provinces["11"]) {
		t.Errorf("provinces: %d rows, first %q", len(provinces), provinces[1])
	}
	if v, _ := f.GetCellValue("Tahap", "C2"); v != strconv.Itoa(want.stages[tkm.StageRegistered]) {
		t.Errorf("registered %q, want %d", v, want.stages[tkm.StageRegistered])
	}
}

func rowsText(rows [][]string) string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = strings.Join(r, ",")
	}
	return strings.Join(out, "|")
}

// checkStatsAudited finds both downloads in the audit log.
func checkStatsAudited(t *testing.T, db *store.DB) {
	t.Helper()
	auditor, _ := storetest.User(t, db, tkm.RoleAuditor, "")
	log, err := store.NewAuditService(db).FindAuditEntries(storetest.As(auditor), tkm.AuditFilter{Action: tkm.AuditExport})
	if err != nil {
		t.Fatal(err)
	}
	var notes []string
	for _, e := range log.Items {
		if e.Entity == "stats" {
			notes = append(notes, e.Note)
		}
	}
	if len(notes) != 2 || !strings.Contains(strings.Join(notes, " "), "statistik.pdf; saring: tahun=2019 angkatan=0 provinsi=51") {
		t.Errorf("stats exports in the audit log: %q", notes)
	}
}
