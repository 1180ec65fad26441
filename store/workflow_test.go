package store_test

import (
	"context"
	"slices"
	"testing"

	"tkm"
	"tkm/store"
	"tkm/store/storetest"
)

// wf bundles the services a workflow test drives.
type wf struct {
	t        *testing.T
	db       *store.DB
	ctx      context.Context
	groups   *store.GroupService
	flow     *store.WorkflowService
	training *store.TrainingService
	aid      *store.AidService
	products *store.ProductService
	lpj      *store.LPJService
	reports  *store.ReportService
}

func newWF(t *testing.T, db *store.DB) *wf {
	_, ctx := storetest.User(t, db, tkm.RoleMinistry, "")
	return &wf{t: t, db: db, ctx: ctx, groups: store.NewGroupService(db), flow: store.NewWorkflowService(db),
		training: store.NewTrainingService(db), aid: store.NewAidService(db), products: store.NewProductService(db),
		lpj: store.NewLPJService(db), reports: store.NewReportService(db)}
}

// move moves g to stage and expects exactly the unmet gates listed (none
// for success).
func (w *wf) move(g *tkm.Group, to tkm.Stage, unmet ...string) {
	w.t.Helper()
	_, err := w.flow.Transition(w.ctx, g.ID, tkm.TransitionRequest{To: to})
	if len(unmet) == 0 {
		if err != nil {
			w.t.Fatalf("move %s to %s: %v", g.Name, to, err)
		}
		g.Stage = to
		return
	}
	e, ok := err.(*tkm.Error)
	if !ok || e.Code != tkm.EINVALID {
		w.t.Fatalf("move %s to %s: %v, want unmet gates %v", g.Name, to, err, unmet)
	}
	var got []string
	for _, f := range e.Fields {
		got = append(got, f.Code)
	}
	if !slices.Equal(got, unmet) {
		w.t.Fatalf("move %s to %s: unmet %v, want %v", g.Name, to, got, unmet)
	}
}

// train records a training of kind for g where the first n members came.
func (w *wf) train(g *tkm.Group, kind tkm.TrainingKind, n int) {
	w.t.Helper()
	tr := &tkm.Training{Kind: kind, Title: "Pelatihan " + string(kind), StartsOn: tkm.DateOf(2019, 3, 4),
		EndsOn: tkm.DateOf(2019, 3, 6), Location: "BLK Denpasar", RegionCode: "51.71", GroupIDs: []tkm.ID{g.ID}}
	if err := w.training.CreateTraining(w.ctx, tr); err != nil {
		w.t.Fatal(err)
	}
	full, _ := w.groups.FindGroupByID(w.ctx, g.ID)
	var present []tkm.ID
	for _, m := range full.Members[:n] {
		present = append(present, m.ID)
	}
	if _, err := w.training.SetAttendance(w.ctx, tr.ID, present); err != nil {
		w.t.Fatal(err)
	}
}

func (w *wf) giveAid(g *tkm.Group, no string, amount int64) {
	w.t.Helper()
	a := &tkm.Aid{Amount: amount, DisbursedOn: tkm.DateOf(2019, 5, 2), Method: tkm.AidInKind, HandoverNo: no,
		Place: "Badung", Items: []tkm.AidItem{
			{Description: "Mesin jahit", Category: tkm.Equipment, Qty: 2, Unit: "unit", UnitPrice: amount * 3 / 10},
			{Description: "Kain", Category: tkm.Material, Qty: 1, Unit: "rol", UnitPrice: amount * 4 / 10}}}
	if _, err := w.aid.CreateAid(w.ctx, g.ID, a); err != nil {
		w.t.Fatal(err)
	}
}

