package tkm_test

import (
	"reflect"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"tkm"
	"tkm/region"
)

// testRegions is the real reference table (38 provinces, 514 regencies,
// the retired Papua codes), loaded once for all tests.
var testRegions = sync.OnceValues(region.Load)

// realRegions returns the reference table or stops the test.
func realRegions(tb testing.TB) tkm.Regions {
	tb.Helper()
	t, err := testRegions()
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

func TestParseNIK(t *testing.T) {
	regs := realRegions(t)
	ok := func(regency string, day, month, yy int, sex tkm.Sex) tkm.NIK {
		return tkm.NIK{Regency: regency, Day: day, Month: month, YY: yy, Sex: sex}
	}
	tests := []struct {
		name string
		in   string
		want tkm.NIK // Number, District and Serial are checked separately
		code string  // the hard error expected, "" for none
	}{
		{"man", "5103051201900001", ok("51.03", 12, 1, 90, tkm.SexMale), ""},
		{"woman", "5103055201900001", ok("51.03", 12, 1, 90, tkm.SexFemale), ""},
		{"spaces trimmed", "  5103051201900001 ", ok("51.03", 12, 1, 90, tkm.SexMale), ""},
		{"tab and newline trimmed", "\t5103051201900001\r\n", ok("51.03", 12, 1, 90, tkm.SexMale), ""},
		{"city", "5171011508850123", ok("51.71", 15, 8, 85, tkm.SexMale), ""},
		{"serial 9999", "5103051201909999", ok("51.03", 12, 1, 90, tkm.SexMale), ""},

		{"empty", "", tkm.NIK{}, tkm.NIKLength},
		{"blank", "   ", tkm.NIK{}, tkm.NIKLength},
		{"15 digits", "510305120190000", tkm.NIK{}, tkm.NIKLength},
		{"17 digits", "51030512019000011", tkm.NIK{}, tkm.NIKLength},
		{"inner spaces", "5103 0512 0190 0001", tkm.NIK{}, tkm.NIKLength},
		{"letters, wrong length", "ABCD", tkm.NIK{}, tkm.NIKLength},
		{"letter O", "51030512019O0001", tkm.NIK{}, tkm.NIKDigits},
		{"dash", "5103-51201900001", tkm.NIK{}, tkm.NIKDigits},
		{"fullwidth digit counts as one character", "５103051201900001", tkm.NIK{}, tkm.NIKDigits},
		{"minus sign", "-103051201900001", tkm.NIK{}, tkm.NIKDigits},

		{"historical Papua 91.01", "9101051201900001", ok("91.01", 12, 1, 90, tkm.SexMale), ""},
		{"current Papua 91.03", "9103051201900001", ok("91.03", 12, 1, 90, tkm.SexMale), ""},
		{"current Papua Selatan 93.01", "9301051201900001", ok("93.01", 12, 1, 90, tkm.SexMale), ""},
		{"historical Papua Barat 92.01", "9201051201900001", ok("92.01", 12, 1, 90, tkm.SexMale), ""},
		{"current Papua Barat Daya 96.01", "9601051201900001", ok("96.01", 12, 1, 90, tkm.SexMale), ""},
		{"Jakarta Selatan 31.71", "3171051201900001", ok("31.71", 12, 1, 90, tkm.SexMale), ""},
		{"Aceh Selatan 11.01", "1101051201900001", ok("11.01", 12, 1, 90, tkm.SexMale), ""},
		{"unknown province 99", "9901051201900001", tkm.NIK{}, tkm.NIKRegion},
		{"unknown regency 51.99", "5199051201900001", tkm.NIK{}, tkm.NIKRegion},
		{"province alone 51.00", "5100051201900001", tkm.NIK{}, tkm.NIKRegion},
		{"zeros", "0000000000000000", tkm.NIK{}, tkm.NIKRegion},
		{"unknown district is fine", "5103991201900001", ok("51.03", 12, 1, 90, tkm.SexMale), ""},

		{"day 00", "5103050001900001", tkm.NIK{}, tkm.NIKDate},
		{"day 01", "5103050101900001", ok("51.03", 1, 1, 90, tkm.SexMale), ""},
		{"day 31 January", "5103053101900001", ok("51.03", 31, 1, 90, tkm.SexMale), ""},
		{"day 30 April", "5103053004900001", ok("51.03", 30, 4, 90, tkm.SexMale), ""},
		{"day 31 April", "5103053104900001", tkm.NIK{}, tkm.NIKDate},
		{"day 31 November", "5103053111900001", tkm.NIK{}, tkm.NIKDate},
		{"day 32", "5103053201900001", tkm.NIK{}, tkm.NIKDate},
		{"day 40", "5103054001900001", tkm.NIK{}, tkm.NIKDate},
		{"woman day 41", "5103054101900001", ok("51.03", 1, 1, 90, tkm.SexFemale), ""},
		{"woman day 71 January", "5103057101900001", ok("51.03", 31, 1, 90, tkm.SexFemale), ""},
		{"woman day 71 April", "5103057104900001", tkm.NIK{}, tkm.NIKDate},
		{"woman day 70 April", "5103057004900001", ok("51.03", 30, 4, 90, tkm.SexFemale), ""},
		{"day 72", "5103057201900001", tkm.NIK{}, tkm.NIKDate},
		{"day 99", "5103059901900001", tkm.NIK{}, tkm.NIKDate},
		{"month 00", "5103051200900001", tkm.NIK{}, tkm.NIKDate},
		{"month 12", "5103051212900001", ok("51.03", 12, 12, 90, tkm.SexMale), ""},
		{"month 13", "5103051213900001", tkm.NIK{}, tkm.NIKDate},
		{"29 Feb YY 00 (2000 leap)", "5103052902000001", ok("51.03", 29, 2, 0, tkm.SexMale), ""},
		{"29 Feb YY 01", "5103052902010001", tkm.NIK{}, tkm.NIKDate},
		{"29 Feb YY 96", "5103052902960001", ok("51.03", 29, 2, 96, tkm.SexMale), ""},
		{"29 Feb YY 04 (1904 and 2004 leap)", "5103052902040001", ok("51.03", 29, 2, 4, tkm.SexMale), ""},
		{"woman 29 Feb YY 88", "5103056902880001", ok("51.03", 29, 2, 88, tkm.SexFemale), ""},
		{"woman 29 Feb YY 89", "5103056902890001", tkm.NIK{}, tkm.NIKDate},
		{"28 Feb YY 01", "5103052802010001", ok("51.03", 28, 2, 1, tkm.SexMale), ""},
		{"30 Feb YY 00", "5103053002000001", tkm.NIK{}, tkm.NIKDate},

		{"serial 0000", "5103051201900000", tkm.NIK{}, tkm.NIKSerial},

		{"region before date", "9901050000000000", tkm.NIK{}, tkm.NIKRegion},
		{"date before serial", "5103050013000000", tkm.NIK{}, tkm.NIKDate},
		{"digits before region", "99010512019000x1", tkm.NIK{}, tkm.NIKDigits},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ferr := tkm.ParseNIK(tt.in, regs)
			if tt.code != "" {
				checkNIKError(t, ferr, tt.code)
				if !reflect.DeepEqual(got, tkm.NIK{}) {
					t.Errorf("ParseNIK(%q) = %+v with an error, want the zero NIK", tt.in, got)
				}
				return
			}
			if ferr != nil {
				t.Fatalf("ParseNIK(%q) error %s: %s", tt.in, ferr.Code, ferr.English)
			}
			num := strings.TrimSpace(tt.in)
			want := tt.want
			want.Number, want.District, want.Serial = num, want.Regency+"."+num[4:6], num[12:]
			if got != want {
				t.Errorf("ParseNIK(%q) = %+v, want %+v", tt.in, got, want)
			}
		})
	}
}

