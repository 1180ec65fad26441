package pdf

import (
	"strings"
	"testing"
	"time"

	"tkm"
)

// testRegions is a region table of two regencies of Bali and a city of
// Jakarta.
type testRegions map[string]string

func (rs testRegions) Region(code string) (tkm.Region, bool) {
	name, ok := rs[code]
	return tkm.Region{Code: code, Name: name, Level: tkm.LevelOf(code)}, ok
}
func (testRegions) Children(string) []tkm.Region       { return nil }
func (testRegions) Resolve(code string) (string, bool) { return code, true }

func TestPlaceName(t *testing.T) {
	rs := testRegions{"51": "Bali", "51.03": "Kabupaten Badung", "51.71": "Kota Denpasar",
		"31.71": "Kota Administrasi Jakarta Pusat"}
	tests := map[string]string{"51.03.05.2001": "Badung", "51.03": "Badung", "51.71": "Denpasar",
		"31.71": "Jakarta Pusat", "51": "Bali", "99.01": "", "": ""}
	for code, want := range tests {
		if got := placeName(rs, code); got != want {
			t.Errorf("placeName(%q) = %q, want %q", code, got, want)
		}
	}
	if got := placeName(nil, "51.03"); got != "" {
		t.Errorf("placeName without regions = %q", got)
	}
	if got := regencyPath(rs, "51.03.05.2001"); got != "Kabupaten Badung, Bali" {
		t.Errorf("regencyPath = %q", got)
	}
}

func TestExpoDates(t *testing.T) {
	d := tkm.DateOf(2019, time.November, 19)
	tests := []struct {
		from, to tkm.Date
		want     string
	}{
		{d, d.AddDays(2), "19 November 2019 s.d. 21 November 2019"},
		{d, d, "19 November 2019"},
		{d, tkm.Date{}, "19 November 2019"},
		{tkm.Date{}, d, "19 November 2019"},
		{tkm.Date{}, tkm.Date{}, "-"},
	}
	for _, tt := range tests {
		if got := expoDates(&tkm.Expo{StartsOn: tt.from, EndsOn: tt.to}); got != tt.want {
			t.Errorf("expoDates(%v, %v) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestExpoTitle(t *testing.T) {
	tests := map[string]string{"Pameran Produk TKM 2019": "Laporan Pameran Produk TKM 2019",
		"TKM Expo 2023": "Laporan TKM Expo 2023", "Inacraft 2024": "Laporan Pameran Inacraft 2024"}
	for name, want := range tests {
		if got := expoTitle("Laporan", &tkm.Expo{Name: name}); got != want {
			t.Errorf("expoTitle(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestClip(t *testing.T) {
	d := newDoc(meta{})
	d.font("", bodyPt)
	short := "Keripik pisang Café"
	if got := d.clip(short, 60, 1); got != short {
		t.Errorf("clip of a short text = %q", got)
	}
	long := strings.Repeat("Keripik pisang khas Tabanan, renyah dan gurih. ", 10) + "Renée’s"
	got := d.clip(long, 60, 2)
	if n := len(d.lines(got, 60)); n != 2 || !strings.HasSuffix(got, "…") {
		t.Errorf("clip to 2 lines = %q (%d lines)", got, n)
	}
	if got := d.clip(strings.Repeat("W", 200), 30, 1); len(d.lines(got, 30)) != 1 {
		t.Errorf("a long word is not clipped to one line: %q", got)
	}
}

func TestFromWinAnsi(t *testing.T) {
	for _, s := range []string{"Renée D’Souza", "“Butterfly” – €5 …", "plain"} {
		if got := fromWinAnsi(winAnsi(s)); got != s {
			t.Errorf("fromWinAnsi(winAnsi(%q)) = %q", s, got)
		}
	}
}
