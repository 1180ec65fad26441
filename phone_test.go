package tkm_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/nyaruka/phonenumbers"

	"tkm"
)

func TestNormalizePhone(t *testing.T) {
	tests := []struct {
		in, want string // want "" with a non-empty in means refused
	}{
		{"081234567890", "+6281234567890"},
		{"6281234567890", "+6281234567890"},
		{"+6281234567890", "+6281234567890"},
		{"0812-3456-7890", "+6281234567890"},
		{"0812 3456 7890", "+6281234567890"},
		{"0812.3456.7890", "+6281234567890"},
		{"(0812) 3456-7890", "+6281234567890"},
		{"+62 812-3456-7890", "+6281234567890"},
		{"+62 (0) 812 3456 7890", "+6281234567890"},
		{"62 812 3456 7890", "+6281234567890"},
		{"  081234567890  ", "+6281234567890"},
		{"08123456789", "+628123456789"},
		{"0812345678", "+62812345678"},
		{"0361 123456", "+62361123456"},
		{"(0361) 123456", "+62361123456"},
		{"62361123456", "+62361123456"},
		{"+62 361 123456", "+62361123456"},
		{"021 5551234", "+62215551234"},
		{"(021) 1500-000", "+62211500000"},

		{"+1 202 555 0123", ""},
		{"+60123456789", ""},
		{"+65 6123 4567", ""},
		{"0812", ""},
		{"112", ""},
		{"0812345678901234", ""},
		{"0812-ABCD-7890", ""},
		{"081234567890 ext 12", ""},
		{"081234567890#", ""},
		{"0812/3456/7890", ""},
		{"0812+34567890", ""},
		{"++6281234567890", ""},
		{"０８１２３４５６７８９０", ""},
		{"0062 812 3456 7890", ""},
		{"+", ""},
		{"-", ""},
		{strings.Repeat("0", 200), ""},
	}
	for _, tt := range tests {
		got, ferr := tkm.NormalizePhone(tt.in)
		if tt.want == "" {
			checkPhoneError(t, tt.in, got, ferr)
			continue
		}
		if ferr != nil || got != tt.want {
			t.Errorf("NormalizePhone(%q) = %q, %v; want %q", tt.in, got, ferr, tt.want)
		}
	}
}

func checkPhoneError(t *testing.T, in, got string, ferr *tkm.FieldError) {
	t.Helper()
	switch {
	case ferr == nil:
		t.Errorf("NormalizePhone(%q) = %q, want phone_invalid", in, got)
	case got != "" || ferr.Field != "phone" || ferr.Code != tkm.PhoneInvalid:
		t.Errorf("NormalizePhone(%q) = %q, %+v; want \"\" and phone/phone_invalid", in, got, ferr)
	case !strings.Contains(ferr.Message, "0812-3456-7890") || !strings.Contains(ferr.English, "0812-3456-7890"):
		t.Errorf("NormalizePhone(%q) messages %q / %q show no example", in, ferr.Message, ferr.English)
	}
}

func TestNormalizePhoneEmpty(t *testing.T) {
	for _, in := range []string{"", "   ", "\t"} {
		if got, ferr := tkm.NormalizePhone(in); got != "" || ferr != nil {
			t.Errorf("NormalizePhone(%q) = %q, %v; want \"\", nil", in, got, ferr)
		}
	}
}

func TestFormatPhone(t *testing.T) {
	tests := []struct{ in, want string }{
		{"+6281234567890", "0812-3456-7890"},
		{"+628123456789", "0812-3456-789"},
		{"+62361123456", "(0361) 123456"},
		{"+62215551234", "(021) 5551234"},
		{"+12025550123", "+1 202-555-0123"},
		{"", ""},
		{"not a phone", "not a phone"},
	}
	for _, tt := range tests {
		if got := tkm.FormatPhone(tt.in); got != tt.want {
			t.Errorf("FormatPhone(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestFormatMobileAsTheLibrary checks that the fast path for mobiles
// formats exactly as libphonenumber does.
func TestFormatMobileAsTheLibrary(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		national := fmt.Sprintf("08%d%010d", 1+r.IntN(9), r.Int64N(1e10))[:10+r.IntN(4)]
		e164, ferr := tkm.NormalizePhone(national)
		if ferr != nil {
			continue
		}
		num, _ := phonenumbers.Parse(e164, "ID")
		if want := phonenumbers.Format(num, phonenumbers.NATIONAL); tkm.FormatPhone(e164) != want {
			t.Fatalf("FormatPhone(%q) = %q, library says %q", e164, tkm.FormatPhone(e164), want)
		}
	}
}

// TestFormatPhoneRoundTrip checks that what FormatPhone shows normalizes
// back to the stored number.
func TestFormatPhoneRoundTrip(t *testing.T) {
	for _, e164 := range []string{"+6281234567890", "+628123456789", "+62361123456", "+62215551234"} {
		shown := tkm.FormatPhone(e164)
		if got, ferr := tkm.NormalizePhone(shown); ferr != nil || got != e164 {
			t.Errorf("NormalizePhone(FormatPhone(%q) = %q) = %q, %v", e164, shown, got, ferr)
		}
	}
}

func FuzzNormalizePhone(f *testing.F) {
	for _, s := range []string{"081234567890", "6281234567890", "+62 (0) 812 3456 7890", "0361 123456",
		"62361123456", "+60123456789", "0812-ABCD-7890", "", "+", "0062 812 3456 7890"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ferr := tkm.NormalizePhone(s)
		if ferr != nil {
			if got != "" || ferr.Code != tkm.PhoneInvalid {
				t.Fatalf("NormalizePhone(%q) = %q, %+v", s, got, ferr)
			}
			return
		}
		if got == "" {
			if strings.TrimSpace(s) != "" {
				t.Fatalf("NormalizePhone(%q) = \"\" without an error", s)
			}
			return
		}
		if !strings.HasPrefix(got, "+62") {
			t.Fatalf("NormalizePhone(%q) = %q, want +62…", s, got)
		}
		if again, ferr := tkm.NormalizePhone(got); ferr != nil || again != got {
			t.Fatalf("NormalizePhone(%q) = %q, but NormalizePhone(%q) = %q, %v", s, got, got, again, ferr)
		}
	})
}

func BenchmarkNormalizePhone(b *testing.B) {
	for b.Loop() {
		if _, ferr := tkm.NormalizePhone("0812-3456-7890"); ferr != nil {
			b.Fatal(ferr.English)
		}
	}
}

func BenchmarkFormatPhone(b *testing.B) {
	for b.Loop() {
		tkm.FormatPhone("+6281234567890")
	}
}