func checkNIKError(t *testing.T, ferr *tkm.FieldError, code string) {
	t.Helper()
	switch {
	case ferr == nil:
		t.Fatalf("no error, want %s", code)
	case ferr.Code != code:
		t.Errorf("error code %s (%s), want %s", ferr.Code, ferr.English, code)
	case ferr.Field != "nik":
		t.Errorf("error field %q, want nik", ferr.Field)
	case ferr.Message == "" || ferr.English == "" || ferr.Message == ferr.English:
		t.Errorf("messages %q / %q: want one in Indonesian and one in English", ferr.Message, ferr.English)
	}
}

// TestParseNIKMessages checks that every hard error shows what a good
// NIK looks like in both languages.
func TestParseNIKMessages(t *testing.T) {
	for _, in := range []string{"1", "51030512019O0001", "9901051201900001", "5103053201900001", "5103051201900000"} {
		_, ferr := tkm.ParseNIK(in, realRegions(t))
		if ferr == nil {
			t.Fatalf("ParseNIK(%q): no error", in)
		}
		for _, msg := range []string{ferr.Message, ferr.English} {
			if !strings.Contains(msg, "5103") && !strings.Contains(msg, "120190") {
				t.Errorf("%s message %q gives no example", ferr.Code, msg)
			}
			if len(in) == 16 && strings.Contains(msg, in) {
				t.Errorf("%s message %q repeats the NIK", ferr.Code, msg)
			}
		}
	}
}

