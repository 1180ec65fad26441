package ui

import (
	"cmp"
	"context"
	"fmt"
	"html/template"
	"net/http"

	"tkm"
)

// groupView is a group's page. What it shows is worked out here, once per
// request, so that the template mostly writes out fields: each template
// action costs far more than the Go that fills it, and the members table
// repeats its actions for every member.
type groupView struct {
	base
	Group        *tkm.Group
	CanWrite     bool // the user may change the group and its members
	Deletable    bool // the user may delete the group
	CanRecordAid bool // the user may record aid
	Stage        string
	Since        string // "sejak Selasa, 19 November 2019"
	Region       string // "Kuta, Kabupaten Badung, Bali"
	Cohort       string // "TKM Pemula 2024 (2024, Pemula)"
	Phone        string // "" for none
	Tel          template.URL
	Created      string
	Updated      string
	Heading      string // of the members: "Anggota (10)"
	Caption      string // of the members table
	Members      []memberLine
	Mentor       string // the mentor's name, "—" for none
	Revealed     bool   // the NIKs are shown in full, and the view was audited
	CanReveal    bool   // the user may ask to see the full NIKs
	PublicHref   string // the group's public page, once it has one

	// The way along the stages.
	Timeline []stageStep
	Exit     *exitLine  // how the group left the path; nil on it
	Todo     []todoLine // the next action
	Move     *moveForm  // nil when the user may not move the group, or it cannot move
	History  []historyLine

	// What the group did on the way.
	Trainings []trainingLine
	Aid       []aidLine
	Products  []productLine
	LPJs      []lpjLine
	Reports   []reportLine
	CanReview bool // the user may review an LPJ
}

// memberLine is one row of the members table.
type memberLine struct {
	NIK, Name        string
	Disability       bool
	Sex, SexLabel    string
	Birth, Age       string
	Role, Employment string
	Phone            string // "—" for none
	Edit, Remove     string // the addresses of the member's pages
}

// newGroupView fills the page of the group of rec.
func newGroupView(b base, rec *groupRecord, regions tkm.Regions) *groupView {
	g, c := rec.Group, rec.Cohort
	v := &groupView{base: b, Group: g,
		CanWrite: tkm.Can(b.User, tkm.WriteGroup), Deletable: deletable(b.User, g),
		CanRecordAid: tkm.Can(b.User, tkm.RecordAid), CanReview: tkm.Can(b.User, tkm.ReviewLPJ),
		Stage: g.Stage.Label(b.en()), Since: b.T("group.stage_since.text", b.longDate(g.StageSince)),
		Region: regionPath(regions, g.RegionCode),
		Cohort: fmt.Sprintf("%s (%d, %s)", c.Name, c.Year, b.T("tier."+string(c.Tier))),
		Phone:  tkm.FormatPhone(g.Phone), Tel: telURL(g.Phone),
		Created: b.longDate(g.CreatedAt), Updated: b.longDate(g.UpdatedAt),
		Heading: b.T("group.members.title", len(g.Members)), Caption: b.T("group.members.caption", g.Name),
		Members: memberLines(b.printer, g), Mentor: "—"}
	if g.MentorID != 0 {
		v.Mentor = g.MentorName
	}
	if tkm.CanExhibit(g.Stage) {
		v.PublicHref = tkm.PublicGroupPath(g.ID)
	}
	v.Timeline, v.Exit = timeline(b.printer, rec)
	v.Todo, v.Move = v.todo(rec), newMoveForm(b, rec)
	v.History = historyLines(b.printer, rec.History)
	v.Trainings = trainingLines(b.printer, rec.Trainings, g)
	v.Aid = aidLines(b.printer, rec.Aid, g)
	v.Products = productLines(b.printer, rec.Products, g, v.CanWrite)
	v.LPJs = lpjLines(b.printer, rec.LPJs, g, v.CanWrite, v.CanReview)
	v.Reports = reportLines(b.printer, rec.Reports, g, v.CanWrite)
	return v
}

// memberLines fills the members table of g.
func memberLines(p printer, g *tkm.Group) []memberLine {
	lines := make([]memberLine, len(g.Members))
	today, pages := today(), "/kelompok/"+g.ID.String()+"/anggota/"
	for i, m := range g.Members {
		lines[i] = memberLine{NIK: m.NIK, Name: m.Name, Disability: m.Disability,
			Sex: string(m.Sex), SexLabel: p.T("sex." + string(m.Sex)),
			Birth: p.shortDate(m.BirthDate), Age: p.T("member.age", m.BirthDate.AgeOn(today)),
			Role: p.T("role." + string(m.Role)), Employment: p.T("employment." + string(m.Employment)),
			Phone: cmp.Or(tkm.FormatPhone(m.Phone), "—"),
			Edit:  pages + m.ID.String() + "/ubah", Remove: pages + m.ID.String() + "/hapus"}
	}
	return lines
}

