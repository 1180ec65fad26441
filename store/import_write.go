package store

import (
	"encoding/gob"
	"errors"
	"fmt"
	"io"

	"tkm"
)

// write is the second pass: unless this is a dry run, or errors refuse the
// whole file, it writes the groups to create or update and their members,
// in one transaction, from the rows the first pass spooled.
func (r *importRun) write() error {
	r.tally()
	if r.opt.DryRun || (r.res.ErrorsTotal > 0 && !r.opt.Partial) || r.res.GroupsCreated+r.res.GroupsUpdated == 0 {
		return nil
	}
	if _, err := r.spool.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	return r.db.write(r.ctx, func(tx *Tx) error {
		ids, err := r.writeGroups(tx)
		if err != nil {
			return err
		}
		members, err := r.writeMembers(tx, ids)
		if err != nil {
			return err
		}
		if err := recountCohort(r.ctx, tx, r.cohort.ID); err != nil {
			return err
		}
		if err := finishJobIn(r.ctx, tx, r.opt.JobID, r.finish()); err != nil {
			return err
		}
		return r.audit(tx, ids, members)
	})
}

// audit records the import, with the NIKs of every member written, which
// it finds through a temporary table of the groups written.
func (r *importRun) audit(tx *Tx, ids []tkm.ID, members int) error {
	if err := tx.db.dialect.tempIDs(r.ctx, tx, "import_written"); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	in := newInserter(tx, "import_written", []string{"id"}, 500)
	defer in.close()
	for _, id := range ids {
		if id == 0 {
			continue
		}
		if in.full() {
			if err := in.exec(r.ctx); err != nil {
				return err
			}
		}
		in.add(id)
	}
	if err := in.exec(r.ctx); err != nil {
		return err
	}
	e := &tkm.AuditEntry{Action: tkm.AuditImport, Entity: "cohort", EntityID: r.cohort.ID,
		Note: fmt.Sprintf("impor: %d kelompok baru, %d diubah, %d anggota", r.res.GroupsCreated, r.res.GroupsUpdated, members)}
	if err := tx.auditMembers(r.ctx, e, `FROM members m JOIN import_written w ON w.id = m.group_id WHERE TRUE`); err != nil {
		return err
	}
	if _, err := tx.Tx.ExecContext(r.ctx, `DROP TABLE import_written`); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	return nil
}

// tally counts the groups by what happens to them.
func (r *importRun) tally() {
	for _, g := range r.order {
		switch g.action {
		case "create":
			r.res.GroupsCreated++
		case "update":
			r.res.GroupsUpdated++
		case "unchanged":
			r.res.GroupsUnchanged++
		default:
			r.res.GroupsRefused++
		}
	}
}

// groupBatch is how many groups one INSERT creates.
const groupBatch = 100

var groupInsertColumns = []string{"cohort_id", "name", "region_code", "province_code", "sector", "phone", "stage",
	"stage_since", "ref", "member_count", "import_fingerprint", "created_at", "updated_at"}

// writeGroups creates and updates the groups' own rows and returns their
// IDs by the group's index in the file.
func (r *importRun) writeGroups(tx *Tx) ([]tkm.ID, error) {
	ids := make([]tkm.ID, len(r.order))
	in := newInserter(tx, "groups", groupInsertColumns, groupBatch)
	in.suffix = " RETURNING id, ref"
	defer in.close()
	for i, g := range r.order {
		var err error
		switch g.action {
		case "create":
			err = r.createGroup(in, g, ids)
		case "update":
			ids[i], err = g.existing.ID, r.updateGroup(tx, g)
		}
		if err != nil {
			return nil, err
		}
	}
	return ids, r.createGroups(in, ids)
}

// createGroup queues a new group, creating a batch of them when full.
func (r *importRun) createGroup(in *inserter, g *importGroup, ids []tkm.ID) error {
	if in.full() {
		if err := r.createGroups(in, ids); err != nil {
			return err
		}
	}
	h := g.header.group()
	in.add(r.cohort.ID, h.Name, h.RegionCode, tkm.ProvinceOf(h.RegionCode), h.Sector, h.Phone, tkm.StageRegistered,
		in.tx.now, g.ref, g.members, g.fingerprintText(), in.tx.now, in.tx.now)
	return nil
}

