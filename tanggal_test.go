package tkm_test

import (
	"testing"
	"time"

	"tkm"
)

func TestFormatTanggal(t *testing.T) {
	wita := time.FixedZone("WITA", 8*3600)
	tests := []struct {
		in                   time.Time
		long, short          string
		english, englishDate string
	}{
		{time.Date(2019, 11, 19, 10, 0, 0, 0, time.UTC),
			"Selasa, 19 November 2019", "19 November 2019", "Tuesday, 19 November 2019", "19 November 2019"},
		{time.Date(1945, 8, 17, 10, 0, 0, 0, time.UTC),
			"Jumat, 17 Agustus 1945", "17 Agustus 1945", "Friday, 17 August 1945", "17 August 1945"},
		{time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
			"Senin, 1 Januari 2024", "1 Januari 2024", "Monday, 1 January 2024", "1 January 2024"},
		{time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC),
			"Kamis, 29 Februari 2024", "29 Februari 2024", "Thursday, 29 February 2024", "29 February 2024"},
		{time.Date(2023, 12, 31, 0, 0, 0, 0, time.UTC),
			"Minggu, 31 Desember 2023", "31 Desember 2023", "Sunday, 31 December 2023", "31 December 2023"},
		// 00:30 WITA on 20 November is still 19 November in UTC: the
		// time's own date is shown, with no conversion.
		{time.Date(2019, 11, 20, 0, 30, 0, 0, wita),
			"Rabu, 20 November 2019", "20 November 2019", "Wednesday, 20 November 2019", "20 November 2019"},
		{tkm.DateOf(2023, 5, 6).Time(),
			"Sabtu, 6 Mei 2023", "6 Mei 2023", "Saturday, 6 May 2023", "6 May 2023"},
	}
	for _, tt := range tests {
		if got := tkm.FormatTanggal(tt.in); got != tt.long {
			t.Errorf("FormatTanggal(%v) = %q, want %q", tt.in, got, tt.long)
		}
		if got := tkm.FormatTanggalPendek(tt.in); got != tt.short {
			t.Errorf("FormatTanggalPendek(%v) = %q, want %q", tt.in, got, tt.short)
		}
		if got := tkm.FormatDateEnglish(tt.in); got != tt.english {
			t.Errorf("FormatDateEnglish(%v) = %q, want %q", tt.in, got, tt.english)
		}
		if got := tkm.FormatDateShortEnglish(tt.in); got != tt.englishDate {
			t.Errorf("FormatDateShortEnglish(%v) = %q, want %q", tt.in, got, tt.englishDate)
		}
	}
}

func TestTanggalNamaBulan(t *testing.T) {
	want := []string{"Januari", "Februari", "Maret", "April", "Mei", "Juni",
		"Juli", "Agustus", "September", "Oktober", "November", "Desember"}
	for i, w := range want {
		if got := tkm.NamaBulan(time.Month(i + 1)); got != w {
			t.Errorf("NamaBulan(%d) = %q, want %q", i+1, got, w)
		}
	}
	for _, m := range []time.Month{0, 13} {
		if got := tkm.NamaBulan(m); got == "" {
			t.Errorf("NamaBulan(%d) is empty", m)
		}
	}
}

func TestTanggalNamaHari(t *testing.T) {
	want := map[time.Weekday]string{time.Sunday: "Minggu", time.Monday: "Senin", time.Tuesday: "Selasa",
		time.Wednesday: "Rabu", time.Thursday: "Kamis", time.Friday: "Jumat", time.Saturday: "Sabtu"}
	for d, w := range want {
		if got := tkm.NamaHari(d); got != w {
			t.Errorf("NamaHari(%v) = %q, want %q", d, got, w)
		}
	}
	if got := tkm.NamaHari(7); got == "" {
		t.Error("NamaHari(7) is empty")
	}
}

func BenchmarkFormatTanggal(b *testing.B) {
	t := time.Date(2019, 11, 19, 10, 0, 0, 0, time.UTC)
	for b.Loop() {
		tkm.FormatTanggal(t)
	}
}
