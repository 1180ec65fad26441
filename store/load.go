package store

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"time"

	"tkm"
)

// loadChunk is how many groups the loader buffers before writing them.
const loadChunk = 1000

// sink writes rows in bulk inside one transaction: multi-row INSERTs on
// SQLite, COPY on PostgreSQL.
type sink interface {
	write(ctx context.Context, table string, columns []string, rows [][]any) error
	// maxID returns the largest id in a table.
	maxID(ctx context.Context, table string) (int64, error)
	commit(ctx context.Context) error
	rollback(ctx context.Context) error
}

// Load writes cohorts and a stream of groups, each with its members and
// story, in one transaction, fast, trusting the caller to give valid data:
// it is for demo data and benchmarks, not for people's input. stories
// receives the cohorts' new IDs. progress, if set, hears the number of
// groups written so far after each chunk. It returns the number of groups
// written. The statistics are counted again from the rows afterwards.
func (db *DB) Load(ctx context.Context, cohorts []*tkm.Cohort, stories func(cohortIDs []tkm.ID) iter.Seq[*tkm.GroupStory], progress func(int)) (int, error) {
	s, err := db.dialect.openSink(ctx, db)
	if err != nil {
		return 0, fmt.Errorf("load: %w", err)
	}
	defer s.rollback(context.Background())
	l := &loader{db: db, sink: s, now: db.Now(), last: map[string]int64{}}
	ids, err := l.cohorts(ctx, cohorts)
	if err != nil {
		return 0, fmt.Errorf("load: %w", err)
	}
	n, err := l.groups(ctx, stories(ids), progress)
	if err != nil {
		return n, fmt.Errorf("load: %w", err)
	}
	if err := s.commit(ctx); err != nil {
		return n, err
	}
	if err := db.Recount(ctx); err != nil {
		return n, err
	}
	return n, db.analyze(ctx)
}

// analyze refreshes the planner's statistics after a bulk load, so that
// it knows, say, that a million groups face a handful of exhibitors.
func (db *DB) analyze(ctx context.Context) error {
	err := db.write(ctx, func(tx *Tx) error { return db.dialect.analyze(ctx, tx) })
	if err != nil {
		return fmt.Errorf("analyze: %w", err)
	}
	return nil
}

type loader struct {
	db   *DB
	sink sink
	now  time.Time
	last map[string]int64 // the last id given, by table
}

// nextID gives the next id of a table, after those it holds.
func (l *loader) nextID(table string) tkm.ID {
	l.last[table]++
	return tkm.ID(l.last[table])
}

func (l *loader) cohorts(ctx context.Context, cs []*tkm.Cohort) ([]tkm.ID, error) {
	if err := l.startIDs(ctx, "cohorts"); err != nil {
		return nil, err
	}
	var rows [][]any
	ids := make([]tkm.ID, len(cs))
	for i, c := range cs {
		quotas, _ := json.Marshal(c.Quotas)
		c.ID = l.nextID("cohorts")
		ids[i] = c.ID
		rows = append(rows, []any{int64(c.ID), int64(c.Year), string(c.Tier), c.Name, int64(c.GroupSizeMin),
			int64(c.GroupSizeMax), c.AidAmount, int64(c.MemberAgeMin), int64(c.MemberAgeMax),
			int64(c.EquipmentSharePct), string(quotas), l.now, l.now})
	}
	return ids, l.sink.write(ctx, "cohorts", cohortLoadColumns, rows)
}

// startIDs reads where the ids of tables go on from.
func (l *loader) startIDs(ctx context.Context, tables ...string) error {
	for _, t := range tables {
		n, err := l.sink.maxID(ctx, t)
		if err != nil {
			return err
		}
		l.last[t] = n
	}
	return nil
}

var (
	cohortLoadColumns = []string{"id", "year", "tier", "name", "group_size_min", "group_size_max", "aid_amount",
		"member_age_min", "member_age_max", "equipment_share_pct", "quotas", "created_at", "updated_at"}
	groupLoadColumns = []string{"id", "cohort_id", "name", "region_code", "province_code", "address", "sector",
		"kbli", "phone", "stage", "stage_since", "mentor_id", "previous_group_id", "owner_id", "ref",
		"member_count", "created_at", "updated_at"}
	memberLoadColumns = []string{"id", "group_id", "nik_hash", "nik_sealed", "name", "sex", "birth_date", "phone",
		"address", "education", "employment", "role", "disability", "created_at", "updated_at"}
)

func (l *loader) groups(ctx context.Context, seq iter.Seq[*tkm.GroupStory], progress func(int)) (int, error) {
	if err := l.startIDs(ctx, loadedTables...); err != nil {
		return 0, err
	}
	n := 0
	var chunk []*tkm.GroupStory
	for s := range seq {
		chunk = append(chunk, s)
		if len(chunk) == loadChunk {
			if err := l.flush(ctx, chunk); err != nil {
				return n, err
			}
			n += len(chunk)
			chunk = chunk[:0]
			if progress != nil {
				progress(n)
			}
		}
	}
	if err := l.flush(ctx, chunk); err != nil {
		return n, err
	}
	return n + len(chunk), nil
}

// flush writes a chunk of stories, table after table, parents first.
func (l *loader) flush(ctx context.Context, chunk []*tkm.GroupStory) error {
	if len(chunk) == 0 {
		return nil
	}
	b := &loadBatch{}
	for _, s := range chunk {
		l.group(b, s.Group)
		l.story(b, s)
	}
	for _, t := range b.tables() {
		if err := l.sink.write(ctx, t.name, t.columns, t.rows); err != nil {
			return err
		}
	}
	return nil
}

// group gives g and its members their ids, and adds their rows to b.
func (l *loader) group(b *loadBatch, g *tkm.Group) {
	g.ID = l.nextID("groups")
	g.MemberCount = len(g.Members)
	b.groups = append(b.groups, l.groupRow(g))
	for _, m := range g.Members {
		m.ID, m.GroupID = l.nextID("members"), g.ID
		b.members = append(b.members, l.memberRow(m))
	}
}

func (l *loader) groupRow(g *tkm.Group) []any {
	return []any{int64(g.ID), int64(g.CohortID), g.Name, g.RegionCode, tkm.ProvinceOf(g.RegionCode), g.Address,
		g.Sector, g.KBLI, g.Phone, string(g.Stage), g.StageSince, nullInt(g.MentorID), nullInt(g.PreviousGroupID),
		nullInt(g.OwnerID), g.Ref, int64(g.MemberCount), g.CreatedAt, g.UpdatedAt}
}

func (l *loader) memberRow(m *tkm.Member) []any {
	return []any{int64(m.ID), int64(m.GroupID), l.db.Vault.Hash(m.NIK), l.db.Vault.Seal(m.NIK), m.Name,
		string(m.Sex), m.BirthDate.String(), m.Phone, m.Address, m.Education, string(m.Employment),
		string(m.Role), m.Disability, l.now, l.now}
}

// nullInt writes the zero ID as NULL, as an int64 otherwise.
func nullInt(id tkm.ID) any {
	if id == 0 {
		return nil
	}
	return int64(id)
}

// Empty reports whether the database holds no groups.
func (db *DB) Empty(ctx context.Context) (bool, error) {
	var n int
	err := db.read(ctx, func(tx *Tx) error {
		return tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM groups LIMIT 1) AS g`).Scan(&n)
	})
	return n == 0, err
}
