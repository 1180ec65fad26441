package tkm

import (
	"strings"
	"time"
	"unicode/utf8"
)

// NIK is a parsed Nomor Induk Kependudukan, the 16-digit number on an
// Indonesian identity card: PPKKDDddmmyySSSS = province, regency, district
// of first registration, birth day (+40 for women), month, two-digit year
// and serial. It carries no check digit.
type NIK struct {
	Number   string // the 16 digits
	Regency  string // dotted regency code as written, current or historical ("51.03")
	District string // dotted district code as written ("51.03.05"); never validated
	Day      int    // birth day, already minus 40 for women
	Month    int    // birth month
	YY       int    // two-digit birth year
	Sex      Sex
	Serial   string // last four digits
}

// NIK error and warning codes, found in FieldError.Code.
const (
	NIKLength            = "nik_length"
	NIKDigits            = "nik_digits"
	NIKRegion            = "nik_region"
	NIKDate              = "nik_date"
	NIKSerial            = "nik_serial"
	NIKBirthDateMismatch = "nik_birth_date_mismatch"
	NIKSexMismatch       = "nik_sex_mismatch"
)

const nikLen = 16

// ParseNIK reads a NIK after trimming surrounding white space. It returns
// the first hard error found, checked in this order: length, digits, region
// (the PP.KK prefix must be a current regency or a historical one that
// regions.Resolve knows), date, serial. The district is not checked: codes
// of districts change. regions must not be nil.
func ParseNIK(s string, regions Regions) (NIK, *FieldError) {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) != nikLen {
		return NIK{}, nikError(NIKLength,
			"NIK harus tepat 16 digit, misalnya 5103051201900001.",
			"A NIK must be exactly 16 digits, e.g. 5103051201900001.")
	}
	if !isNIKDigits(s) {
		return NIK{}, nikError(NIKDigits,
			"NIK hanya boleh berisi angka 0–9 (16 digit, tanpa spasi atau tanda baca), misalnya 5103051201900001.",
			"A NIK may contain only the digits 0–9 (16 digits, no spaces or punctuation), e.g. 5103051201900001.")
	}
	n := splitNIK(s)
	if !nikKnownRegency(regions, n.Regency) {
		return NIK{}, nikError(NIKRegion,
			"Empat digit pertama NIK bukan kode kabupaten/kota yang dikenal; periksa kembali (contoh: 5103… untuk Kabupaten Badung).",
			"The first four digits of the NIK are not a known regency/city code; check them (e.g. 5103… for Badung regency).")
	}
	if !nikPossibleDate(n.Day, n.Month, n.YY) {
		return NIK{}, nikError(NIKDate,
			"Digit 7–12 NIK harus tanggal lahir yang mungkin (HHBBTT; untuk perempuan hari ditambah 40), misalnya 120190 atau 520190.",
			"Digits 7–12 of the NIK must be a possible birth date (DDMMYY; women add 40 to the day), e.g. 120190 or 520190.")
	}
	if n.Serial == "0000" {
		return NIK{}, nikError(NIKSerial,
			"Empat digit terakhir NIK (nomor urut) tidak boleh 0000; nomor urut dimulai dari 0001, misalnya 5103051201900001.",
			"The last four digits of the NIK (the serial) cannot be 0000; serials start at 0001, e.g. 5103051201900001.")
	}
	return n, nil
}

// splitNIK cuts 16 ASCII digits into their parts without judging them.
func splitNIK(s string) NIK {
	n := NIK{
		Number:   s,
		Regency:  s[0:2] + "." + s[2:4],
		District: s[0:2] + "." + s[2:4] + "." + s[4:6],
		Day:      nikAtoi2(s[6:8]),
		Month:    nikAtoi2(s[8:10]),
		YY:       nikAtoi2(s[10:12]),
		Sex:      SexMale,
		Serial:   s[12:16],
	}
	if n.Day > 40 {
		n.Day -= 40
		n.Sex = SexFemale
	}
	return n
}

// nikKnownRegency reports whether code is a current regency or one that
// resolves to a current regency.
func nikKnownRegency(regions Regions, code string) bool {
	if r, ok := regions.Region(code); ok && r.Level == LevelRegency {
		return true
	}
	_, ok := regions.Resolve(code)
	return ok
}

// nikPossibleDate reports whether day/month exist in 19yy or in 20yy: the
// century is not written in a NIK, so 29 February is fine whenever either
// century's year is a leap year.
func nikPossibleDate(day, month, yy int) bool {
	if month < 1 || month > 12 || day < 1 {
		return false
	}
	return day <= nikDaysIn(time.Month(month), 1900+yy) || day <= nikDaysIn(time.Month(month), 2000+yy)
}

// nikDaysIn returns the number of days of month m in year y.
func nikDaysIn(m time.Month, y int) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// Check compares the NIK with a member's stated birth date and sex. A NIK
// is never reissued, so a disagreement is only a warning. A zero birth or
// an empty sex is not compared.
func (n NIK) Check(birth Date, sex Sex) []Warning {
	var ws []Warning
	if !birth.IsZero() && !n.bornOn(birth) {
		ws = append(ws, Warning{Field: "nik", Code: NIKBirthDateMismatch,
			Message: "Tanggal lahir berbeda dengan tanggal lahir di NIK (digit 7–12, HHBBTT; perempuan: hari + 40). Periksa NIK dan tanggal lahir.",
			English: "The birth date differs from the one in the NIK (digits 7–12, DDMMYY; women: day + 40). Check the NIK and the birth date."})
	}
	if sex != "" && sex != n.Sex {
		ws = append(ws, Warning{Field: "nik", Code: NIKSexMismatch,
			Message: "Jenis kelamin berbeda dengan NIK (pada NIK perempuan, hari lahir ditambah 40). Periksa NIK dan jenis kelamin.",
			English: "The sex differs from the NIK (a woman's NIK adds 40 to the birth day). Check the NIK and the sex."})
	}
	return ws
}

// bornOn reports whether birth agrees with the NIK's day, month and
// two-digit year.
func (n NIK) bornOn(birth Date) bool {
	yy := (birth.Year()%100 + 100) % 100
	return birth.Day() == n.Day && int(birth.Month()) == n.Month && yy == n.YY
}

// MaskNIK hides the middle of a NIK for display: "5103051201900001" becomes
// "5103••••••••0001". Anything that is not 16 digits is masked entirely,
// one bullet per character, so a malformed value never shows in part.
func MaskNIK(nik string) string {
	if len(nik) != nikLen || !isNIKDigits(nik) {
		return strings.Repeat("•", utf8.RuneCountInString(nik))
	}
	return nik[:4] + strings.Repeat("•", 8) + nik[12:]
}

func nikError(code, id, en string) *FieldError {
	return &FieldError{Field: "nik", Code: code, Message: id, English: en}
}

// isNIKDigits reports whether s holds only ASCII digits.
func isNIKDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// nikAtoi2 reads two ASCII digits.
func nikAtoi2(s string) int { return int(s[0]-'0')*10 + int(s[1]-'0') }
