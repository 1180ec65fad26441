package tkm

import (
	"strconv"
	"strings"
)

// FormatRupiah writes an amount of Rupiah the PUEBI way: "Rp1.500.000",
// "Rp0", "-Rp2.500".
func FormatRupiah(n int64) string {
	if n < 0 {
		return "-Rp" + dotThousands(moneyAbs(n))
	}
	return "Rp" + dotThousands(uint64(n))
}

// FormatNumber writes n with dots between groups of three digits:
// 1500000 becomes "1.500.000".
func FormatNumber(n int64) string {
	if n < 0 {
		return "-" + dotThousands(moneyAbs(n))
	}
	return dotThousands(uint64(n))
}

// Terbilang says n in Indonesian words, as official documents write an
// amount beside its digits: 1500000 is "satu juta lima ratus ribu", 0 is
// "nol", -5 is "minus lima". The largest scale is triliun: 10^15 is
// "seribu triliun".
func Terbilang(n int64) string {
	if n == 0 {
		return "nol"
	}
	ws := make([]string, 0, 32)
	if n < 0 {
		ws = terbilangWords(append(ws, "minus"), moneyAbs(n))
	} else {
		ws = terbilangWords(ws, uint64(n))
	}
	return strings.Join(ws, " ")
}

// TerbilangRupiah is Terbilang followed by "rupiah":
// "satu juta lima ratus ribu rupiah".
func TerbilangRupiah(n int64) string { return Terbilang(n) + " rupiah" }

// moneyAbs returns |n| for a negative n, without overflowing on
// math.MinInt64.
func moneyAbs(n int64) uint64 { return uint64(-(n + 1)) + 1 }

// dotThousands writes u with a dot before every group of three digits.
func dotThousands(u uint64) string {
	s := strconv.FormatUint(u, 10)
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// terbilangScales are the named powers of a thousand, largest first.
// Amounts of a thousand triliun and more are still said in triliun.
var terbilangScales = [...]struct {
	size uint64
	name string
}{
	{1_000_000_000_000, "triliun"},
	{1_000_000_000, "miliar"},
	{1_000_000, "juta"},
}

var terbilangDigits = [...]string{"", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"}

// terbilangWords appends the words of u > 0 to ws; u == 0 adds none.
func terbilangWords(ws []string, u uint64) []string {
	for _, s := range terbilangScales {
		if u >= s.size {
			ws = append(terbilangWords(ws, u/s.size), s.name)
			return terbilangWords(ws, u%s.size)
		}
	}
	switch {
	case u >= 1000:
		return terbilangWords(terbilangSe(ws, u/1000, "ribu"), u%1000)
	case u >= 100:
		return terbilangWords(terbilangSe(ws, u/100, "ratus"), u%100)
	case u >= 20:
		return terbilangWords(append(ws, terbilangDigits[u/10], "puluh"), u%10)
	case u >= 12:
		return append(ws, terbilangDigits[u%10], "belas")
	case u == 11:
		return append(ws, "sebelas")
	case u == 10:
		return append(ws, "sepuluh")
	case u > 0:
		return append(ws, terbilangDigits[u])
	}
	return ws
}

// terbilangSe appends count of unit, where one of it takes the prefix se-
// ("seribu", "seratus") and more is said in words ("dua ribu").
func terbilangSe(ws []string, count uint64, unit string) []string {
	if count == 1 {
		return append(ws, "se"+unit)
	}
	return append(terbilangWords(ws, count), unit)
}
