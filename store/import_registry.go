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

// findExisting reads the cohort's groups that have a ref, before the
// first pass, so that each group of the file knows its registry twin.
func (r *importRun) findExisting() error {
	r.existing = map[string]*existingGroup{}
	err := r.db.read(r.ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(r.ctx, `SELECT `+groupColumns+`, g.import_fingerprint FROM groups g
			WHERE g.cohort_id = $1 AND g.ref <> ''`, r.cohort.ID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			e := &existingGroup{Group: &tkm.Group{}}
			if err := rows.Scan(append(groupScanTargets(e.Group), &e.fingerprint)...); err != nil {
				return err
			}
			r.existing[e.Ref] = e
		}
		return rows.Err()
	})
	if err != nil {
		return fmt.Errorf("import: registry: %w", err)
	}
	return nil
}

// holderBatch is how many NIK hashes one registry query asks about.
const holderBatch = 500

// findHolders looks the NIKs noted so far up among the active groups;
// the first pass calls it every holderBatch NIKs and at its end.
func (r *importRun) findHolders() error {
	if len(r.held) == 0 {
		return nil
	}
	err := r.db.read(r.ctx, func(tx *Tx) error { return r.findHoldersOf(tx, r.held) })
	if err != nil {
		return fmt.Errorf("import: registry: %w", err)
	}
	r.held = r.held[:0]
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
		case g.existing == nil && !scope.Covers(g.header.group()):
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
