// Package demo makes deterministic, realistic demo data for tkm at any size,
// from ten groups to a million: cohorts, groups with their members, and demo
// logins.
//
// The same seed and size always give the same data, byte for byte: every
// random choice comes from one PCG generator seeded from the seed, in a fixed
// order, with no map iteration, clock or goroutine involved. Groups stream:
// a run keeps one counter per district and nothing per group, so memory stays
// flat however many groups are made.
package demo

import (
	"iter"
	"math/rand/v2"

	"tkm"
)

// Generator makes demo data from one seed over one region table. It is
// read-only once made, so several runs may share it.
type Generator struct {
	seed      uint64
	size      int        // members per group: the cohorts' group size
	provinces []province // provinces that have at least one place
	places    []place    // every district, province after province
}

// New prepares a generator: it reads the region table once into the tables
// every run uses.
func New(seed uint64, regions tkm.Regions) *Generator {
	g := &Generator{seed: seed, size: tkm.NewCohort().GroupSizeMax}
	for _, p := range regions.Children("") {
		g.addProvince(regions, p)
	}
	return g
}

// Groups yields n groups with their members. cohortIDs are the IDs the store
// gave the cohorts returned by Cohorts, in the same order; the first two are
// used (TKM Pemula 2018, then 2019) and a missing one is left zero. The 2018
// groups come first. Every group is new: the caller may keep or change it.
// The sequence may be ranged over more than once and gives the same groups
// each time. Times are in UTC.
func (g *Generator) Groups(n int, cohortIDs []tkm.ID) iter.Seq[*tkm.Group] {
	return func(yield func(*tkm.Group) bool) {
		r := g.newRun(n, cohortIDs)
		for range r.total[0] + r.total[1] { // n, unless no region has a place
			if grp, _ := r.group(); !yield(grp) {
				return
			}
		}
	}
}

// run is the state of one pass over Groups: O(districts), never O(groups).
type run struct {
	*Generator
	rng   *rand.Rand
	ids   [2]tkm.ID
	left  [2][]int // groups still to make, per cohort and province
	total [2]int   // sum of left, per cohort
	refs  [2]int   // refs handed out so far, per cohort
	nik   []uint32 // people registered so far, per place: the NIK counter
	buf   []byte   // scratch for building text
}

// newRun starts a pass over n groups.
func (g *Generator) newRun(n int, cohortIDs []tkm.ID) *run {
	r := &run{
		Generator: g,
		rng:       rand.New(rand.NewPCG(g.seed, pcgStream)),
		left:      g.plan(n),
		nik:       make([]uint32, len(g.places)),
		buf:       make([]byte, 0, 128),
	}
	copy(r.ids[:], cohortIDs)
	for c := range r.left {
		r.total[c] = sum(r.left[c])
	}
	return r
}

// pcgStream is the second PCG seed word, fixed so that the seed alone
// decides the data.
const pcgStream = 0x746b6d2d64656d6f // "tkm-demo"

// text returns the scratch buffer as a new string.
func (r *run) text() string { return string(r.buf) }

// chance reports true pct times in a hundred.
func (r *run) chance(pct int) bool { return r.rng.IntN(100) < pct }

// oneOf picks an element of list.
func oneOf[T any](r *run, list []T) T { return list[r.rng.IntN(len(list))] }

// weighted is a choice and how many times in a hundred it is made.
type weighted[T any] struct {
	v   T
	pct int
}

// pick draws a choice from list, whose percentages add up to 100.
func pick[T any](r *run, list []weighted[T]) T {
	k := r.rng.IntN(100)
	for _, w := range list {
		if k < w.pct {
			return w.v
		}
		k -= w.pct
	}
	return list[len(list)-1].v
}

func sum(xs []int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}
