package store

import (
	"context"
	"crypto/sha256"
	"fmt"
	"slices"
	"strings"

	"tkm"
)

// hashKey turns a lock's name into the bytes dialect.lock takes.
func hashKey(name string) []byte {
	h := sha256.Sum256([]byte(name))
	return h[:]
}

// gatherFacts reads what the gates of stage to need about group g: only
// what that stage's gates look at.
func gatherFacts(ctx context.Context, tx *Tx, g *tkm.Group, to tkm.Stage) (tkm.GateFacts, error) {
	f := tkm.GateFacts{Group: g, Attended: map[tkm.TrainingKind]int{}}
	var err error
	if g.Members, err = findMembers(ctx, tx, g.ID); err != nil {
		return f, err
	}
	if f.Cohort, err = findCohort(ctx, tx, g.CohortID); err != nil {
		return f, err
	}
	switch to {
	case tkm.StageVerified:
		err = verificationFacts(ctx, tx, &f)
	case tkm.StageApproved:
		err = quotaFacts(ctx, tx, &f)
	case tkm.StageTrained:
		err = attendedFacts(ctx, tx, &f, tkm.Pembekalan)
	case tkm.StageAided:
		err = tx.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM aid WHERE group_id = $1`, g.ID).
			Scan(&f.AidRecords, &f.AidTotal)
	case tkm.StageInstitutional:
		err = institutionalFacts(ctx, tx, &f)
	case tkm.StageGraduated:
		err = graduationFacts(ctx, tx, &f)
	}
	if err != nil {
		return f, fmt.Errorf("gate facts of group %d: %w", g.ID, err)
	}
	return f, nil
}

func count(ctx context.Context, tx *Tx, n *int, q string, args ...any) error {
	return tx.QueryRowContext(ctx, q, args...).Scan(n)
}

// quotaStages hold a place in their province's quota.
var quotaStages = []tkm.Stage{tkm.StageApproved, tkm.StageTrained, tkm.StageAided, tkm.StageInstitutional, tkm.StageGraduated}

// quotaFacts counts the other groups of the cohort and province that hold
// a place in its quota. It reads the statistics counters (kept in step
// with every change, see stats.go), not the groups: a province of a large
// cohort has tens of thousands of them.
func quotaFacts(ctx context.Context, tx *Tx, f *tkm.GateFacts) error {
	var a args
	g := f.Group
	in := make([]string, len(quotaStages))
	for i, s := range quotaStages {
		in[i] = a.add(s)
	}
	q := `SELECT COALESCE(SUM(groups), 0) FROM stat_groups WHERE cohort_id = ` + a.add(g.CohortID) +
		` AND ` + withinRegion("regency", tkm.ProvinceOf(g.RegionCode), &a) + ` AND stage IN (` + strings.Join(in, ", ") + `)`
	if err := count(ctx, tx, &f.QuotaUsed, q, a...); err != nil {
		return err
	}
	if slices.Contains(quotaStages, g.Stage) {
		f.QuotaUsed-- // the group itself
	}
	return nil
}

func verificationFacts(ctx context.Context, tx *Tx, f *tkm.GateFacts) error {
	var err error
	if f.TakenNIKs, err = takenNIKs(ctx, tx, f.Group); err != nil {
		return err
	}
	if f.Cohort.Tier != tkm.TierLanjutan || f.Group.PreviousGroupID == 0 {
		return nil
	}
	prev, err := scanGroup(tx.QueryRowContext(ctx, `SELECT `+groupColumns+` FROM groups g WHERE g.id = $1`, f.Group.PreviousGroupID))
	if err != nil {
		return err
	}
	f.Previous = prev
	return count(ctx, tx, &f.PreviousNewWorkers, `SELECT COALESCE(SUM(new_workers), 0) FROM reports WHERE group_id = $1`, prev.ID)
}

func attendedFacts(ctx context.Context, tx *Tx, f *tkm.GateFacts, kind tkm.TrainingKind) error {
	var n int
	err := count(ctx, tx, &n, `SELECT COUNT(DISTINCT a.member_id) FROM attendance a
		JOIN trainings t ON t.id = a.training_id JOIN members m ON m.id = a.member_id
		WHERE m.group_id = $1 AND t.kind = $2`, f.Group.ID, kind)
	f.Attended[kind] = n
	return err
}

func institutionalFacts(ctx context.Context, tx *Tx, f *tkm.GateFacts) error {
	if err := attendedFacts(ctx, tx, f, tkm.Kelembagaan); err != nil {
		return err
	}
	return count(ctx, tx, &f.ProductsWithPhoto, `SELECT COUNT(DISTINCT p.id) FROM products p
		JOIN product_photos pp ON pp.product_id = p.id WHERE p.group_id = $1`, f.Group.ID)
}

func graduationFacts(ctx context.Context, tx *Tx, f *tkm.GateFacts) error {
	var accepted int
	if err := count(ctx, tx, &accepted, `SELECT COUNT(*) FROM lpjs WHERE group_id = $1 AND status = 'accepted'`, f.Group.ID); err != nil {
		return err
	}
	f.LPJAccepted = accepted > 0
	return count(ctx, tx, &f.Reports, `SELECT COUNT(*) FROM reports WHERE group_id = $1`, f.Group.ID)
}

// takenNIKs counts the members of g whose NIK another active group holds
// (a Lanjutan group's own Pemula group aside), in one query.
func takenNIKs(ctx context.Context, tx *Tx, g *tkm.Group) (int, error) {
	if len(g.Members) == 0 {
		return 0, nil
	}
	var a args
	in := make([]string, len(g.Members))
	for i, m := range g.Members {
		in[i] = a.add(tx.db.Vault.Hash(m.NIK))
	}
	q := `SELECT COUNT(DISTINCT m.nik_hash) FROM members m JOIN groups o ON o.id = m.group_id
		WHERE m.nik_hash IN (` + strings.Join(in, ", ") + `) AND o.id <> ` + a.add(g.ID) + `
		AND o.stage NOT IN ('rejected', 'dropped') AND o.id <> ` + a.add(g.PreviousGroupID) + `
		AND COALESCE(o.previous_group_id, 0) <> ` + a.add(g.ID)
	var n int
	return n, tx.QueryRowContext(ctx, q, a...).Scan(&n)
}
