package store

import (
	"context"
	"database/sql"
	"sync"
)

// maxCachedStmts bounds the statement cache; queries past it are prepared
// each time, as they would be without a cache.
const maxCachedStmts = 512

// stmtCache keeps prepared statements by their SQL, so that SQLite parses
// each query once per connection instead of on every call (PostgreSQL's
// driver caches them itself).
type stmtCache struct {
	pool    *sql.DB
	mu      sync.Mutex
	stmts   map[string]*sql.Stmt
	pending sync.WaitGroup
}

func newStmtCache(pool *sql.DB) *stmtCache {
	return &stmtCache{pool: pool, stmts: map[string]*sql.Stmt{}}
}

// get returns the prepared statement for query, or nil when it is not
// prepared yet. A miss prepares it in the background: preparing on the pool
// needs a free connection, and the caller's transaction may hold the only one.
func (c *stmtCache) get(query string) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.stmts[query]
	if !ok && c.stmts != nil && len(c.stmts) < maxCachedStmts {
		c.stmts[query] = nil // pending
		c.pending.Go(func() { c.prepare(query) })
	}
	return s
}

func (c *stmtCache) prepare(query string) {
	s, err := c.pool.Prepare(query)
	c.mu.Lock()
	defer c.mu.Unlock()
	if err != nil || c.stmts == nil {
		delete(c.stmts, query) // try again next time
		if s != nil {
			s.Close()
		}
		return
	}
	c.stmts[query] = s
}

// close waits for the statements being prepared, then closes them all.
func (c *stmtCache) close() {
	c.pending.Wait()
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, s := range c.stmts {
		if s != nil {
			s.Close()
		}
	}
	c.stmts = nil
}

// stmt returns query prepared for this transaction, or nil to run it unprepared.
func (tx *Tx) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if tx.cache == nil {
		return nil, nil
	}
	if s := tx.cache.get(query); s != nil {
		return tx.Tx.StmtContext(ctx, s), nil
	}
	return nil, nil
}

// QueryContext runs a query through the statement cache.
func (tx *Tx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	s, err := tx.stmt(ctx, query)
	if err != nil {
		return nil, err
	} else if s == nil {
		return tx.Tx.QueryContext(ctx, query, args...)
	}
	return s.QueryContext(ctx, args...)
}

// QueryRowContext runs a one-row query through the statement cache.
func (tx *Tx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	s, err := tx.stmt(ctx, query)
	if err != nil || s == nil {
		return tx.Tx.QueryRowContext(ctx, query, args...)
	}
	return s.QueryRowContext(ctx, args...)
}

// ExecContext runs a statement through the statement cache.
func (tx *Tx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	s, err := tx.stmt(ctx, query)
	if err != nil {
		return nil, err
	} else if s == nil {
		return tx.Tx.ExecContext(ctx, query, args...)
	}
	return s.ExecContext(ctx, args...)
}
