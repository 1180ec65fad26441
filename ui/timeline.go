package ui

import (
	"time"

	"tkm"
)

// The group page shows the way: the stages of the path, each done, the
// current one, the next one with its gates ticked or missing, and the
// next action to take in plain words.

// stageStep is one stage on the timeline.
type stageStep struct {
	Stage, Label string
	Class        string // "timeline__step timeline__step--done"
	Current      bool
	Todo         bool   // a stage still ahead, past the next: drawn plainly
	Status       string // "Selesai", "Tahap sekarang", …: said, and printed
	Detail       string // when and by whom it was reached, or since when it holds
	Note         string // why a group left the path
	Gates        []gateLine
}

// gateLine is one gate of a stage, met or not.
type gateLine struct {
	ID         string // "gate-quota"; empty in the history, where the timeline holds the ids
	Name, Text string
	Met        bool
}

// todoLine is one thing to do next, with where to do it when the user may.
type todoLine struct {
	Text, Href, Link string
}

// exitLine says when, by whom and why a group was rejected or dropped.
type exitLine struct {
	Stage, Label, Detail, Reason string
}

// stageStates are the states of a step, each with its status text.
const (
	stepDone    = "done"
	stepCurrent = "current"
	stepNext    = "next"
	stepTodo    = "todo"
	stepExit    = "exit"
)

// timeline lays out the path of rec's group; a group that left it shows
// the stages it reached, then its exit.
func timeline(p printer, rec *groupRecord) ([]stageStep, *exitLine) {
	g := rec.Group
	reached := map[tkm.Stage]*tkm.Transition{}
	for _, t := range rec.History {
		reached[t.To] = t
	}
	at := pathIndex(g.Stage)
	var exit *exitLine
	if !g.Stage.Active() {
		t := reached[g.Stage]
		exit = &exitLine{Stage: string(g.Stage), Label: g.Stage.Label(p.en()), Detail: p.shortDate(g.StageSince)}
		if t != nil {
			at, exit.Detail, exit.Reason = pathIndex(t.From), p.reachedBy(t), t.Note
		}
	}
	steps := make([]stageStep, 0, len(tkm.Path)+1)
	for i, s := range tkm.Path {
		st := stageStep{Stage: string(s), Label: s.Label(p.en())}
		switch {
		case i < at || (i == at && exit != nil):
			st.setState(p, stepDone)
			st.Detail = p.doneDetail(g, s, reached[s])
		case i == at:
			st.setState(p, stepCurrent)
			st.Detail = p.T("timeline.since", p.longDate(g.StageSince), p.days(g.StageSince))
		case exit != nil:
			continue
		case i == at+1:
			st.setState(p, stepNext)
			st.Gates = gateLines(p, rec.Gates)
		default:
			st.setState(p, stepTodo)
		}
		steps = append(steps, st)
	}
	if exit != nil {
		st := stageStep{Stage: exit.Stage, Label: exit.Label, Detail: exit.Detail, Note: exit.Reason}
		st.setState(p, stepExit)
		steps = append(steps, st)
	}
	return steps, exit
}

// setState sets a step's state, its class and its status text.
func (st *stageStep) setState(p printer, state string) {
	st.Class = "timeline__step timeline__step--" + state
	st.Current, st.Todo = state == stepCurrent, state == stepTodo
	st.Status = p.T("timeline.status." + state)
}

// pathIndex is a stage's place on the path, or -1 off it.
func pathIndex(s tkm.Stage) int {
	for i, p := range tkm.Path {
		if p == s {
			return i
		}
	}
	return -1
}

// doneDetail says when a stage was reached and by whom: a group starts
// registered, and a stage reached before the history was kept says nothing.
func (p printer) doneDetail(g *tkm.Group, s tkm.Stage, t *tkm.Transition) string {
	switch {
	case s == tkm.StageRegistered:
		return p.T("timeline.registered", p.shortDate(g.CreatedAt))
	case t == nil:
		return ""
	}
	return p.reachedBy(t)
}

