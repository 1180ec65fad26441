package demo

import "tkm"

// NIKs are unique by construction, without remembering them. A NIK is
// district digits + birth date (day +40 for women) + serial, so within a
// district the pair (birth date, serial) must never repeat. Each district
// counts the people registered there, and person k of a district gets slot
// permute(k): a keyed permutation of [0, nikSpace), so different people get
// different slots. A slot splits into a birth date (slot mod birthDays) and
// a serial (1 + slot / birthDays). The key comes from the seed and the
// district, so every district (and every seed) spreads its people over
// birth dates and serials in its own order.
//
// A district holds up to nikSpace (1,038,771) people; with the shipped
// region table a million groups put fewer than 10,000 in any district.
const (
	birthDays = 13149               // birthFirst … birthLast, both included
	serials   = 79                  // 0001 … 0079: nikSpace just fits in 20 bits
	nikSpace  = birthDays * serials // slots per district
	halfBits  = 10                  // the permutation works on 2 × 10 bits
	halfMask  = 1<<halfBits - 1
)

// Birth dates such that everyone is 18–54 years old on 1 January of both
// cohort years (2018 and 2019), inside every cohort's 17–55 rule.
var (
	birthFirst = tkm.DateOf(1964, 1, 2)
	birthLast  = tkm.DateOf(2000, 1, 1)
)

// nextNIK returns a new NIK of place at for a person of sex s, and the
// birth date it encodes.
func (r *run) nextNIK(at int, s tkm.Sex) (string, tkm.Date) {
	slot := permute(uint64(r.nik[at]), mix(r.seed^mix(uint64(at))))
	r.nik[at]++
	birth := birthFirst.AddDays(int(slot % birthDays))
	day := birth.Day()
	if s == tkm.SexFemale {
		day += 40
	}
	b := append(r.buf[:0], r.places[at].digits[:]...)
	b = appendPadded(b, day, 2)
	b = appendPadded(b, int(birth.Month()), 2)
	b = appendPadded(b, birth.Year()%100, 2)
	r.buf = appendPadded(b, int(slot/birthDays)+1, 4)
	return r.text(), birth
}

// permute maps k in [0, nikSpace) to a slot in [0, nikSpace), one to one.
// A Feistel network permutes all 20-bit numbers; applying it again until
// the result falls inside the space ("cycle walking") keeps it one to one
// on the space. nikSpace is 99% of 2^20, so it rarely walks.
func permute(k, key uint64) uint64 {
	for {
		k = feistel(k, key)
		if k < nikSpace {
			return k
		}
	}
}

// feistel is a four-round Feistel network on 20-bit numbers: whatever the
// round function, each round can be undone, so it is a permutation.
func feistel(x, key uint64) uint64 {
	l, r := x>>halfBits, x&halfMask
	for i := range uint64(4) {
		l, r = r, l^(mix(r^(key+i))&halfMask)
	}
	return l<<halfBits | r
}

// mix scrambles a 64-bit value (the SplitMix64 finaliser).
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}
