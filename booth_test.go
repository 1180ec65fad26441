package tkm_test

import (
	"slices"
	"testing"

	"tkm"
)

func TestCompareBooths(t *testing.T) {
	for _, tt := range []struct{ in, want []string }{
		{[]string{"B1", "A10", "", "a3", "A2", "A02b", "10", "9", "A1", " ", "B01"},
			[]string{"9", "10", "A1", "A2", "A02b", "a3", "A10", "B01", "B1", "", " "}},
		{[]string{"b2", "A10", "A2", "A02b", "10", "9", "B1", "A 3"},
			[]string{"9", "10", "A2", "A02b", "A 3", "A10", "B1", "b2"}},
	} {
		got := slices.Clone(tt.in)
		slices.SortStableFunc(got, tkm.CompareBooths)
		if !slices.Equal(got, tt.want) {
			t.Errorf("booth order %q, want %q", got, tt.want)
		}
	}
}
