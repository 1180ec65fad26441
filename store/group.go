package store

import (
	"context"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"tkm"
)

// GroupService keeps groups and their members in the database.
type GroupService struct{ db *DB }

// NewGroupService returns the group service of db.
func NewGroupService(db *DB) *GroupService { return &GroupService{db: db} }

var (
	_ tkm.GroupService  = (*GroupService)(nil)
	_ tkm.MemberService = (*GroupService)(nil)
)

// CreateGroup validates and saves a new group with its members. It starts
// at stage registered. Every problem is reported at once.
func (s *GroupService) CreateGroup(ctx context.Context, g *tkm.Group) ([]tkm.Warning, error) {
	if err := tkm.Authorize(ctx, tkm.WriteGroup); err != nil {
		return nil, err
	}
	warnings, err := s.validateGroup(g)
	if err != nil {
		return warnings, err
	}
	adoptNewGroup(ctx, g)
	err = s.db.write(ctx, func(tx *Tx) error {
		if err := checkGroupRefs(ctx, tx, g); err != nil {
			return err
		}
		if err := claimNIKs(ctx, tx, g, g.Members, true); err != nil {
			return err
		}
		if err := insertGroup(ctx, tx, g); err != nil {
			return err
		}
		if err := addStats(ctx, tx, g.ID); err != nil {
			return err
		}
		return tx.audit(ctx, &tkm.AuditEntry{Action: tkm.AuditGroupCreate, Entity: "group", EntityID: g.ID,
			GroupID: g.ID, Changes: changes(nil, g), Note: fmt.Sprintf("%d anggota", len(g.Members)),
			NIKs: niksOf(g.Members)})
	})
	if err == nil {
		mask(g.Members) // what was saved, as any later read shows it
	}
	return warnings, err
}

// validateGroup checks the group and its members together, so that a form
// shows every problem at once.
func (s *GroupService) validateGroup(g *tkm.Group) ([]tkm.Warning, error) {
	today := tkm.Today(s.db.Now())
	gerr := g.Validate(s.db.Regions)
	warnings, merr := tkm.ValidateMembers(g.Members, s.db.Regions, today)
	if gerr == nil && merr == nil {
		return warnings, nil
	}
	var f tkm.Fields
	f = append(f, fieldsOf(gerr)...)
	f = append(f, fieldsOf(merr)...)
	return warnings, f.Err()
}

