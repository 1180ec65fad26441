package store

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"tkm"
)

// ProfileService keeps what groups tell the public.
type ProfileService struct{ db *DB }

// NewProfileService returns the profile service of db.
func NewProfileService(db *DB) *ProfileService { return &ProfileService{db: db} }

var _ tkm.ProfileService = (*ProfileService)(nil)

// FindProfile returns a group's public profile (empty when none was written).
func (s *ProfileService) FindProfile(ctx context.Context, groupID tkm.ID) (*tkm.GroupProfile, error) {
	if err := tkm.Authorize(ctx, tkm.ReadRegistry); err != nil {
		return nil, err
	}
	var story, contact, names string
	err := s.db.read(ctx, func(tx *Tx) error {
		if _, err := findGroup(ctx, tx, groupID); err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(story), ''), COALESCE(MAX(contact), ''), COALESCE(MAX(public_names), '')
			FROM group_profiles WHERE group_id = $1`, groupID).Scan(&story, &contact, &names)
		return err
	})
	return &tkm.GroupProfile{Story: &story, Contact: &contact, PublicNames: &names}, err
}

// UpdateProfile changes the fields set in p.
func (s *ProfileService) UpdateProfile(ctx context.Context, groupID tkm.ID, p tkm.GroupProfile) error {
	if err := tkm.Authorize(ctx, tkm.WriteGroup); err != nil {
		return err
	}
	old, err := s.FindProfile(ctx, groupID)
	if err != nil {
		return err
	}
	next := tkm.GroupProfile{Story: pick(p.Story, old.Story), Contact: pick(p.Contact, old.Contact), PublicNames: pick(p.PublicNames, old.PublicNames)}
	if err := checkProfile(next); err != nil {
		return err
	}
	return s.db.write(ctx, func(tx *Tx) error {
		if _, err := findGroup(ctx, tx, groupID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO group_profiles (group_id, story, contact, public_names, updated_at)
			VALUES ($1, $2, $3, $4, $5) ON CONFLICT (group_id) DO UPDATE SET story = excluded.story,
			contact = excluded.contact, public_names = excluded.public_names, updated_at = excluded.updated_at`,
			groupID, *next.Story, *next.Contact, *next.PublicNames, tx.now)
		if err != nil {
			return fmt.Errorf("update profile of %d: %w", groupID, err)
		}
		return tx.audit(ctx, &tkm.AuditEntry{Action: tkm.AuditProfile, Entity: "group", EntityID: groupID, GroupID: groupID,
			Changes: changes(old, next)})
	})
}

func pick(v, old *string) *string {
	if v == nil {
		return old
	}
	s := strings.TrimSpace(*v)
	return &s
}

func checkProfile(p tkm.GroupProfile) error {
	var f tkm.Fields
	for _, c := range []struct {
		field string
		v     string
		max   int
	}{{"story", *p.Story, 3000}, {"contact", *p.Contact, 200}, {"public_names", *p.PublicNames, 1000}} {
		if utf8.RuneCountInString(c.v) > c.max {
			f.Add(c.field, "too_long", fmt.Sprintf("Paling banyak %d karakter.", c.max), fmt.Sprintf("At most %d characters.", c.max))
		}
	}
	return f.Err()
}