// deletable reports whether u may delete g: a group is deleted only
// before its approval, after that it is dropped.
func deletable(u *tkm.User, g *tkm.Group) bool {
	switch g.Stage {
	case tkm.StageRegistered, tkm.StageVerified, tkm.StageRejected:
		return tkm.Can(u, tkm.DeleteGroup)
	}
	return false
}

// revealParam is the query that asks the group page for full NIKs:
// /kelompok/{id}?nik=lengkap.
const revealParam, revealValue = "nik", "lengkap"

// groupPage shows a group with its way along the stages, what it did on
// the way, and its members, their NIKs masked; with ?nik=lengkap, in full
// to a role that may read them, and the view is recorded in the audit log.
func (h *Handler) groupPage(w http.ResponseWriter, r *http.Request) error {
	reveal := r.URL.Query().Get(revealParam) == revealValue
	var g *tkm.Group
	var v *groupView
	err := h.inView(r, func(r *http.Request) (err error) {
		if g, err = h.groupToShow(r, reveal); err != nil {
			return err
		}
		v, err = h.groupPageOf(w, r, g)
		return err
	})
	if err != nil {
		return err
	}
	v.Revealed = reveal
	v.CanReveal = !reveal && len(g.Members) > 0 && tkm.Can(v.User, tkm.ReadNIK)
	return h.page(w, r, "group", v)
}

// groupPageOf gathers the record of g and fills its page.
func (h *Handler) groupPageOf(w http.ResponseWriter, r *http.Request, g *tkm.Group) (*groupView, error) {
	rec, err := h.loadRecord(r.Context(), g)
	if err != nil {
		return nil, err
	}
	return newGroupView(h.base(w, r), rec, h.Regions), nil
}

// groupToShow returns the group named in the path: with its members' NIKs
// masked, or in full when reveal asks for them. A group out of scope is
// not found for anyone; one in scope is forbidden to a role that may not
// read NIKs.
func (h *Handler) groupToShow(r *http.Request, reveal bool) (*tkm.Group, error) {
	if !reveal {
		return h.findGroup(r)
	}
	if !tkm.Can(tkm.UserFromContext(r.Context()), tkm.ReadNIK) {
		if _, err := h.findGroup(r); err != nil {
			return nil, err
		}
		return nil, tkm.Authorize(r.Context(), tkm.ReadNIK)
	}
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return h.Groups.RevealNIKs(r.Context(), id)
}

// findGroup returns the group named in the path, with its members.
func (h *Handler) findGroup(r *http.Request) (*tkm.Group, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return h.Groups.FindGroupByID(r.Context(), id)
}

// findMember returns the group and the member named in the path.
func (h *Handler) findMember(r *http.Request) (*tkm.Group, *tkm.Member, error) {
	g, err := h.findGroup(r)
	if err != nil {
		return nil, nil, err
	}
	id, err := pathID(r, "mid")
	if err != nil {
		return nil, nil, err
	}
	for _, m := range g.Members {
		if m.ID == id {
			return g, m, nil
		}
	}
	return nil, nil, tkm.Errorf(tkm.ENOTFOUND, "Anggota tidak ditemukan.", "Member not found.")
}

// memberWho names the member a warning of a new group is about
// ("members[2].nik" is the third member).
func memberWho(ms []*tkm.Member) func(tkm.Warning) string {
	return func(w tkm.Warning) string {
		if i, _, ok := memberField(w.Field); ok && i < len(ms) {
			return ms[i].Name
		}
		return w.Field
	}
}

// failStatus is the status of a form shown again with its problems.
func failStatus(err error) int {
	if tkm.ErrorCode(err) == tkm.ECONFLICT {
		return http.StatusConflict
	}
	return http.StatusUnprocessableEntity
}

// inView runs fn with r's reads of the store in one View, if there is one.
func (h *Handler) inView(r *http.Request, fn func(r *http.Request) error) error {
	if h.View == nil {
		return fn(r)
	}
	return h.View(r.Context(), func(ctx context.Context) error { return fn(r.WithContext(ctx)) })
}