func TestWorkflowGates(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWF(t, db)
		c := storetest.Cohort(t, db, 2019)
		quota := map[string]int{"51": 1, "32": 1}
		if _, err := store.NewCohortService(db).UpdateCohort(w.ctx, c.ID, tkm.CohortUpdate{Quotas: &quota}); err != nil {
			t.Fatal(err)
		}
		g := storetest.Group(c.ID, "51.03.05", 10, 1)
		h := storetest.Group(c.ID, "51.71.01", 10, 11)
		java := storetest.Group(c.ID, "32.73.01", 10, 21)
		for _, x := range []*tkm.Group{g, h, java} {
			if _, err := w.groups.CreateGroup(w.ctx, x); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := w.flow.Transition(w.ctx, g.ID, tkm.TransitionRequest{To: tkm.StageApproved}); tkm.ErrorCode(err) != tkm.EINVALID {
			t.Fatalf("skipping a stage: %v", err)
		}
		w.move(java, tkm.StageVerified)
		w.move(java, tkm.StageApproved) // Java's groups take none of Bali's places
		w.move(g, tkm.StageVerified)
		w.move(g, tkm.StageApproved)
		w.move(h, tkm.StageVerified)
		w.move(h, tkm.StageApproved, tkm.GateQuota) // Bali's one place is taken

		w.move(g, tkm.StageTrained, tkm.GateTrainingAttendance)
		w.train(g, tkm.Pembekalan, 7)
		w.move(g, tkm.StageTrained, tkm.GateTrainingAttendance) // 70% < 80%
		w.train(g, tkm.Pembekalan, 8)
		w.move(g, tkm.StageTrained)

		w.giveAid(g, "BAST-001", 10_000_000)
		w.move(g, tkm.StageAided, tkm.GateAidDisbursed)
		w.giveAid(g, "BAST-002", 10_000_000)
		w.move(g, tkm.StageAided)

		w.move(g, tkm.StageInstitutional, tkm.GateKelembagaanAttendance, tkm.GateProductEvidence)
		w.train(g, tkm.Kelembagaan, 10)
		p := &tkm.Product{Name: "Tas anyaman", Price: 150_000, Unit: "buah", MonthlyCapacity: 200}
		if err := w.products.CreateProduct(w.ctx, g.ID, p); err != nil {
			t.Fatal(err)
		}
		w.move(g, tkm.StageInstitutional, tkm.GateProductEvidence) // a product, but no photo yet
		photo := &tkm.File{Name: "tas.jpg", ContentType: "image/jpeg", Data: []byte("jpeg bytes"), Width: 1, Height: 1}
		if err := w.products.AddProductPhoto(w.ctx, p.ID, photo); err != nil {
			t.Fatal(err)
		}
		w.move(g, tkm.StageInstitutional)

		w.move(g, tkm.StageGraduated, tkm.GateAccountabilityReport, tkm.GateMonitoringReport)
		l := &tkm.LPJ{TechnicalSummary: "Mesin dipakai tiap hari.", FinancialSummary: "Rincian terlampir.",
			SpentEquipment: 12_000_000, SpentMaterial: 8_000_000}
		if err := w.lpj.SubmitLPJ(w.ctx, g.ID, l); err != nil {
			t.Fatal(err)
		}
		if err := w.reports.CreateReport(w.ctx, g.ID, &tkm.Report{Period: "2019-11", Revenue: 4_500_000,
			ActiveMembers: 10, NewWorkers: 2}); err != nil {
			t.Fatal(err)
		}
		w.move(g, tkm.StageGraduated, tkm.GateAccountabilityReport) // submitted is not accepted
		if _, err := w.lpj.ReviewLPJ(w.ctx, l.ID, tkm.LPJReview{Status: tkm.LPJAccepted}); err != nil {
			t.Fatal(err)
		}
		w.move(g, tkm.StageGraduated)

		hist, err := w.flow.History(w.ctx, g.ID)
		if err != nil || len(hist) != 6 || hist[5].To != tkm.StageGraduated || len(hist[5].Gates) != 2 || !hist[5].Gates[0].Met {
			t.Fatalf("history: %d entries, %v", len(hist), err)
		}
	})
}

