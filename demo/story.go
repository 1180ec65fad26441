package demo

import (
	"iter"
	"math/rand/v2"
	"strconv"
	"time"

	"tkm"
)

// Stories yields the same groups as Groups, each with its story: the moves
// that took it to its stage, the trainings its members attended, the aid it
// received and its monthly monitoring reports, so that timelines,
// dashboards and gates have something to show. Stories draw from a
// generator of their own, so a group is the same with or without its story.
//
// What a story holds follows the path: a group that reached trained came to
// a pembekalan training the month before (at least 80% of its members, as
// the gate asks); one that reached aided received its cohort's aid amount,
// mostly in equipment; one that reached institutional came to a
// kelembagaan training and reports what it sells each month from the month
// after its aid. LPJs and products are left out: they need documents and
// photos.
func (g *Generator) Stories(n int, cohortIDs []tkm.ID) iter.Seq[*tkm.GroupStory] {
	return func(yield func(*tkm.GroupStory) bool) {
		r := g.newRun(n, cohortIDs)
		t := g.newTeller()
		for range r.total[0] + r.total[1] {
			if !yield(t.story(r.group())) {
				return
			}
		}
	}
}

// storyStream is the second PCG seed word of the stories' generator.
const storyStream = 0x746b6d2d63657269 // "tkm-ceri"

// teller makes stories. It keeps the class of each training that is still
// taking groups and the officers of each province, O(provinces × months),
// never O(groups).
type teller struct {
	*run      // with its own generator of chances, apart from the groups'
	aid       int64
	share     int // the least equipment share of the aid, in percent
	trainings map[trainingKey]*class
	officers  map[string][]string // by province code
}

// classSize is how many groups one class of a training takes: 250 people.
const classSize = 25

// class is the class of a training that is taking groups.
type class struct {
	training *tkm.Training
	number   int // 1 for the first class of its key
	groups   int // taken so far
}

// trainingKey names a training: one per cohort, province, kind and month,
// held in as many classes as its groups need.
type trainingKey struct {
	cohort   int
	province string
	kind     tkm.TrainingKind
	month    tkm.Date // its first day
}

func (g *Generator) newTeller() *teller {
	c := tkm.NewCohort() // the demo's Pemula cohorts keep its aid rules
	return &teller{
		run:       &run{Generator: g, rng: rand.New(rand.NewPCG(g.seed, storyStream)), buf: make([]byte, 0, 128)},
		aid:       c.AidAmount,
		share:     c.EquipmentSharePct,
		trainings: map[trainingKey]*class{},
		officers:  map[string][]string{},
	}
}

// story tells the story of grp.
func (t *teller) story(grp *tkm.Group, m made) *tkm.GroupStory {
	s := &tkm.GroupStory{Group: grp}
	path := pathTo(grp.Stage, m.steps)
	from, since := tkm.StageRegistered, grp.CreatedAt
	for i, to := range path {
		at := grp.StageSince
		if i < len(path)-1 {
			at = t.between(grp.CreatedAt, grp.StageSince, i+1, len(path))
		}
		s.History = append(s.History, t.move(m, from, to, at))
		switch to {
		case tkm.StageTrained:
			s.Trainings = append(s.Trainings, t.attend(grp, m, tkm.Pembekalan, since))
		case tkm.StageAided:
			s.Aid = append(s.Aid, t.handOver(grp, m, at))
		case tkm.StageInstitutional:
			s.Trainings = append(s.Trainings, t.attend(grp, m, tkm.Kelembagaan, since))
		}
		from, since = to, at
	}
	if len(s.Aid) > 0 && (grp.Stage == tkm.StageInstitutional || grp.Stage == tkm.StageGraduated) {
		s.Reports = t.reports(grp, s.Aid[0].DisbursedOn)
	}
	return s
}

// pathTo returns the stages a group entered, in order, to reach s in steps
// moves: along the path, then out to rejected or dropped if it left it.
func pathTo(s tkm.Stage, steps int) []tkm.Stage {
	switch s {
	case tkm.StageRejected, tkm.StageDropped:
		return append(tkm.Path[1:steps:steps], s)
	}
	return tkm.Path[1 : steps+1]
}

// between returns a time during office hours on the day i/n of the way
// from a to b.
func (t *teller) between(a, b time.Time, i, n int) time.Time {
	d := a.Add(b.Sub(a) * time.Duration(i) / time.Duration(n))
	return time.Date(d.Year(), d.Month(), d.Day(), 1+t.rng.IntN(8), t.rng.IntN(60), t.rng.IntN(60), 0, time.UTC)
}

// Reasons a group left the path, as an officer would write them.
var (
	rejectReasons = []string{
		"Anggota masih bekerja di sektor formal.",
		"Berkas persyaratan tidak lengkap.",
		"Alamat usaha tidak dapat diverifikasi.",
	}
	dropReasons = []string{
		"Kelompok bubar karena anggota pindah domisili.",
		"Usaha berhenti dan kelompok tidak aktif lagi.",
		"Kelompok mengundurkan diri.",
	}
)

// move is the move of a group from one stage to the next, by an officer
// of its province; approval is the ministry's.
func (t *teller) move(m made, from, to tkm.Stage, at time.Time) *tkm.Transition {
	tr := &tkm.Transition{From: from, To: to, At: at, UserName: t.officer(m.province)}
	switch to {
	case tkm.StageApproved:
		tr.UserName = ministryOfficer
	case tkm.StageRejected:
		tr.Note = oneOf(t.run, rejectReasons)
	case tkm.StageDropped:
		tr.Note = oneOf(t.run, dropReasons)
	}
	return tr
}

