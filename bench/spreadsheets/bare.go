package main

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"

	"tkm"
)

// batch is how many rows one INSERT of the bare loader carries.
const batch = 100

// bare is the import's ceiling: the file's rows inserted in one
// transaction by multi-row INSERTs, with nothing checked, looked up,
// normalised or encrypted beyond what the schema needs (a NIK hash and a
// sealed NIK, here a plain SHA-256 and the NIK itself).
type bare struct {
	tx       *sql.Tx
	postgres bool
	now      time.Time
	cohort   int64
	nextG    int64
	groups   [][]any
	members  [][]any
}

func runBare(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("bare", flag.ContinueOnError)
	rows := fs.Int("rows", 1_000_000, "member rows (groups of 10)")
	dsn := fs.String("db", "", "sqlite:PATH or postgres://… of a migrated, empty database")
	if err := fs.Parse(args); err != nil {
		return err
	}
	start := time.Now()
	n, err := loadBare(ctx, *dsn, *rows)
	if err != nil {
		return fmt.Errorf("bare: %w", err)
	}
	secs := time.Since(start).Seconds()
	fmt.Fprintf(os.Stderr, "bare: %d rows in %.2f s, %.0f rows/s, peak RSS %d MB\n", n, secs, float64(n)/secs, peakRSS())
	return nil
}

func openBare(dsn string) (*sql.DB, bool, error) {
	if path, ok := strings.CutPrefix(dsn, "sqlite:"); ok {
		db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)"+
			"&_pragma=foreign_keys(ON)&_pragma=synchronous(NORMAL)&_pragma=cache_size(-16384)&_time_integer_format=unix_micro&_txlock=immediate")
		return db, false, err
	}
	db, err := sql.Open("pgx", dsn)
	return db, true, err
}

func loadBare(ctx context.Context, dsn string, rows int) (int, error) {
	db, postgres, err := openBare(dsn)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	b := &bare{tx: tx, postgres: postgres, now: time.Now().UTC()}
	n, err := b.load(ctx, rows)
	if err != nil {
		return n, err
	}
	return n, tx.Commit()
}

func (b *bare) load(ctx context.Context, rows int) (int, error) {
	if err := b.start(ctx); err != nil {
		return 0, err
	}
	seq, err := groups(rows)
	if err != nil {
		return 0, err
	}
	n := 0
	for g := range seq {
		b.add(g)
		n += len(g.Members)
		if len(b.groups) == batch {
			if err := b.flush(ctx); err != nil {
				return n, err
			}
		}
	}
	return n, b.flush(ctx)
}

// start adds the cohort and finds the first free group id.
func (b *bare) start(ctx context.Context) error {
	err := b.tx.QueryRowContext(ctx, `INSERT INTO cohorts (year, tier, name, group_size_min, group_size_max,
		aid_amount, member_age_min, member_age_max, equipment_share_pct, quotas, created_at, updated_at)
		VALUES (2026, 'pemula', 'Bare', 10, 10, 20000000, 17, 55, 60, '{}', $1, $1) RETURNING id`, b.now).Scan(&b.cohort)
	if err != nil {
		return err
	}
	return b.tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM groups`).Scan(&b.nextG)
}

func (b *bare) add(g *tkm.Group) {
	b.nextG++
	b.groups = append(b.groups, []any{b.nextG, b.cohort, g.Name, g.RegionCode, tkm.ProvinceOf(g.RegionCode), g.Sector,
		g.Phone, "registered", b.now, g.Ref, int64(len(g.Members)), b.now, b.now})
	for _, m := range g.Members {
		h := sha256.Sum256([]byte(m.NIK))
		b.members = append(b.members, []any{b.nextG, h[:], []byte(m.NIK), m.Name, string(m.Sex), m.BirthDate.String(),
			m.Phone, m.Address, string(m.Employment), string(m.Role), b.now, b.now})
	}
}

var (
	bareGroupColumns  = "id, cohort_id, name, region_code, province_code, sector, phone, stage, stage_since, ref, member_count, created_at, updated_at"
	bareMemberColumns = "group_id, nik_hash, nik_sealed, name, sex, birth_date, phone, address, employment, role, created_at, updated_at"
)

func (b *bare) flush(ctx context.Context) error {
	if err := b.insert(ctx, "groups", bareGroupColumns, b.groups); err != nil {
		return err
	}
	for ms := b.members; len(ms) > 0; ms = ms[min(batch, len(ms)):] {
		if err := b.insert(ctx, "members", bareMemberColumns, ms[:min(batch, len(ms))]); err != nil {
			return err
		}
	}
	b.groups, b.members = b.groups[:0], b.members[:0]
	return nil
}

func (b *bare) insert(ctx context.Context, table, columns string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	var q strings.Builder
	var vals []any
	q.WriteString("INSERT INTO " + table + " (" + columns + ") VALUES ")
	for i, r := range rows {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteByte('(')
		for j, v := range r {
			if j > 0 {
				q.WriteString(", ")
			}
			vals = append(vals, v)
			q.WriteString(b.placeholder(len(vals)))
		}
		q.WriteByte(')')
	}
	_, err := b.tx.ExecContext(ctx, q.String(), vals...)
	return err
}

func (b *bare) placeholder(n int) string {
	if b.postgres {
		return "$" + strconv.Itoa(n)
	}
	return "?"
}