// createGroups inserts the queued groups and notes their IDs.
func (r *importRun) createGroups(in *inserter, ids []tkm.ID) error {
	if in.len() == 0 {
		return nil
	}
	rows, err := in.query(r.ctx)
	if in.tx.db.dialect.isUnique(err) {
		return tkm.Errorf(tkm.ECONFLICT, "Kelompok baru saja didaftarkan orang lain; impor ulang berkas ini.",
			"A group was just registered by someone else; import the file again.")
	} else if err != nil {
		return fmt.Errorf("import groups: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id tkm.ID
		var ref string
		if err := rows.Scan(&id, &ref); err != nil {
			return fmt.Errorf("import groups: %w", err)
		}
		ids[r.groups[ref].index] = id
	}
	if err := rows.Err(); in.tx.db.dialect.isUnique(err) {
		return tkm.Errorf(tkm.ECONFLICT, "Kelompok baru saja didaftarkan orang lain; impor ulang berkas ini.",
			"A group was just registered by someone else; import the file again.")
	} else if err != nil {
		return fmt.Errorf("import groups: %w", err)
	}
	return nil
}

// updateGroup replaces a registered or verified group's columns and members.
func (r *importRun) updateGroup(tx *Tx, g *importGroup) error {
	h := g.header.group()
	res, err := tx.ExecContext(r.ctx, `UPDATE groups SET name = $1, region_code = $2, province_code = $3, sector = $4,
		phone = $5, member_count = $6, import_fingerprint = $7, updated_at = $8
		WHERE id = $9 AND stage IN ('registered', 'verified')`, h.Name, h.RegionCode, tkm.ProvinceOf(h.RegionCode),
		h.Sector, h.Phone, g.members, g.fingerprintText(), tx.now, g.existing.ID)
	if err != nil {
		return fmt.Errorf("import group %s: %w", g.ref, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return tkm.Errorf(tkm.ECONFLICT, "Kelompok %s baru saja berpindah tahap; impor ulang berkas ini.",
			"Group %s just moved on; import the file again.", g.ref)
	}
	_, err = tx.ExecContext(r.ctx, `DELETE FROM members WHERE group_id = $1`, g.existing.ID)
	return err
}

// memberBatch is how many members one INSERT carries.
const memberBatch = 100

// writeMembers inserts the spooled members of the groups written, and
// returns how many.
func (r *importRun) writeMembers(tx *Tx, ids []tkm.ID) (int, error) {
	dec := gob.NewDecoder(r.spool)
	in := newInserter(tx, "members", memberInsertColumns, memberBatch)
	defer in.close()
	n := 0
	for done := 0; ; done++ {
		var s spooled
		if err := dec.Decode(&s); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return 0, fmt.Errorf("import: spool: %w", err)
		}
		if done%progressEvery == 0 {
			r.res.RowsDone = done
			r.progress(r.res)
		}
		if ids[s.Group] == 0 {
			continue
		}
		if in.full() {
			if err := in.exec(r.ctx); err != nil {
				return 0, err
			}
		}
		in.add(ids[s.Group], tx.db.Vault.Hash(s.NIK), tx.db.Vault.Seal(s.NIK), s.Name, s.Sex,
			s.Birth, s.Phone, s.Address, "", s.Employment, s.Role, false, tx.now, tx.now)
		n++
	}
	return n, in.exec(r.ctx)
}

var memberInsertColumns = []string{"group_id", "nik_hash", "nik_sealed", "name", "sex", "birth_date", "phone",
	"address", "education", "employment", "role", "disability", "created_at", "updated_at"}

// finish settles the result: a refused file failed; a dry run or an import
// that wrote what it could is done.
func (r *importRun) finish() *tkm.ImportResult {
	res := r.res
	res.RowsDone = res.RowsTotal
	switch {
	case res.ErrorsTotal > 0 && !r.opt.Partial && !r.opt.DryRun:
		res.Status = tkm.ImportFailed
		res.Message = fmt.Sprintf("%d kesalahan; tidak ada yang disimpan.", res.ErrorsTotal)
	case r.opt.DryRun:
		res.Status = tkm.ImportDone
		res.Message = "Uji coba: tidak ada yang disimpan."
	default:
		res.Status = tkm.ImportDone
		res.Message = fmt.Sprintf("%d kelompok baru, %d diubah, %d tetap.", res.GroupsCreated, res.GroupsUpdated, res.GroupsUnchanged)
	}
	return res
}
