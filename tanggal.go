package tkm

import (
	"strconv"
	"time"
)

var namaBulan = [...]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni",
	"Juli", "Agustus", "September", "Oktober", "November", "Desember"}

var namaHari = [...]string{"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"}

// NamaBulan returns the Indonesian name of a month: "Januari" … "Desember".
// A month outside 1..12 gives its number.
func NamaBulan(m time.Month) string {
	if m < time.January || m > time.December {
		return strconv.Itoa(int(m))
	}
	return namaBulan[m-1]
}

// NamaHari returns the Indonesian name of a weekday: "Minggu", "Senin", …,
// "Sabtu". A weekday outside 0..6 gives its number.
func NamaHari(d time.Weekday) string {
	if d < time.Sunday || d > time.Saturday {
		return strconv.Itoa(int(d))
	}
	return namaHari[d]
}

// FormatTanggal writes t's date in Indonesian with its weekday, as the UI
// and documents show it: "Selasa, 19 November 2019". It uses t's own
// date, in t's own location.
func FormatTanggal(t time.Time) string {
	return NamaHari(t.Weekday()) + ", " + FormatTanggalPendek(t)
}

// FormatTanggalPendek writes t's date in Indonesian: "19 November 2019".
func FormatTanggalPendek(t time.Time) string {
	return strconv.Itoa(t.Day()) + " " + NamaBulan(t.Month()) + " " + strconv.Itoa(t.Year())
}

// FormatDateEnglish writes t's date in English with its weekday, for the
// English UI: "Tuesday, 19 November 2019".
func FormatDateEnglish(t time.Time) string { return t.Format("Monday, 2 January 2006") }

// FormatDateShortEnglish writes t's date in English: "19 November 2019".
func FormatDateShortEnglish(t time.Time) string { return t.Format("2 January 2006") }
