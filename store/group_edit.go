package store

import (
	"context"
	"fmt"

	"tkm"
)

// UpdateGroup changes the fields set in u.
func (s *GroupService) UpdateGroup(ctx context.Context, id tkm.ID, u tkm.GroupUpdate) (*tkm.Group, []tkm.Warning, error) {
	if err := tkm.Authorize(ctx, tkm.WriteGroup); err != nil {
		return nil, nil, err
	}
	if u.MentorID != nil {
		if err := tkm.Authorize(ctx, tkm.AssignMentors); err != nil {
			return nil, nil, err
		}
	}
	var g *tkm.Group
	err := s.db.write(ctx, func(tx *Tx) (err error) {
		if g, err = findGroup(ctx, tx, id); err != nil {
			return err
		}
		old := *g
		u.Apply(g)
		if err := g.Validate(s.db.Regions); err != nil {
			return err
		}
		if err := checkGroupRefs(ctx, tx, g); err != nil {
			return err
		}
		if u.MentorID != nil && *u.MentorID != old.MentorID {
			if err := checkMentor(ctx, tx, g.MentorID); err != nil {
				return err
			}
		}
		if err := tracked(ctx, tx, g.ID, func() error { return updateGroup(ctx, tx, g) }); err != nil {
			return err
		}
		if g.Members, err = findMembers(ctx, tx, g.ID); err != nil {
			return err
		}
		return tx.audit(ctx, &tkm.AuditEntry{Action: tkm.AuditGroupUpdate, Entity: "group", EntityID: g.ID,
			GroupID: g.ID, Changes: changes(&old, g)})
	})
	if err != nil {
		return nil, nil, err
	}
	mask(g.Members)
	return g, nil, nil
}

// checkMentor checks that a group's mentor is an active mentor.
func checkMentor(ctx context.Context, tx *Tx, id tkm.ID) error {
	if id == 0 {
		return nil
	}
	u, err := findUser(ctx, tx, id)
	if tkm.ErrorCode(err) == tkm.ENOTFOUND || (err == nil && (u.Role != tkm.RoleMentor || u.Disabled)) {
		var f tkm.Fields
		f.Add("mentor_id", "mentor_unknown", "Pendamping tidak ditemukan atau tidak aktif.", "Mentor not found or not active.")
		return f.Err()
	}
	return err
}

func updateGroup(ctx context.Context, tx *Tx, g *tkm.Group) error {
	g.UpdatedAt = tx.now
	_, err := tx.ExecContext(ctx, `
		UPDATE groups SET name = $1, region_code = $2, province_code = $3, address = $4, sector = $5,
			kbli = $6, phone = $7, ref = $8, mentor_id = $9, previous_group_id = $10, updated_at = $11
		WHERE id = $12`,
		g.Name, g.RegionCode, tkm.ProvinceOf(g.RegionCode), g.Address, g.Sector, g.KBLI, g.Phone, g.Ref,
		nullID(g.MentorID), nullID(g.PreviousGroupID), g.UpdatedAt, g.ID)
	if tx.db.dialect.isUnique(err) {
		return refTaken(g.Ref)
	} else if err != nil {
		return fmt.Errorf("update group %d: %w", g.ID, err)
	}
	return nil
}

// DeleteGroup removes a group that has not yet been approved, with its
// members. An approved group is dropped instead, so that its history stays.
func (s *GroupService) DeleteGroup(ctx context.Context, id tkm.ID) error {
	if err := tkm.Authorize(ctx, tkm.DeleteGroup); err != nil {
		return err
	}
	return s.db.write(ctx, func(tx *Tx) error {
		g, err := findGroup(ctx, tx, id)
		if err != nil {
			return err
		}
		switch g.Stage {
		case tkm.StageRegistered, tkm.StageVerified, tkm.StageRejected:
		default:
			return tkm.Errorf(tkm.ECONFLICT, "Kelompok yang sudah ditetapkan tidak dapat dihapus; gugurkan kelompok itu.",
				"An approved group cannot be deleted; drop it instead.")
		}
		if err := deleteGroup(ctx, tx, g); err != nil {
			return err
		}
		return nil
	})
}

// deleteGroup removes a group and its members, and records what was removed.
func deleteGroup(ctx context.Context, tx *Tx, g *tkm.Group) error {
	var later int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM groups WHERE previous_group_id = $1`, g.ID).Scan(&later); err != nil {
		return fmt.Errorf("delete group %d: %w", g.ID, err)
	} else if later > 0 {
		return tkm.Errorf(tkm.ECONFLICT, "Kelompok ini menjadi kelompok asal kelompok Lanjutan; tidak dapat dihapus.",
			"A Lanjutan group grew from this group; it cannot be deleted.")
	}
	members, err := findMembers(ctx, tx, g.ID)
	if err != nil {
		return err
	}
	if err := subStats(ctx, tx, g.ID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM members WHERE group_id = $1`, g.ID); err != nil {
		return fmt.Errorf("delete group %d: %w", g.ID, err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM groups WHERE id = $1`, g.ID); err != nil {
		return fmt.Errorf("delete group %d: %w", g.ID, err)
	}
	return tx.audit(ctx, &tkm.AuditEntry{Action: tkm.AuditGroupDelete, Entity: "group", EntityID: g.ID, GroupID: g.ID,
		Changes: changes(g, nil), Note: fmt.Sprintf("%d anggota", len(members)), NIKs: niksOf(members)})
}