func TestNIKCheck(t *testing.T) {
	man := mustNIK(t, "5103051201900001")
	woman := mustNIK(t, "5103055201900001")
	tests := []struct {
		name  string
		nik   tkm.NIK
		birth tkm.Date
		sex   tkm.Sex
		want  []string
	}{
		{"all agree", man, tkm.DateOf(1990, 1, 12), tkm.SexMale, nil},
		{"woman agrees", woman, tkm.DateOf(1990, 1, 12), tkm.SexFemale, nil},
		{"nothing given", man, tkm.Date{}, "", nil},
		{"century not compared", man, tkm.DateOf(1890, 1, 12), tkm.SexMale, nil},
		{"other day", man, tkm.DateOf(1990, 1, 13), tkm.SexMale, []string{tkm.NIKBirthDateMismatch}},
		{"woman, other day", woman, tkm.DateOf(1990, 1, 11), "", []string{tkm.NIKBirthDateMismatch}},
		{"other month", man, tkm.DateOf(1990, 2, 12), "", []string{tkm.NIKBirthDateMismatch}},
		{"other year", man, tkm.DateOf(1991, 1, 12), "", []string{tkm.NIKBirthDateMismatch}},
		{"same yy other century is fine", man, tkm.DateOf(2090, 1, 12), "", nil},
		{"woman as man", woman, tkm.Date{}, tkm.SexMale, []string{tkm.NIKSexMismatch}},
		{"man as woman", man, tkm.Date{}, tkm.SexFemale, []string{tkm.NIKSexMismatch}},
		{"both", man, tkm.DateOf(1990, 12, 1), tkm.SexFemale, []string{tkm.NIKBirthDateMismatch, tkm.NIKSexMismatch}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws := tt.nik.Check(tt.birth, tt.sex)
			var codes []string
			for _, w := range ws {
				codes = append(codes, w.Code)
				if w.Field != "nik" || w.Message == "" || w.English == "" {
					t.Errorf("warning %+v: want field nik and messages in both languages", w)
				}
			}
			if !reflect.DeepEqual(codes, tt.want) {
				t.Errorf("Check(%v, %q) = %v, want %v", tt.birth, tt.sex, codes, tt.want)
			}
		})
	}
}

func mustNIK(tb testing.TB, s string) tkm.NIK {
	tb.Helper()
	n, ferr := tkm.ParseNIK(s, realRegions(tb))
	if ferr != nil {
		tb.Fatalf("ParseNIK(%q): %s", s, ferr.English)
	}
	return n
}