// reachedBy says when and by whom a move was made, and whether it passed
// a gate that was not met.
func (p printer) reachedBy(t *tkm.Transition) string {
	s := p.T("timeline.by", p.shortDate(t.At), t.UserName)
	if t.Override {
		s += " (" + p.T("history.override") + ")"
	}
	return s
}

// days says how long ago t was, in whole days of WIB: "hari ini",
// "1 hari", "12 hari".
func (p printer) days(t time.Time) string {
	n := daysSince(t)
	switch n {
	case 0:
		return p.T("days.0")
	case 1:
		return p.T("days.1")
	}
	return p.T("days.n", n)
}

// daysSince counts the days of WIB from t's to today's; never below zero.
func daysSince(t time.Time) int {
	then := tkm.DateOf(t.In(wib).Date()).Time()
	return max(0, int(today().Time().Sub(then).Hours()/24))
}

// gateLines shows gates as judged, in the page's language.
func gateLines(p printer, rs []tkm.GateResult) []gateLine {
	lines := make([]gateLine, len(rs))
	for i, r := range rs {
		lines[i] = gateLine{ID: "gate-" + r.Code, Name: p.T("gate." + r.Code), Text: p.pick(r.Message, r.English), Met: r.Met}
	}
	return lines
}

// todo is the next action on the group's way, in plain words: one
// sentence for each gate of the next stage still unmet, with a link to
// where it is done when the user may do it.
func (v *groupView) todo(rec *groupRecord) []todoLine {
	g := rec.Group
	next := g.Stage.Next()
	switch {
	case !g.Stage.Active():
		return nil
	case next == "":
		return []todoLine{{Text: v.T("next.graduated")}}
	}
	var lines []todoLine
	for _, r := range tkm.Unmet(rec.Gates) {
		l := todoLine{Text: v.T("gate." + r.Code + ".todo")}
		l.Href, l.Link = v.todoLink(r.Code, rec)
		lines = append(lines, l)
	}
	if len(lines) == 0 {
		return []todoLine{{Text: v.T("next.ready", next.Label(v.en()))}}
	}
	return lines
}

// todoLink is where to meet a gate, when the user may do it there.
func (v *groupView) todoLink(code string, rec *groupRecord) (href, label string) {
	base := "/kelompok/" + rec.Group.ID.String()
	switch code {
	case tkm.GateTrainingAttendance, tkm.GateKelembagaanAttendance:
		return "/pelatihan", v.T("next.link.trainings")
	case tkm.GateAidDisbursed:
		if v.CanRecordAid {
			return base + "/bantuan/baru", v.T("aid.new")
		}
	case tkm.GateProductEvidence:
		if !v.CanWrite {
			return "", ""
		}
		for _, p := range rec.Products {
			if len(p.Photos) == 0 {
				return base + "/produk/" + p.ID.String() + "/foto", v.T("product.photo.add")
			}
		}
		return base + "/produk/baru", v.T("product.new")
	case tkm.GateAccountabilityReport:
		for _, l := range rec.LPJs {
			if l.Status == tkm.LPJSubmitted && v.CanReview {
				return base + "/lpj/" + l.ID.String() + "/periksa", v.T("lpj.review")
			}
		}
		if v.CanWrite {
			return base + "/lpj/baru", v.T("lpj.new")
		}
	case tkm.GateMonitoringReport:
		if v.CanWrite {
			return base + "/laporan/baru", v.T("report.new")
		}
	}
	return "", ""
}

// historyLine is one move in the group's history.
type historyLine struct {
	At, From, To, By, Note string
	Override               bool
	Gates                  []gateLine
}

// historyLines lists the group's moves, newest first.
func historyLines(p printer, ts []*tkm.Transition) []historyLine {
	lines := make([]historyLine, len(ts))
	for i, t := range ts {
		gates := gateLines(p, t.Gates)
		for j := range gates {
			gates[j].ID = "" // the timeline's gates hold the ids
		}
		note := t.Note
		if note == "" && !t.Override {
			note = "—"
		}
		lines[len(ts)-1-i] = historyLine{At: p.moment(t.At, false), From: t.From.Label(p.en()), To: t.To.Label(p.en()),
			By: t.UserName, Note: note, Override: t.Override, Gates: gates}
	}
	return lines
}