func fieldsOf(err error) []tkm.FieldError {
	var e *tkm.Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// checkGroupRefs checks what a group points at: its cohort, its previous
// group, and that its region lies in the caller's scope.
func checkGroupRefs(ctx context.Context, tx *Tx, g *tkm.Group) error {
	var f tkm.Fields
	c, err := findCohort(ctx, tx, g.CohortID)
	switch {
	case tkm.ErrorCode(err) == tkm.ENOTFOUND:
		f.Add("cohort_id", "cohort_unknown", "Angkatan tidak ditemukan.", "Cohort not found.")
	case err != nil:
		return err
	case tkm.UserFromContext(ctx).Role == tkm.RoleGroup && !c.ApplicationsOpen:
		f.Add("cohort_id", "cohort_closed", "Angkatan ini tidak menerima pendaftaran daring.", "This cohort does not take applications online.")
	}
	if g.PreviousGroupID != 0 {
		if _, err := findGroup(ctx, tx, g.PreviousGroupID); tkm.ErrorCode(err) == tkm.ENOTFOUND {
			f.Add("previous_group_id", "group_unknown", "Kelompok sebelumnya tidak ditemukan.", "Previous group not found.")
		} else if err != nil {
			return err
		}
	}
	if !tkm.ScopeOf(tkm.UserFromContext(ctx)).Covers(g) {
		f.Add("region_code", "region_out_of_scope", "Wilayah ini di luar wilayah kerja Anda.", "This region is outside your area.")
	}
	return f.Err()
}

// adoptNewGroup makes a mentor's new group theirs to mentor, and a
// leader's new group theirs to own.
func adoptNewGroup(ctx context.Context, g *tkm.Group) {
	switch u := tkm.UserFromContext(ctx); u.Role {
	case tkm.RoleMentor:
		g.MentorID = u.ID
	case tkm.RoleGroup:
		g.OwnerID = u.ID
	}
}

func insertGroup(ctx context.Context, tx *Tx, g *tkm.Group) error {
	g.Stage, g.StageSince, g.CreatedAt, g.UpdatedAt = tkm.StageRegistered, tx.now, tx.now, tx.now
	g.MemberCount = len(g.Members)
	err := tx.QueryRowContext(ctx, `
		INSERT INTO groups (cohort_id, name, region_code, province_code, address, sector, kbli, phone,
			stage, stage_since, mentor_id, previous_group_id, owner_id, ref, member_count, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
		g.CohortID, g.Name, g.RegionCode, tkm.ProvinceOf(g.RegionCode), g.Address, g.Sector, g.KBLI, g.Phone,
		g.Stage, g.StageSince, nullID(g.MentorID), nullID(g.PreviousGroupID), nullID(g.OwnerID), g.Ref,
		g.MemberCount, g.CreatedAt, g.UpdatedAt,
	).Scan(&g.ID)
	if tx.db.dialect.isUnique(err) {
		return refTaken(g.Ref)
	} else if err != nil {
		return fmt.Errorf("insert group %q: %w", g.Name, err)
	}
	for _, m := range g.Members {
		m.GroupID = g.ID
		if err := insertMember(ctx, tx, m); err != nil {
			return err
		}
	}
	return nil
}

func refTaken(ref string) error {
	var f tkm.Fields
	f.Add("ref", "ref_taken", "Nomor referensi "+ref+" sudah dipakai kelompok lain di angkatan ini.",
		"Reference "+ref+" is already used by another group in this cohort.")
	e := f.Err().(*tkm.Error)
	e.Code = tkm.ECONFLICT
	return e
}

// FindGroupByID returns a group in the caller's scope with its members,
// their NIKs masked.
func (s *GroupService) FindGroupByID(ctx context.Context, id tkm.ID) (*tkm.Group, error) {
	g, err := s.groupWithMembers(ctx, id)
	if err != nil {
		return nil, err
	}
	mask(g.Members)
	return g, nil
}

// RevealNIKs returns a group in the caller's scope with its members' full
// NIKs, and records who saw them.
func (s *GroupService) RevealNIKs(ctx context.Context, id tkm.ID) (*tkm.Group, error) {
	if err := tkm.Authorize(ctx, tkm.ReadNIK); err != nil {
		return nil, err
	}
	g, err := s.groupWithMembers(ctx, id)
	if err != nil {
		return nil, err
	}
	err = s.db.auditAlone(ctx, &tkm.AuditEntry{Action: tkm.AuditNIKView, Entity: "group", EntityID: g.ID,
		GroupID: g.ID, NIKs: niksOf(g.Members)})
	return g, err
}

func (s *GroupService) groupWithMembers(ctx context.Context, id tkm.ID) (*tkm.Group, error) {
	if err := tkm.Authorize(ctx, tkm.ReadRegistry); err != nil {
		return nil, err
	}
	var g *tkm.Group
	err := s.db.read(ctx, func(tx *Tx) (err error) {
		if g, err = findGroup(ctx, tx, id); err != nil {
			return err
		}
		if g.MentorID != 0 {
			if err := tx.QueryRowContext(ctx, `SELECT name FROM users WHERE id = $1`, g.MentorID).Scan(&g.MentorName); err != nil {
				return fmt.Errorf("mentor of group %d: %w", id, err)
			}
		}
		g.Members, err = findMembers(ctx, tx, g.ID)
		return err
	})
	return g, err
}

// mask hides all but the first and last four digits of each NIK.
func mask(ms []*tkm.Member) {
	for _, m := range ms {
		m.NIK = tkm.MaskNIK(m.NIK)
	}
}

const groupColumns = `g.id, g.cohort_id, g.name, g.region_code, g.address, g.sector, g.kbli, g.phone,
	g.stage, g.stage_since, COALESCE(g.mentor_id, 0), COALESCE(g.previous_group_id, 0),
	COALESCE(g.owner_id, 0), g.ref, g.member_count, g.created_at, g.updated_at`

func scanGroup(row scanner) (*tkm.Group, error) {
	var g tkm.Group
	err := row.Scan(groupScanTargets(&g)...)
	g.StageSince, g.CreatedAt, g.UpdatedAt = g.StageSince.UTC(), g.CreatedAt.UTC(), g.UpdatedAt.UTC()
	return &g, err
}

// groupScanTargets are the fields groupColumns scan into.
func groupScanTargets(g *tkm.Group) []any {
	return []any{&g.ID, &g.CohortID, &g.Name, &g.RegionCode, &g.Address, &g.Sector, &g.KBLI, &g.Phone,
		&g.Stage, &g.StageSince, &g.MentorID, &g.PreviousGroupID, &g.OwnerID, &g.Ref, &g.MemberCount,
		&g.CreatedAt, &g.UpdatedAt}
}

// findGroup returns a group in the scope of the user in ctx, without its
// members; a group outside the scope is not found.
func findGroup(ctx context.Context, tx *Tx, id tkm.ID) (*tkm.Group, error) {
	key := groupKey{id, tkm.ScopeOf(tkm.UserFromContext(ctx))}
	if g, ok := tx.groups[key]; ok { // a copy: the caller may change it
		return &g, nil
	}
	var a args
	q := `SELECT ` + groupColumns + ` FROM groups g WHERE g.id = ` + a.add(id) + ` AND ` + scopeCondition(key.scope, &a)
	g, err := scanGroup(tx.QueryRowContext(ctx, q, a...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, tkm.Errorf(tkm.ENOTFOUND, "Kelompok tidak ditemukan.", "Group not found.")
	} else if err != nil {
		return nil, fmt.Errorf("find group %d: %w", id, err)
	}
	if !tx.write {
		if tx.groups == nil {
			tx.groups = map[groupKey]tkm.Group{}
		}
		tx.groups[key] = *g
	}
	return g, nil
}

// FindGroups returns one page of the groups in the caller's scope that
// match the filter, newest first.
func (s *GroupService) FindGroups(ctx context.Context, f tkm.GroupFilter) (*tkm.GroupPage, error) {
	if err := tkm.Authorize(ctx, tkm.ReadRegistry); err != nil {
		return nil, err
	}
	q, a, limit, err := s.groupsQuery(ctx, f)
	if err != nil {
		return nil, err
	}
	page := &tkm.GroupPage{Items: []*tkm.Group{}}
	err = s.db.read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, q, a...)
		if err != nil {
			return fmt.Errorf("find groups: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			g, err := scanGroup(rows)
			if err != nil {
				return fmt.Errorf("find groups: %w", err)
			}
			page.Items = append(page.Items, g)
		}
		return rows.Err()
	})
	if len(page.Items) > limit {
		page.Items = page.Items[:limit]
		page.NextCursor = encodeCursor(page.Items[limit-1].ID)
	}
	return page, err
}

// groupsQuery builds the list query; it reads one row more than the limit
// to know whether another page follows.
func (s *GroupService) groupsQuery(ctx context.Context, f tkm.GroupFilter) (string, args, int, error) {
	conds, a, err := groupConditions(ctx, s.db, f)
	if err != nil {
		return "", nil, 0, err
	}
	if f.Cursor != "" {
		after, err := decodeCursor(f.Cursor)
		if err != nil {
			return "", nil, 0, err
		}
		conds = append(conds, "g.id < "+a.add(after))
	}
	limit := pageLimit(f.Limit)
	q := `SELECT ` + groupColumns + ` FROM groups g WHERE ` + where(conds) +
		` ORDER BY g.id DESC LIMIT ` + a.add(limit+1)
	return q, a, limit, nil
}

// groupConditions turns a filter (but its page) into the conditions on
// groups g, the caller's scope first.
func groupConditions(ctx context.Context, db *DB, f tkm.GroupFilter) ([]string, args, error) {
	var a args
	conds := []string{scopeCondition(tkm.ScopeOf(tkm.UserFromContext(ctx)), &a)}
	if f.CohortID != 0 {
		conds = append(conds, "g.cohort_id = "+a.add(f.CohortID))
	}
	if f.Province != "" {
		conds = append(conds, "g.province_code = "+a.add(f.Province))
	}
	if f.Year != 0 {
		conds = append(conds, cohortYear(f.Year, &a))
	}
	if f.Region != "" {
		conds = append(conds, withinRegion("g.region_code", f.Region, &a))
	}
	if f.Stage != "" {
		conds = append(conds, "g.stage = "+a.add(f.Stage))
	}
	if q := strings.TrimSpace(f.Q); isNIKLike(q) {
		conds = append(conds, "g.id IN (SELECT m.group_id FROM members m WHERE m.nik_hash = "+a.add(db.Vault.Hash(q))+")")
	} else if q != "" {
		like := "%" + escapeLike(q) + "%"
		op := db.dialect.ilike()
		conds = append(conds, "(g.name "+op+" "+a.add(like)+" ESCAPE '\\' OR g.ref = "+a.add(q)+")")
	}
	return conds, a, nil
}

func isNIKLike(q string) bool {
	if len(q) != 16 {
		return false
	}
	for _, r := range q {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

func encodeCursor(id tkm.ID) string {
	return base64.RawURLEncoding.EncodeToString([]byte("g" + id.String()))
}

func decodeCursor(c string) (tkm.ID, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err == nil && len(b) > 1 && b[0] == 'g' {
		if n, err := strconv.ParseInt(string(b[1:]), 10, 64); err == nil && n > 0 {
			return tkm.ID(n), nil
		}
	}
	var f tkm.Fields
	f.Add("cursor", "cursor_invalid", "Penanda halaman tidak sah; mulai lagi dari halaman pertama.",
		"Invalid page cursor; start again from the first page.")
	e := f.Err().(*tkm.Error)
	e.Code = tkm.EMALFORMED
	return 0, e
}
