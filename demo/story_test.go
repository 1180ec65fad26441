package demo

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"tkm"
)

func stories(t testing.TB, seed uint64, n int) []*tkm.GroupStory {
	return slices.Collect(New(seed, regions(t)).Stories(n, ids))
}

// TestStoriesKeepGroups: a group is the same with or without its story.
func TestStoriesKeepGroups(t *testing.T) {
	groups := generate(t, 42, 600)
	for i, s := range stories(t, 42, 600) {
		if !reflect.DeepEqual(s.Group, groups[i]) {
			t.Fatalf("group %d differs with its story: %+v, without %+v", i, s.Group, groups[i])
		}
	}
}

func TestStoriesDeterministic(t *testing.T) {
	if !reflect.DeepEqual(stories(t, 42, 300), stories(t, 42, 300)) {
		t.Fatal("same seed and size gave different stories")
	}
}

// TestStoriesValid checks every story of 3,000 groups against the rules an
// officer's own entries must meet: each move allowed and in order, ending
// at the group's stage; each training before the move it leads to and
// attended by at least 80% of the group; the aid valid for its cohort and
// disbursed between the moves around it; the reports valid and monthly.
func TestStoriesValid(t *testing.T) {
	reg, cohort := regions(t), tkm.NewCohort()
	seen := map[tkm.Stage]bool{}
	for _, s := range stories(t, 5, 3000) {
		seen[s.Group.Stage] = true
		moved := checkHistory(t, s)
		for _, a := range s.Trainings {
			checkTraining(t, reg, s, a, moved)
		}
		for _, a := range s.Aid {
			if w, err := a.Validate(cohort, tkm.DateOf(2026, 1, 1)); err != nil || len(w) > 0 {
				t.Fatalf("%s: aid %+v: %v, warnings %v", s.Group.Ref, a, err, w)
			}
			on := a.DisbursedOn.Time()
			if !on.After(moved[tkm.StageTrained]) || !on.Before(moved[tkm.StageAided]) {
				t.Errorf("%s: aid on %s, not between the moves to trained and aided", s.Group.Ref, a.DisbursedOn)
			}
		}
		checkReports(t, s)
	}
	for _, st := range tkm.Stages {
		if !seen[st] {
			t.Errorf("no story ends at %s", st)
		}
	}
}

// checkHistory checks the moves of a story and returns when the group
// entered each stage.
func checkHistory(t *testing.T, s *tkm.GroupStory) map[tkm.Stage]time.Time {
	t.Helper()
	g := s.Group
	moved := map[tkm.Stage]time.Time{tkm.StageRegistered: g.CreatedAt}
	from, last := tkm.StageRegistered, g.CreatedAt
	for _, tr := range s.History {
		if tr.From != from || tkm.CheckMove(tr.From, tr.To, tr.Note) != nil || !tr.At.After(last) || tr.UserName == "" {
			t.Fatalf("%s: move %+v after %s at %s", g.Ref, tr, from, last)
		}
		moved[tr.To] = tr.At
		from, last = tr.To, tr.At
	}
	if from != g.Stage || !last.Equal(g.StageSince) {
		t.Fatalf("%s: history ends at %s on %s, the group is %s since %s", g.Ref, from, last, g.Stage, g.StageSince)
	}
	want := map[tkm.TrainingKind]bool{tkm.Pembekalan: !moved[tkm.StageTrained].IsZero(),
		tkm.Kelembagaan: !moved[tkm.StageInstitutional].IsZero()}
	for _, a := range s.Trainings {
		delete(want, a.Training.Kind)
	}
	if want[tkm.Pembekalan] || want[tkm.Kelembagaan] || len(s.Aid) != count(moved, tkm.StageAided) {
		t.Fatalf("%s: reached %v with trainings %v and %d aid", g.Ref, moved, s.Trainings, len(s.Aid))
	}
	return moved
}

func count(moved map[tkm.Stage]time.Time, s tkm.Stage) int {
	if _, ok := moved[s]; ok {
		return 1
	}
	return 0
}

// checkTraining checks a training a group came to.
func checkTraining(t *testing.T, reg tkm.Regions, s *tkm.GroupStory, a tkm.Attended, moved map[tkm.Stage]time.Time) {
	t.Helper()
	tr, g := *a.Training, s.Group
	tr.GroupIDs = []tkm.ID{1}
	if err := tr.Validate(reg); err != nil || tr.RegionCode != tkm.ProvinceOf(g.RegionCode) {
		t.Fatalf("%s: training %+v: %v", g.Ref, tr, err)
	}
	before, into := tkm.StageApproved, tkm.StageTrained
	if tr.Kind == tkm.Kelembagaan {
		before, into = tkm.StageAided, tkm.StageInstitutional
	}
	if !tr.StartsOn.Time().After(moved[before]) || !tr.EndsOn.Time().Before(moved[into]) {
		t.Errorf("%s: %s training %s–%s, not between the moves on %s and %s", g.Ref, tr.Kind, tr.StartsOn, tr.EndsOn,
			moved[before], moved[into])
	}
	if len(a.Members)*100 < 80*len(g.Members) {
		t.Errorf("%s: %d of %d came to the %s training", g.Ref, len(a.Members), len(g.Members), tr.Kind)
	}
	for _, m := range a.Members {
		if !slices.Contains(g.Members, m) {
			t.Fatalf("%s: %s came to its training but is not a member", g.Ref, m.Name)
		}
	}
}

// checkReports checks a story's monitoring reports: only after aid, one a
// month in order, each valid and made after its month.
func checkReports(t *testing.T, s *tkm.GroupStory) {
	t.Helper()
	g := s.Group
	if len(s.Reports) > 0 && len(s.Aid) == 0 {
		t.Fatalf("%s: reports without aid", g.Ref)
	}
	if (g.Stage == tkm.StageGraduated || g.Stage == tkm.StageInstitutional) && len(s.Reports) == 0 {
		t.Errorf("%s: %s without a monitoring report", g.Ref, g.Stage)
	}
	prev := ""
	if len(s.Aid) > 0 {
		prev = s.Aid[0].DisbursedOn.String()[:7]
	}
	for _, r := range s.Reports {
		if err := r.Validate(tkm.DateOf(2026, 1, 1)); err != nil || r.Period <= prev || r.Revenue <= 0 ||
			r.CreatedAt.Format("2006-01") <= r.Period {
			t.Fatalf("%s: report %+v after %s: %v", g.Ref, r, prev, err)
		}
		prev = r.Period
	}
}

// TestStoriesShareTrainings: a province's groups of a month come to one
// training together, in classes of at most 25 groups, so trainings are far
// fewer than groups and none is too big for a hall.
func TestStoriesShareTrainings(t *testing.T) {
	groups, attended := map[*tkm.Training]int{}, 0
	for _, s := range stories(t, 9, 20_000) {
		for _, a := range s.Trainings {
			groups[a.Training]++
			attended++
		}
	}
	full := 0
	for tr, n := range groups {
		if n > classSize {
			t.Fatalf("%s takes %d groups", tr.Title, n)
		}
		if n == classSize {
			full++
		}
	}
	if attended < 10_000 || len(groups)*5 > attended || full == 0 {
		t.Errorf("%d trainings (%d full) for %d attendances", len(groups), full, attended)
	}
}
