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
		niks, err := r.writeMembers(tx, ids)
		if err != nil {
			return err
		}
		if err := recountCohort(r.ctx, tx, r.cohort.ID); err != nil {
			return err
		}
		if err := finishJobIn(r.ctx, tx, r.opt.JobID, r.finish()); err != nil {
			return err
		}
		return tx.audit(r.ctx, &tkm.AuditEntry{Action: tkm.AuditImport, Entity: "cohort", EntityID: r.cohort.ID,
			Note: fmt.Sprintf("impor: %d kelompok baru, %d diubah, %d anggota", r.res.GroupsCreated, r.res.GroupsUpdated, len(niks)),
			NIKs: niks})
	})
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

// writeGroups creates and updates the groups' own rows and returns their
// IDs by the group's index in the file.
func (r *importRun) writeGroups(tx *Tx) ([]tkm.ID, error) {
	ids := make([]tkm.ID, len(r.order))
	for i, g := range r.order {
		var err error
		switch g.action {
		case "create":
			ids[i], err = r.createGroup(tx, g)
		case "update":
			ids[i], err = g.existing.ID, r.updateGroup(tx, g)
		}
		if err != nil {
			return nil, err
		}
	}
	return ids, nil
}

func (r *importRun) createGroup(tx *Tx, g *importGroup) (tkm.ID, error) {
	h := g.header
	var id tkm.ID
	err := tx.QueryRowContext(r.ctx, `INSERT INTO groups (cohort_id, name, region_code, province_code, address, sector, kbli,
		phone, stage, stage_since, owner_id, ref, member_count, import_fingerprint, created_at, updated_at)
		VALUES ($1, $2, $3, $4, '', $5, '', $6, $7, $8, NULL, $9, $10, $11, $8, $8) RETURNING id`,
		r.cohort.ID, h.Name, h.RegionCode, tkm.ProvinceOf(h.RegionCode), h.Sector, h.Phone, tkm.StageRegistered,
		tx.now, g.ref, g.members, g.fingerprintText()).Scan(&id)
	if tx.db.dialect.isUnique(err) {
		return 0, tkm.Errorf(tkm.ECONFLICT, "Kelompok %s baru saja didaftarkan orang lain; impor ulang berkas ini.",
			"Group %s was just registered by someone else; import the file again.", g.ref)
	} else if err != nil {
		return 0, fmt.Errorf("import group %s: %w", g.ref, err)
	}
	return id, nil
}

// updateGroup replaces a registered or verified group's columns and members.
func (r *importRun) updateGroup(tx *Tx, g *importGroup) error {
	h := g.header
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
// returns their NIKs for the audit log.
func (r *importRun) writeMembers(tx *Tx, ids []tkm.ID) ([]string, error) {
	dec := gob.NewDecoder(r.spool)
	var niks []string
	var batch [][]any
	for done := 0; ; done++ {
		var s spooled
		if err := dec.Decode(&s); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, fmt.Errorf("import: spool: %w", err)
		}
		if done%progressEvery == 0 {
			r.res.RowsDone = done
			r.progress(r.res)
		}
		if ids[s.Group] == 0 {
			continue
		}
		batch = append(batch, []any{ids[s.Group], tx.db.Vault.Hash(s.NIK), tx.db.Vault.Seal(s.NIK), s.Name, s.Sex,
			s.Birth, s.Phone, s.Address, "", s.Employment, s.Role, false, tx.now, tx.now})
		niks = append(niks, s.NIK)
		if len(batch) == memberBatch {
			if err := insertRows(r.ctx, tx, "members", memberInsertColumns, batch); err != nil {
				return nil, err
			}
			batch = batch[:0]
		}
	}
	return niks, insertRows(r.ctx, tx, "members", memberInsertColumns, batch)
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