// ministryOfficer approves the groups: the demo login of the ministry.
const ministryOfficer = "Siti Rahmawati"

// officer returns one of the three officers of province p.
func (t *teller) officer(p *province) string {
	names, ok := t.officers[p.code]
	if !ok {
		for range 3 {
			t.buf = t.appendName(t.buf[:0], p.culture, t.sex())
			names = append(names, t.text())
		}
		t.officers[p.code] = names
	}
	return oneOf(t.run, names)
}

// attend returns the training of kind that grp came to after its previous
// move (since), and who came: the province's next one, which starts on the
// first 10th of a month after since. Moves are at least 34 days apart, so
// the training ends before the move it leads to.
func (t *teller) attend(grp *tkm.Group, m made, kind tkm.TrainingKind, since time.Time) tkm.Attended {
	month := tkm.DateOf(since.Year(), since.Month(), 1)
	if since.Day() >= 10 {
		month = tkm.DateOf(since.Year(), since.Month()+1, 1)
	}
	key := trainingKey{m.cohort, m.province.code, kind, month}
	c := t.trainings[key]
	if c == nil || c.groups == classSize {
		n := 1
		if c != nil {
			n = c.number + 1
		}
		c = &class{training: newTraining(key, m.province, n), number: n}
		t.trainings[key] = c
	}
	c.groups++
	came := grp.Members
	if t.chance(20) { // one member missed it: 90% still meets the gate
		skip := len(leaders) + t.rng.IntN(len(came)-len(leaders))
		came = append(came[:skip:skip], came[skip+1:]...)
	}
	return tkm.Attended{Training: c.training, Members: came}
}

// newTraining plans class n of the training of key: three days from the
// 10th of its month at the province's training centre, announced two weeks
// before.
func newTraining(key trainingKey, p *province, n int) *tkm.Training {
	title := "Pembekalan Kewirausahaan"
	if key.kind == tkm.Kelembagaan {
		title = "Bimbingan Teknis Kelembagaan"
	}
	starts := key.month.AddDays(9)
	return &tkm.Training{
		Kind: key.kind,
		Title: title + " TKM Pemula " + strconv.Itoa(cohortYears[key.cohort]) + " Provinsi " + p.name +
			", Kelas " + strconv.Itoa(n),
		StartsOn:   starts,
		EndsOn:     starts.AddDays(2),
		Location:   "Balai Latihan Kerja Provinsi " + p.name,
		RegionCode: p.code,
		CreatedAt:  starts.AddDays(-14).Time().Add(2 * time.Hour),
	}
}

// handOver returns the aid grp received before its move at: the cohort's
// amount, 60–75% of it in its sector's equipment, the rest in materials.
func (t *teller) handOver(grp *tkm.Group, m made, at time.Time) *tkm.Aid {
	const step = 100_000 // prices are in round hundred thousands
	on := tkm.DateOf(at.Year(), at.Month(), at.Day()).AddDays(-1 - t.rng.IntN(10))
	equipment := t.aid * int64(t.share+t.rng.IntN(16)) / 100 / step * step
	qty := int64(1 + t.rng.IntN(3))
	first := equipment * int64(50+t.rng.IntN(21)) / 100 / qty / step * step
	a := &tkm.Aid{
		Amount: t.aid, DisbursedOn: on, Method: tkm.AidTransfer,
		HandoverNo: "BAST/" + grp.Ref, Place: t.places[m.place].regency,
		Items: []tkm.AidItem{
			{Description: m.sector.tools[0], Category: tkm.Equipment, Qty: qty, Unit: "unit", UnitPrice: first},
			{Description: m.sector.tools[1], Category: tkm.Equipment, Qty: 1, Unit: "unit", UnitPrice: equipment - qty*first},
			{Description: m.sector.supplies, Category: tkm.Material, Qty: 1, Unit: "paket", UnitPrice: t.aid - equipment},
		},
		CreatedAt: on.AddDays(1).Time().Add(time.Duration(1+t.rng.IntN(8)) * time.Hour),
	}
	if t.chance(30) {
		a.Method = tkm.AidInKind
	}
	return a
}

// reports returns the monthly monitoring reports of grp from the month
// after its aid to the month before it entered its stage (at least one):
// sales that grow from a few million rupiah, and for a graduate, workers
// hired.
func (t *teller) reports(grp *tkm.Group, aided tkm.Date) []*tkm.Report {
	first := tkm.DateOf(aided.Year(), aided.Month()+1, 1)
	last := tkm.DateOf(grp.StageSince.Year(), grp.StageSince.Month()-1, 1)
	base := int64(2_000_000 + t.rng.IntN(60)*100_000)
	var out []*tkm.Report
	for p := first; len(out) == 0 || !last.Before(p); p = tkm.DateOf(p.Year(), p.Month()+1, 1) {
		k := int64(len(out))
		r := &tkm.Report{
			Period:        p.String()[:7],
			Revenue:       base * (100 + 8*k + int64(t.rng.IntN(21)) - 10) / 100 / 1000 * 1000,
			ActiveMembers: len(grp.Members) - t.rng.IntN(2),
			CreatedAt:     p.AddDays(31 + t.rng.IntN(10)).Time().Add(time.Duration(1+t.rng.IntN(8)) * time.Hour),
		}
		if t.chance(10) {
			r.NewWorkers = 1
		}
		out = append(out, r)
	}
	if grp.Stage == tkm.StageGraduated && t.chance(75) {
		out[len(out)-1].NewWorkers += 1 + t.rng.IntN(2)
	}
	return out
}