func TestMaskNIK(t *testing.T) {
	tests := []struct{ in, want string }{
		{"5103051201900001", "5103••••••••0001"},
		{"9101051201900001", "9101••••••••0001"},
		{"", ""},
		{"123", "•••"},
		{"510305120190000", strings.Repeat("•", 15)},
		{"51030512019000011", strings.Repeat("•", 17)},
		{"51030512019O0001", strings.Repeat("•", 16)},
		{"５103051201900001", strings.Repeat("•", 16)},
		{" 5103051201900001", strings.Repeat("•", 17)},
	}
	for _, tt := range tests {
		if got := tkm.MaskNIK(tt.in); got != tt.want {
			t.Errorf("MaskNIK(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzParseNIK(f *testing.F) {
	for _, s := range []string{
		"5103051201900001", "5103055201900001", "9101051201900001", "9901051201900001",
		"5199051201900001", "5103052902000001", "5103052902010001", "5103057201900001",
		"5103051201900000", " 5103051201900001 ", "５103051201900001", "", "\xff\xfe",
	} {
		f.Add(s)
	}
	regs := realRegions(f)
	f.Fuzz(func(t *testing.T, s string) {
		// Beyond a few dozen bytes only the length check runs; longer
		// inputs would only make the fuzzer minimize ever longer strings.
		s = s[:min(len(s), 64)]
		n, ferr := tkm.ParseNIK(s, regs)
		n2, ferr2 := tkm.ParseNIK(s, regs)
		if n != n2 || !reflect.DeepEqual(ferr, ferr2) {
			t.Fatalf("ParseNIK(%q) not deterministic: %+v %v / %+v %v", s, n, ferr, n2, ferr2)
		}
		if got, want := utf8.RuneCountInString(tkm.MaskNIK(s)), utf8.RuneCountInString(s); got != want {
			t.Fatalf("MaskNIK(%q) has %d runes, want %d", s, got, want)
		}
		if ferr != nil {
			if ferr.Field != "nik" || ferr.Code == "" || ferr.Message == "" || ferr.English == "" {
				t.Fatalf("ParseNIK(%q): incomplete error %+v", s, ferr)
			}
			return
		}
		checkParsed(t, s, n)
	})
}

// checkParsed checks the invariants of a NIK that parsed.
func checkParsed(t *testing.T, s string, n tkm.NIK) {
	t.Helper()
	if len(n.Number) != 16 || strings.Trim(n.Number, "0123456789") != "" {
		t.Fatalf("ParseNIK(%q).Number = %q, want 16 digits", s, n.Number)
	}
	if n.Number != strings.TrimSpace(s) {
		t.Fatalf("ParseNIK(%q).Number = %q, want the trimmed input", s, n.Number)
	}
	if n.Day < 1 || n.Day > 31 || n.Month < 1 || n.Month > 12 || n.YY < 0 || n.YY > 99 {
		t.Fatalf("ParseNIK(%q) = %+v: date out of range", s, n)
	}
	if n.Sex != tkm.SexMale && n.Sex != tkm.SexFemale {
		t.Fatalf("ParseNIK(%q).Sex = %q", s, n.Sex)
	}
	if m := tkm.MaskNIK(n.Number); utf8.RuneCountInString(m) != 16 || m[:4] != n.Number[:4] {
		t.Fatalf("MaskNIK(%q) = %q", n.Number, m)
	}
}

func BenchmarkParseNIK(b *testing.B) {
	regs := realRegions(b)
	for b.Loop() {
		if _, ferr := tkm.ParseNIK("5103055201900001", regs); ferr != nil {
			b.Fatal(ferr.English)
		}
	}
}

func BenchmarkMaskNIK(b *testing.B) {
	for b.Loop() {
		tkm.MaskNIK("5103055201900001")
	}
}
