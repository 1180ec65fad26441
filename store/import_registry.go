package store

import (
	"fmt"
	"strings"

	"tkm"
)

// existingGroup is a group of the cohort already in the registry under a
// ref the file uses.
type existingGroup struct {
	*tkm.Group
	fingerprint string
}

// checkRegistry checks the file's groups against the registry: refs that
// exist already, NIKs held by other active groups, the caller's scope; then
// decides what to do with each group.
func (r *importRun) checkRegistry() error {
	if len(r.order) == 0 {
		return nil
	}
	err := r.db.read(r.ctx, func(tx *Tx) error {
		if err := r.findExisting(tx); err != nil {
			return err
		}
		return r.findHolders(tx)
	})
	if err != nil {
		return fmt.Errorf("import: registry: %w", err)
	}
	r.decide()
	return nil
}

func (r *importRun) findExisting(tx *Tx) error {
	rows, err := tx.QueryContext(r.ctx, `SELECT `+groupColumns+`, g.import_fingerprint FROM groups g
		WHERE g.cohort_id = $1 AND g.ref <> ''`, r.cohort.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var e existingGroup
		var g tkm.Group
		if err := rows.Scan(append(groupScanTargets(&g), &e.fingerprint)...); err != nil {
			return err
		}
		e.Group = &g
		if ig, ok := r.groups[g.Ref]; ok {
			ig.existing = &e
		}
	}
	return rows.Err()
}

// holderBatch is how many NIK hashes one registry query asks about.
const holderBatch = 500

// findHolders looks every NIK of the file up among the active groups.
func (r *importRun) findHolders(tx *Tx) error {
	for start := 0; start < len(r.held); start += holderBatch {
		if err := r.findHoldersOf(tx, r.held[start:min(start+holderBatch, len(r.held))]); err != nil {
			return err
		}
	}
	return nil
}

func (r *importRun) findHoldersOf(tx *Tx, batch []heldNIK) error {
	var a args
	byHash := make(map[[32]byte]heldNIK, len(batch))
	in := make([]string, len(batch))
	for i, h := range batch {
		byHash[h.hash] = h
		in[i] = a.add(h.hash[:])
	}
	rows, err := tx.QueryContext(r.ctx, `SELECT m.nik_hash, `+groupColumns+` FROM members m JOIN groups g ON g.id = m.group_id
		WHERE m.nik_hash IN (`+strings.Join(in, ", ")+`) AND g.stage NOT IN ('rejected', 'dropped')`, a...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var hash []byte
		var g tkm.Group
		if err := rows.Scan(append([]any{&hash}, groupScanTargets(&g)...)...); err != nil {
			return err
		}
		var key [32]byte
		copy(key[:], hash)
		r.nikHeld(byHash[key], &g)
	}
	return rows.Err()
}

// nikHeld reports a NIK of the file that another active group holds; the
// group the file updates does not count.
func (r *importRun) nikHeld(h heldNIK, holder *tkm.Group) {
	g := r.order[h.group]
	if g.existing != nil && g.existing.ID == holder.ID {
		return
	}
	id, en := nikTakenMessage(r.ctx, holder)
	r.fail(g, tkm.RowError{Row: int(h.row), Column: "nik", Code: "nik_taken", Message: id, English: en})
}

// decide settles each group: refused, created, updated or unchanged.
func (r *importRun) decide() {
	scope := tkm.ScopeOf(tkm.UserFromContext(r.ctx))
	for _, g := range r.order {
		switch {
		case g.existing != nil && !scope.Covers(g.existing.Group):
			r.fail(g, tkm.RowError{Row: g.first, Column: "ref_kelompok", Code: "ref_taken",
				Message: "Referensi ini sudah dipakai kelompok lain di angkatan ini.", English: "This reference is used by another group in this cohort."})
		case g.existing == nil && !scope.Covers(&g.header):
			r.fail(g, tkm.RowError{Row: g.first, Column: "kode_wilayah", Code: "region_out_of_scope",
				Message: "Wilayah ini di luar wilayah kerja Anda.", English: "This region is outside your area."})
		case g.existing != nil && !g.bad && g.existing.fingerprint != g.fingerprintText() && !editable(g.existing.Stage):
			r.fail(g, tkm.RowError{Row: g.first, Column: "ref_kelompok", Code: "group_locked",
				Message: "Kelompok ini sudah " + g.existing.Stage.Label(false) + "; ubah lewat halaman kelompok, bukan impor.",
				English: "This group is already " + g.existing.Stage.Label(true) + "; change it on its page, not by import."})
		}
		g.action = r.action(g)
	}
}

func editable(s tkm.Stage) bool { return s == tkm.StageRegistered || s == tkm.StageVerified }

func (r *importRun) action(g *importGroup) string {
	switch {
	case g.bad:
		return "refused"
	case g.existing == nil:
		return "create"
	case g.existing.fingerprint == g.fingerprintText():
		return "unchanged"
	}
	return "update"
}
