package tkm_test

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"tkm"
)

func TestFormatRupiah(t *testing.T) {
	tests := []struct {
		in   int64
		want string
	}{
		{0, "Rp0"},
		{1, "Rp1"},
		{999, "Rp999"},
		{1000, "Rp1.000"},
		{2500, "Rp2.500"},
		{20000000, "Rp20.000.000"},
		{1500000, "Rp1.500.000"},
		{123456789, "Rp123.456.789"},
		{-1, "-Rp1"},
		{-2500, "-Rp2.500"},
		{-1500000, "-Rp1.500.000"},
		{math.MaxInt64, "Rp9.223.372.036.854.775.807"},
		{math.MinInt64, "-Rp9.223.372.036.854.775.808"},
	}
	for _, tt := range tests {
		if got := tkm.FormatRupiah(tt.in); got != tt.want {
			t.Errorf("FormatRupiah(%d) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		in   int64
		want string
	}{
		{0, "0"},
		{7, "7"},
		{12, "12"},
		{100, "100"},
		{1000, "1.000"},
		{10000, "10.000"},
		{100000, "100.000"},
		{1500000, "1.500.000"},
		{-1000, "-1.000"},
		{-999, "-999"},
		{math.MaxInt64, "9.223.372.036.854.775.807"},
		{math.MinInt64, "-9.223.372.036.854.775.808"},
	}
	for _, tt := range tests {
		if got := tkm.FormatNumber(tt.in); got != tt.want {
			t.Errorf("FormatNumber(%d) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTerbilang(t *testing.T) {
	tests := []struct {
		in   int64
		want string
	}{
		{0, "nol"},
		{1, "satu"},
		{2, "dua"},
		{9, "sembilan"},
		{10, "sepuluh"},
		{11, "sebelas"},
		{12, "dua belas"},
		{15, "lima belas"},
		{19, "sembilan belas"},
		{20, "dua puluh"},
		{21, "dua puluh satu"},
		{99, "sembilan puluh sembilan"},
		{100, "seratus"},
		{101, "seratus satu"},
		{110, "seratus sepuluh"},
		{111, "seratus sebelas"},
		{119, "seratus sembilan belas"},
		{200, "dua ratus"},
		{999, "sembilan ratus sembilan puluh sembilan"},
		{1000, "seribu"},
		{1001, "seribu satu"},
		{1011, "seribu sebelas"},
		{1100, "seribu seratus"},
		{1999, "seribu sembilan ratus sembilan puluh sembilan"},
		{2000, "dua ribu"},
		{10000, "sepuluh ribu"},
		{11000, "sebelas ribu"},
		{12500, "dua belas ribu lima ratus"},
		{100000, "seratus ribu"},
		{101000, "seratus satu ribu"},
		{111111, "seratus sebelas ribu seratus sebelas"},
		{999999, "sembilan ratus sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan"},
		{1_000_000, "satu juta"},
		{1_001_000, "satu juta seribu"},
		{1_500_000, "satu juta lima ratus ribu"},
		{2_000_001, "dua juta satu"},
		{20_000_000, "dua puluh juta"},
		{100_000_000, "seratus juta"},
		{1_000_000_000, "satu miliar"},
		{1_000_000_001, "satu miliar satu"},
		{2_500_000_000, "dua miliar lima ratus juta"},
		{1_000_000_000_000, "satu triliun"},
		{1_234_567_890_123, "satu triliun dua ratus tiga puluh empat miliar lima ratus enam puluh tujuh juta delapan ratus sembilan puluh ribu seratus dua puluh tiga"},
		{999_999_999_999_999, "sembilan ratus sembilan puluh sembilan triliun sembilan ratus sembilan puluh sembilan miliar sembilan ratus sembilan puluh sembilan juta sembilan ratus sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan"},
		{1_000_000_000_000_000, "seribu triliun"},
		{2_000_000_000_000_000, "dua ribu triliun"},
		{1_000_000_000_000_000_000, "satu juta triliun"},
		{math.MaxInt64, "sembilan juta dua ratus dua puluh tiga ribu tiga ratus tujuh puluh dua triliun tiga puluh enam miliar delapan ratus lima puluh empat juta tujuh ratus tujuh puluh lima ribu delapan ratus tujuh"},
		{-1, "minus satu"},
		{-2500, "minus dua ribu lima ratus"},
		{math.MinInt64, "minus sembilan juta dua ratus dua puluh tiga ribu tiga ratus tujuh puluh dua triliun tiga puluh enam miliar delapan ratus lima puluh empat juta tujuh ratus tujuh puluh lima ribu delapan ratus delapan"},
	}
	for _, tt := range tests {
		if got := tkm.Terbilang(tt.in); got != tt.want {
			t.Errorf("Terbilang(%d) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTerbilangRupiah(t *testing.T) {
	tests := []struct {
		in   int64
		want string
	}{
		{0, "nol rupiah"},
		{1_500_000, "satu juta lima ratus ribu rupiah"},
		{20_000_000, "dua puluh juta rupiah"},
		{-2500, "minus dua ribu lima ratus rupiah"},
	}
	for _, tt := range tests {
		if got := tkm.TerbilangRupiah(tt.in); got != tt.want {
			t.Errorf("TerbilangRupiah(%d) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestTerbilangSpacing checks, over many random amounts of every size,
// that the words are separated by exactly one space.
func TestTerbilangSpacing(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		n := r.Int64() >> r.UintN(63) // spread over every magnitude
		if r.IntN(2) == 0 {
			n = -n
		}
		s := tkm.Terbilang(n)
		if s == "" || strings.Contains(s, "  ") || strings.TrimSpace(s) != s {
			t.Fatalf("Terbilang(%d) = %q: bad spacing", n, s)
		}
		if wrongSatu(s) {
			t.Fatalf("Terbilang(%d) = %q: want se- for one hundred/thousand/ten", n, s)
		}
	}
}

// wrongSatu reports whether s says "satu" where Indonesian says se-:
// "satu ratus", "satu puluh", or "satu ribu" for a thousands count of one
// ("seratus satu ribu", 101,000, is right: the count there is 101).
func wrongSatu(s string) bool {
	w := strings.Fields(s)
	for i := 0; i+1 < len(w); i++ {
		if w[i] != "satu" {
			continue
		}
		switch w[i+1] {
		case "ratus", "puluh":
			return true
		case "ribu":
			if i == 0 || strings.Contains("minus triliun miliar juta", w[i-1]) {
				return true
			}
		}
	}
	return false
}

func BenchmarkTerbilang(b *testing.B) {
	for b.Loop() {
		tkm.Terbilang(1_234_567_890_123)
	}
}

func BenchmarkFormatRupiah(b *testing.B) {
	for b.Loop() {
		tkm.FormatRupiah(1_500_000)
	}
}