func TestVerificationGates(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWF(t, db)
		c := storetest.Cohort(t, db, 2019)
		g := storetest.Group(c.ID, "51.03.05", 9, 1) // nine, and the leader would be the tenth
		g.Members[2].Employment = tkm.Formal
		young := storetest.Member("51.03.05", 50)
		young.BirthDate = tkm.DateOf(2003, 6, 1) // 15 on 1 January 2019
		young.NIK = storetest.NIK("51.03.05", young.BirthDate, young.Sex, 50)
		young.Role = tkm.RoleAnggota
		g.Members = append(g.Members, young)
		if _, err := w.groups.CreateGroup(w.ctx, g); err != nil {
			t.Fatal(err)
		}
		w.move(g, tkm.StageVerified, tkm.GateOneLeader, tkm.GateAgeRange, tkm.GateNotEmployed)
		if err := w.groups.DeleteMember(w.ctx, g.ID, young.ID); err != nil {
			t.Fatal(err)
		}
		w.move(g, tkm.StageVerified, tkm.GateMembersCount, tkm.GateOneLeader, tkm.GateNotEmployed)

		// Someone who may override does so, with a reason; it is recorded.
		_, err := w.flow.Transition(w.ctx, g.ID, tkm.TransitionRequest{To: tkm.StageVerified, Override: true,
			Note: "Anggota ke-10 menyusul; disetujui Direktur."})
		if err != nil {
			t.Fatal(err)
		}
		hist, _ := w.flow.History(w.ctx, g.ID)
		if len(hist) != 1 || !hist[0].Override || len(tkm.Unmet(hist[0].Gates)) != 3 {
			t.Fatalf("override history %+v", hist)
		}
		_, regional := storetest.User(t, db, tkm.RoleRegional, "51")
		_, err = w.flow.Transition(regional, g.ID, tkm.TransitionRequest{To: tkm.StageApproved, Override: true, Note: "x"})
		if tkm.ErrorCode(err) != tkm.EFORBIDDEN {
			t.Fatalf("a regional officer overrode a gate: %v", err)
		}
		if _, err := w.flow.Transition(w.ctx, g.ID, tkm.TransitionRequest{To: tkm.StageRejected}); tkm.ErrorCode(err) != tkm.EINVALID {
			t.Fatalf("rejected without a reason: %v", err)
		}
		if _, err := w.flow.Transition(w.ctx, g.ID, tkm.TransitionRequest{To: tkm.StageDropped, Note: "pindah"}); tkm.ErrorCode(err) != tkm.EINVALID {
			t.Fatalf("dropped before approval: %v", err)
		}
		if _, err := w.flow.Transition(w.ctx, g.ID, tkm.TransitionRequest{To: tkm.StageRejected, Note: "Usaha fiktif."}); err != nil {
			t.Fatal(err)
		}
		w.move(g, tkm.StageApproved, "stage_final")
	})
}

func TestLanjutanGate(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWF(t, db)
		pemula := storetest.Group(storetest.Cohort(t, db, 2022).ID, "51.03.05", 10, 1)
		if _, err := w.groups.CreateGroup(w.ctx, pemula); err != nil {
			t.Fatal(err)
		}
		lc := tkm.NewCohort()
		lc.Year, lc.Tier, lc.Name = 2023, tkm.TierLanjutan, "TKM Lanjutan 2023"
		if err := store.NewCohortService(db).CreateCohort(w.ctx, lc); err != nil {
			t.Fatal(err)
		}
		lanjutan := storetest.Group(lc.ID, "51.03.05", 10, 1)
		lanjutan.PreviousGroupID = pemula.ID
		if _, err := w.groups.CreateGroup(w.ctx, lanjutan); err != nil {
			t.Fatal(err)
		}
		w.move(lanjutan, tkm.StageVerified, tkm.GateLanjutanEligible) // Pemula not graduated
		for _, s := range tkm.Path[1:] {
			if _, err := w.flow.Transition(w.ctx, pemula.ID, tkm.TransitionRequest{To: s, Override: true, Note: "data lama"}); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.reports.CreateReport(w.ctx, pemula.ID, &tkm.Report{Period: "2022-12", ActiveMembers: 10}); err != nil {
			t.Fatal(err)
		}
		w.move(lanjutan, tkm.StageVerified, tkm.GateLanjutanEligible) // graduated, but hired nobody
		if err := w.reports.CreateReport(w.ctx, pemula.ID, &tkm.Report{Period: "2023-01", ActiveMembers: 10, NewWorkers: 1}); err != nil {
			t.Fatal(err)
		}
		w.move(lanjutan, tkm.StageVerified)
	})
}
