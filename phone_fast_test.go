package tkm

import (
	"math/rand/v2"
	"strconv"
	"testing"
)

// FuzzFastMobile checks that the fast path for plain mobile numbers
// agrees with the phonenumbers library wherever it answers.
func FuzzFastMobile(f *testing.F) {
	for _, s := range []string{"081234567890", "6281234567890", "+6281234567890", "81234567890", "0841234567",
		"080123456789", "08123456", "0812345678901", "+62812345678901", "0812345678x", "62", "+62", "0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkFastMobile(t, s) })
}

func checkFastMobile(t *testing.T, s string) {
	fast, ok := fastMobile(s)
	if !ok {
		return
	}
	slow, ferr := parsePhone(s)
	if ferr != nil || slow != fast {
		t.Errorf("%q: fast path %q, library %q %v", s, fast, slow, ferr)
	}
}

// TestFastMobileRandom runs the agreement on many numbers of every prefix
// and length the fast path takes, and those next to them.
func TestFastMobileRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, prefix := range []string{"0", "62", "+62", ""} {
		for second := range 10 {
			for n := 7; n <= 13; n++ {
				national := "8" + strconv.Itoa(second)
				for len(national) < n {
					national += strconv.Itoa(rng.IntN(10))
				}
				checkFastMobile(t, prefix+national)
			}
		}
	}
}
