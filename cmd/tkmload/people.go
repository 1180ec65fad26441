package main

import (
	"fmt"
	"math/rand/v2"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"tkm"
)

// niks makes identity numbers nobody else holds: within a run a counter
// walks every birth date of the range before it moves to the next serial,
// so no two applicants' NIKs meet; a run starts at a serial of its own
// (1000–8999) where the demo data, whose serials stay below 0100, never goes.
type niks struct {
	first tkm.Date // the earliest birth date
	days  int      // birth dates in the range
	base  int      // the run's first serial
	next  atomic.Int64
}

// newNIKs makes NIKs of people aged about 20 to 50 on 1 January of year,
// well inside a cohort's 17–55 rule.
func newNIKs(year int, seed uint64) *niks {
	span := time.Date(year-20, 1, 1, 0, 0, 0, 0, time.UTC).Sub(time.Date(year-50, 1, 1, 0, 0, 0, 0, time.UTC))
	return &niks{first: tkm.DateOf(year-50, 1, 1), days: int(span.Hours() / 24), base: 1000 + int(seed%8000)}
}

// take returns a new NIK registered in regency ("51.03") for a person of
// sex s, and the birth date it encodes.
func (n *niks) take(regency string, s tkm.Sex) (string, tkm.Date) {
	k := int(n.next.Add(1) - 1)
	birth := n.first.AddDays(k % n.days)
	day := birth.Day()
	if s == tkm.SexFemale {
		day += 40
	}
	serial := n.base + k/n.days
	nik := fmt.Sprintf("%s01%02d%02d%02d%04d", strings.ReplaceAll(regency, ".", ""), day, int(birth.Month()), birth.Year()%100, serial)
	return nik, birth
}

var (
	firstNames = strings.Fields("Agus Budi Dewi Eka Fitri Gita Hadi Indah Joko Kartika Lestari Made Nur Putu Rina Sari Tono Wayan Yanti Yusuf")
	lastNames  = strings.Fields("Santoso Wijaya Lestari Saputra Rahayu Hidayat Kusuma Pratama Utami Nugroho Setiawan Wulandari")
	sectors    = []string{"Kerajinan anyaman bambu", "Budidaya lele", "Kue dan roti", "Jahit dan bordir", "Kopi bubuk", "Sablon kaos"}
	groupWords = strings.Fields("Maju Jaya Sejahtera Mandiri Bersama Makmur Harapan Berkah")
)

// applicationForm fills the group step of /daftar as an applicant would:
// the group, and ten members with the first as leader.
func applicationForm(r *rand.Rand, ids *niks, regency string, size int) url.Values {
	f := url.Values{"name": {"KUB " + oneOf(r, groupWords) + " " + oneOf(r, groupWords)}, "sector": {oneOf(r, sectors)},
		"phone": {mobile(r)}, "address": {"Jl. Melati No. " + strconv.Itoa(1+r.IntN(200))}, "rows": {strconv.Itoa(size)}}
	for i := range size {
		addMember(f, r, ids, regency, i)
	}
	return f
}

// addMember fills member row i.
func addMember(f url.Values, r *rand.Rand, ids *niks, regency string, i int) {
	sex := tkm.SexMale
	if r.IntN(2) == 0 {
		sex = tkm.SexFemale
	}
	nik, birth := ids.take(regency, sex)
	role := "anggota"
	if i == 0 {
		role = "ketua"
	}
	p := fmt.Sprintf("members[%d].", i)
	for k, v := range map[string]string{"nik": nik, "name": oneOf(r, firstNames) + " " + oneOf(r, lastNames),
		"sex": string(sex), "birth_date": birth.String(), "phone": mobile(r), "role": role,
		"employment": "unemployed", "education": "SMA", "address": "Dusun " + strconv.Itoa(1+r.IntN(9))} {
		f.Set(p+k, v)
	}
}

// mobile is an Indonesian mobile number as people type it: 08….
func mobile(r *rand.Rand) string { return fmt.Sprintf("0812%08d", r.IntN(100_000_000)) }

func oneOf[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }
