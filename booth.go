package tkm

import (
	"cmp"
	"strings"
)

// CompareBooths orders expo booth numbers as a visitor walks them, the same
// on the expo page and in the catalogue: numbers inside a booth compare by
// value ("A2" before "A10", "A02b" after "A2"), letters without regard to
// case, spaces are ignored ("A 3" is "A3"), and a booth without a number
// comes last. Booths equal so far keep their text's order.
func CompareBooths(a, b string) int {
	a0, b0 := a, b
	a, b = strings.ReplaceAll(a, " ", ""), strings.ReplaceAll(b, " ", "")
	switch {
	case a == "" && b != "":
		return 1
	case b == "" && a != "":
		return -1
	}
	return cmp.Or(compareNatural(a, b), strings.Compare(a0, b0))
}

// compareNatural compares a and b run by run: runs of digits by value,
// other runs by their upper case.
func compareNatural(a, b string) int {
	for a != "" && b != "" {
		ra, rb := leadingRun(a), leadingRun(b)
		a, b = a[len(ra):], b[len(rb):]
		if c := compareRuns(ra, rb); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(a), len(b))
}

// leadingRun is the run of digits, or of anything but digits, s starts with.
func leadingRun(s string) string {
	digit := isDigit(s[0])
	i := 1
	for i < len(s) && isDigit(s[i]) == digit {
		i++
	}
	return s[:i]
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func compareRuns(a, b string) int {
	if isDigit(a[0]) && isDigit(b[0]) {
		a, b = strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")
		return cmp.Or(cmp.Compare(len(a), len(b)), strings.Compare(a, b))
	}
	return strings.Compare(strings.ToUpper(a), strings.ToUpper(b))
}
