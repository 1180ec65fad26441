package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"

	"tkm"
)

// claimNIKs checks that no NIK of ms is held by another active group, and
// holds a lock on each until the transaction ends so that two writers
// cannot both claim one. A Lanjutan group may hold the members of its own
// previous group. With indexed set, each field is named "members[i].nik".
func claimNIKs(ctx context.Context, tx *Tx, g *tkm.Group, ms []*tkm.Member, indexed bool) error {
	hashes := make([][]byte, len(ms))
	for i, m := range ms {
		hashes[i] = tx.db.Vault.Hash(m.NIK)
	}
	order := make([]int, len(ms))
	for i := range order {
		order[i] = i
	}
	// Lock in one order everywhere so that two writers never deadlock.
	sort.Slice(order, func(a, b int) bool { return bytes.Compare(hashes[order[a]], hashes[order[b]]) < 0 })
	var f tkm.Fields
	for _, i := range order {
		if err := tx.db.dialect.lock(ctx, tx, hashes[i]); err != nil {
			return fmt.Errorf("lock nik: %w", err)
		}
		other, err := nikHolder(ctx, tx, hashes[i], g)
		if err != nil {
			return err
		} else if other != nil {
			id, en := nikTakenMessage(ctx, other)
			field := "nik"
			if indexed {
				field = fmt.Sprintf("members[%d].nik", i)
			}
			f.Add(field, "nik_taken", id, en)
		}
	}
	if len(f) == 0 {
		return nil
	}
	sort.SliceStable(f, func(a, b int) bool { return f[a].Field < f[b].Field })
	e := f.Err().(*tkm.Error)
	e.Code = tkm.ECONFLICT
	e.Message, e.English = "NIK sudah terdaftar di kelompok lain.", "A NIK is already registered in another group."
	return e
}

// nikHolder returns another active group holding the NIK with that hash,
// or nil when there is none.
func nikHolder(ctx context.Context, tx *Tx, hash []byte, g *tkm.Group) (*tkm.Group, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+groupColumns+` FROM members m JOIN groups g ON g.id = m.group_id
		WHERE m.nik_hash = $1 AND g.id <> $2 AND g.stage NOT IN ('rejected', 'dropped')`, hash, g.ID)
	if err != nil {
		return nil, fmt.Errorf("nik holder: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		other, err := scanGroup(rows)
		if err != nil {
			return nil, fmt.Errorf("nik holder: %w", err)
		}
		lineage := (g.PreviousGroupID != 0 && g.PreviousGroupID == other.ID) ||
			(g.ID != 0 && other.PreviousGroupID == g.ID)
		if !lineage {
			return other, nil
		}
	}
	return nil, rows.Err()
}

// nikTakenMessage names the other group when the caller may see it, and
// reveals nothing about it otherwise.
func nikTakenMessage(ctx context.Context, other *tkm.Group) (string, string) {
	if tkm.ScopeOf(tkm.UserFromContext(ctx)).Covers(other) {
		return fmt.Sprintf("NIK ini sudah terdaftar di kelompok %q (ID %s).", other.Name, other.ID),
			fmt.Sprintf("This NIK is already registered in group %q (ID %s).", other.Name, other.ID)
	}
	return "NIK ini sudah terdaftar di kelompok lain yang masih aktif.",
		"This NIK is already registered in another active group."
}

func insertMember(ctx context.Context, tx *Tx, m *tkm.Member) error {
	m.CreatedAt, m.UpdatedAt = tx.now, tx.now
	err := tx.QueryRowContext(ctx, `
		INSERT INTO members (group_id, nik_hash, nik_sealed, name, sex, birth_date, phone, address,
			education, employment, role, disability, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
		m.GroupID, tx.db.Vault.Hash(m.NIK), tx.db.Vault.Seal(m.NIK), m.Name, m.Sex, m.BirthDate.String(),
		m.Phone, m.Address, m.Education, m.Employment, m.Role, m.Disability, m.CreatedAt, m.UpdatedAt,
	).Scan(&m.ID)
	if tx.db.dialect.isUnique(err) {
		return nikTwice()
	} else if err != nil {
		return fmt.Errorf("insert member: %w", err)
	}
	return nil
}

func nikTwice() error {
	var f tkm.Fields
	f.Add("nik", "nik_duplicate", "NIK ini sudah ada di kelompok ini.", "This NIK is already in this group.")
	e := f.Err().(*tkm.Error)
	e.Code = tkm.ECONFLICT
	return e
}

const memberColumns = `m.id, m.group_id, m.nik_sealed, m.name, m.sex, m.birth_date, m.phone, m.address,
	m.education, m.employment, m.role, m.disability, m.created_at, m.updated_at`

func scanMember(row scanner, vault *tkm.Vault) (*tkm.Member, error) {
	var m tkm.Member
	var sealed []byte
	var birth string
	err := row.Scan(&m.ID, &m.GroupID, &sealed, &m.Name, &m.Sex, &birth, &m.Phone, &m.Address,
		&m.Education, &m.Employment, &m.Role, &m.Disability, &m.CreatedAt, &m.UpdatedAt)
	if err != nil {
		return nil, err
	}
	if m.NIK, err = vault.Open(sealed); err != nil {
		return nil, fmt.Errorf("member %d: %w", m.ID, err)
	}
	if m.BirthDate, err = tkm.ParseDate(birth); err != nil {
		return nil, fmt.Errorf("member %d: birth date %q: %w", m.ID, birth, err)
	}
	m.CreatedAt, m.UpdatedAt = m.CreatedAt.UTC(), m.UpdatedAt.UTC()
	return &m, nil
}

var roleRank = map[tkm.MemberRole]int{tkm.RoleKetua: 0, tkm.RoleSekretaris: 1, tkm.RoleBendahara: 2, tkm.RoleAnggota: 3}

// findMembers returns a group's members, the leader and officers first.
func findMembers(ctx context.Context, tx *Tx, groupID tkm.ID) ([]*tkm.Member, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+memberColumns+` FROM members m WHERE m.group_id = $1 ORDER BY m.id`, groupID)
	if err != nil {
		return nil, fmt.Errorf("find members of %d: %w", groupID, err)
	}
	defer rows.Close()
	ms := []*tkm.Member{}
	for rows.Next() {
		m, err := scanMember(rows, tx.db.Vault)
		if err != nil {
			return nil, fmt.Errorf("find members of %d: %w", groupID, err)
		}
		ms = append(ms, m)
	}
	sort.SliceStable(ms, func(i, j int) bool { return roleRank[ms[i].Role] < roleRank[ms[j].Role] })
	return ms, rows.Err()
}

func findMember(ctx context.Context, tx *Tx, groupID, id tkm.ID) (*tkm.Member, error) {
	m, err := scanMember(tx.QueryRowContext(ctx, `SELECT `+memberColumns+` FROM members m
		WHERE m.id = $1 AND m.group_id = $2`, id, groupID), tx.db.Vault)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, tkm.Errorf(tkm.ENOTFOUND, "Anggota tidak ditemukan.", "Member not found.")
	} else if err != nil {
		return nil, fmt.Errorf("find member %d: %w", id, err)
	}
	return m, nil
}

// CreateMember adds a member to a group in the caller's scope.
func (s *GroupService) CreateMember(ctx context.Context, groupID tkm.ID, m *tkm.Member) ([]tkm.Warning, error) {
	if err := tkm.Authorize(ctx, tkm.WriteGroup); err != nil {
		return nil, err
	}
	var warnings []tkm.Warning
	err := s.db.write(ctx, func(tx *Tx) error {
		g, err := findGroup(ctx, tx, groupID)
		if err != nil {
			return err
		}
		if warnings, err = m.Validate(s.db.Regions, tkm.Today(tx.now)); err != nil {
			return err
		}
		if g.MemberCount >= tkm.MaxMembers {
			return tkm.Errorf(tkm.EINVALID, "Kelompok sudah beranggota 100 orang.", "The group already has 100 members.")
		}
		if err := claimNIKs(ctx, tx, g, []*tkm.Member{m}, false); err != nil {
			return err
		}
		m.GroupID = g.ID
		err = tracked(ctx, tx, g.ID, func() error {
			if err := insertMember(ctx, tx, m); err != nil {
				return err
			}
			return touchGroup(ctx, tx, g.ID, 1)
		})
		if err != nil {
			return err
		}
		return tx.audit(ctx, memberAudit(tx, tkm.AuditMemberCreate, nil, m))
	})
	if err == nil {
		mask([]*tkm.Member{m})
	}
	return warnings, err
}

// UpdateMember changes the fields set in u.
func (s *GroupService) UpdateMember(ctx context.Context, groupID, id tkm.ID, u tkm.MemberUpdate) (*tkm.Member, []tkm.Warning, error) {
	if err := tkm.Authorize(ctx, tkm.WriteGroup); err != nil {
		return nil, nil, err
	}
	var m *tkm.Member
	var warnings []tkm.Warning
	err := s.db.write(ctx, func(tx *Tx) error {
		g, err := findGroup(ctx, tx, groupID)
		if err != nil {
			return err
		}
		if m, err = findMember(ctx, tx, g.ID, id); err != nil {
			return err
		}
		old := *m
		u.Apply(m)
		if warnings, err = m.Validate(s.db.Regions, tkm.Today(tx.now)); err != nil {
			return err
		}
		if m.NIK != old.NIK {
			if err := claimNIKs(ctx, tx, g, []*tkm.Member{m}, false); err != nil {
				return err
			}
		}
		if err := tracked(ctx, tx, g.ID, func() error { return updateMember(ctx, tx, m) }); err != nil {
			return err
		}
		return tx.audit(ctx, memberAudit(tx, tkm.AuditMemberUpdate, &old, m))
	})
	if err != nil {
		return nil, warnings, err
	}
	mask([]*tkm.Member{m})
	return m, warnings, nil
}

func updateMember(ctx context.Context, tx *Tx, m *tkm.Member) error {
	m.UpdatedAt = tx.now
	_, err := tx.ExecContext(ctx, `
		UPDATE members SET nik_hash = $1, nik_sealed = $2, name = $3, sex = $4, birth_date = $5, phone = $6,
			address = $7, education = $8, employment = $9, role = $10, disability = $11, updated_at = $12
		WHERE id = $13`,
		tx.db.Vault.Hash(m.NIK), tx.db.Vault.Seal(m.NIK), m.Name, m.Sex, m.BirthDate.String(), m.Phone,
		m.Address, m.Education, m.Employment, m.Role, m.Disability, m.UpdatedAt, m.ID)
	if tx.db.dialect.isUnique(err) {
		return nikTwice()
	} else if err != nil {
		return fmt.Errorf("update member %d: %w", m.ID, err)
	}
	return touchGroup(ctx, tx, m.GroupID, 0)
}

// DeleteMember removes a member from a group in the caller's scope.
func (s *GroupService) DeleteMember(ctx context.Context, groupID, id tkm.ID) error {
	if err := tkm.Authorize(ctx, tkm.WriteGroup); err != nil {
		return err
	}
	return s.db.write(ctx, func(tx *Tx) error {
		g, err := findGroup(ctx, tx, groupID)
		if err != nil {
			return err
		}
		m, err := findMember(ctx, tx, g.ID, id)
		if err != nil {
			return err
		}
		err = tracked(ctx, tx, g.ID, func() error {
			if _, err := tx.ExecContext(ctx, `DELETE FROM members WHERE id = $1`, id); err != nil {
				return fmt.Errorf("delete member %d: %w", id, err)
			}
			return touchGroup(ctx, tx, g.ID, -1)
		})
		if err != nil {
			return err
		}
		return tx.audit(ctx, memberAudit(tx, tkm.AuditMemberDelete, m, nil))
	})
}

// touchGroup records that a group's members changed.
func touchGroup(ctx context.Context, tx *Tx, id tkm.ID, delta int) error {
	_, err := tx.ExecContext(ctx, `UPDATE groups SET member_count = member_count + $1, updated_at = $2 WHERE id = $3`,
		delta, tx.now, id)
	if err != nil {
		return fmt.Errorf("touch group %d: %w", id, err)
	}
	return nil
}

// FindMembersByNIK returns every member record of one person in the
// caller's scope, or ENOTFOUND when there is none.
func (s *GroupService) FindMembersByNIK(ctx context.Context, nik string) ([]*tkm.Member, error) {
	if err := tkm.Authorize(ctx, tkm.ReadRegistry); err != nil {
		return nil, err
	}
	var ms []*tkm.Member
	err := s.db.read(ctx, func(tx *Tx) error {
		var a args
		q := `SELECT ` + memberColumns + ` FROM members m JOIN groups g ON g.id = m.group_id
			WHERE m.nik_hash = ` + a.add(s.db.Vault.Hash(nik)) + ` AND ` +
			scopeCondition(tkm.ScopeOf(tkm.UserFromContext(ctx)), &a) + ` ORDER BY m.id`
		rows, err := tx.QueryContext(ctx, q, a...)
		if err != nil {
			return fmt.Errorf("find members by nik: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			m, err := scanMember(rows, s.db.Vault)
			if err != nil {
				return fmt.Errorf("find members by nik: %w", err)
			}
			ms = append(ms, m)
		}
		return rows.Err()
	})
	if err == nil && len(ms) == 0 {
		err = tkm.Errorf(tkm.ENOTFOUND, "Tidak ada anggota dengan NIK itu.", "No member has that NIK.")
	}
	if err != nil {
		return nil, err
	}
	// The caller typed the NIK; what they learn is where the person is.
	return ms, s.db.auditAlone(ctx, &tkm.AuditEntry{Action: tkm.AuditNIKView, Entity: "member",
		NIKs: []string{nik}, Note: fmt.Sprintf("%d catatan ditemukan", len(ms))})
}

// memberAudit describes a change to a member (old or new is nil for an
// addition or a removal) for the audit log, naming the NIKs it touched.
func memberAudit(tx *Tx, action string, old, new *tkm.Member) *tkm.AuditEntry {
	e := &tkm.AuditEntry{Action: action, Entity: "member"}
	var touched []*tkm.Member
	var oldV, newV any
	if old != nil {
		e.EntityID, e.GroupID, oldV = old.ID, old.GroupID, old
		touched = append(touched, old)
	}
	if new != nil {
		e.EntityID, e.GroupID, newV = new.ID, new.GroupID, new
		touched = append(touched, new)
	}
	e.Changes = changes(oldV, newV)
	e.NIKs = niksOf(touched)
	return e
}
