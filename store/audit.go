package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"slices"
	"strconv"
	"strings"

	"tkm"
)

// The audit log is a chain: every entry's hash is a keyed hash (HMAC, key
// derived from the secret key) of its content and the previous entry's
// hash, and the settings row audit_head holds the last entry's id and hash
// under a keyed hash of their own. Editing, deleting or reordering entries
// by hand breaks the chain; nobody without the key can mend it.

// audit appends e to the log as part of tx, so that the entry commits or
// rolls back with the change it records.
func (tx *Tx) audit(ctx context.Context, e *tkm.AuditEntry) error {
	niks := hashList(tx.db.Vault, e.NIKs)
	return tx.appendAudit(ctx, e, niks, func(id tkm.ID) error { return insertAuditNIKs(ctx, tx, id, e.NIKs) })
}

// appendAudit appends e, whose NIKs' stored form is niks, and has index
// record them under its ID.
func (tx *Tx) appendAudit(ctx context.Context, e *tkm.AuditEntry, niks string, index func(tkm.ID) error) error {
	fillAudit(ctx, e, tx)
	if err := tx.db.dialect.lock(ctx, tx, []byte("tkm audit chain")); err != nil {
		return fmt.Errorf("audit: lock: %w", err)
	}
	var last int64
	var prev string
	err := tx.QueryRowContext(ctx, `SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1`).Scan(&last, &prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("audit: head: %w", err)
	}
	e.ID = tkm.ID(last + 1)
	row := newAuditRow(e, prev, niks)
	e.Hash = row.seal(tx.db.Vault)
	if err := row.insert(ctx, tx); err != nil {
		return err
	}
	if err := index(e.ID); err != nil {
		return err
	}
	return setAuditHead(ctx, tx, int64(e.ID), e.Hash)
}

// fillAudit stamps an entry with the time, the user and the origin.
func fillAudit(ctx context.Context, e *tkm.AuditEntry, tx *Tx) {
	e.At = tx.now
	if u := tkm.UserFromContext(ctx); u != nil {
		e.UserID, e.UserEmail = u.ID, u.Email
	}
	o := tkm.OriginFromContext(ctx)
	e.IP, e.UserAgent, e.RequestID = o.IP, truncate(o.UserAgent, 300), o.RequestID
}

// auditRow is an entry as stored: what its hash covers.
type auditRow struct {
	e       *tkm.AuditEntry
	changes string
	niks    string // the sorted hex keyed hashes of e.NIKs
	prev    string
}

func newAuditRow(e *tkm.AuditEntry, prev, niks string) auditRow {
	r := auditRow{e: e, prev: prev, niks: niks}
	if len(e.Changes) > 0 {
		b, _ := json.Marshal(e.Changes) // map keys come out sorted
		r.changes = string(b)
	}
	return r
}

// maxListedNIKs is how many NIK hashes an entry lists in itself; an entry
// about more (an import) keeps a digest of them instead.
const maxListedNIKs = 100

// hashList is the stored form of an entry's NIKs, which its hash covers:
// their keyed hashes in hex, sorted, without repeats; or for many NIKs the
// SHA-256 of those hashes.
func hashList(v *tkm.Vault, niks []string) string {
	hashes := make([][]byte, len(niks))
	for i, n := range niks {
		hashes[i] = v.Hash(n)
	}
	slices.SortFunc(hashes, bytes.Compare)
	var l nikList
	for _, h := range slices.CompactFunc(hashes, bytes.Equal) {
		l.add(h)
	}
	return l.String()
}

// nikList builds hashList's form from sorted, distinct hashes as they
// come, keeping at most maxListedNIKs of them.
type nikList struct {
	listed [][]byte
	digest hash.Hash
}

func (l *nikList) add(h []byte) {
	if l.digest == nil && len(l.listed) == maxListedNIKs {
		l.digest = sha256.New()
		for _, x := range l.listed {
			l.digest.Write(x)
		}
		l.listed = nil
	}
	if l.digest != nil {
		l.digest.Write(h)
		return
	}
	l.listed = append(l.listed, bytes.Clone(h))
}

func (l *nikList) String() string {
	if l.digest != nil {
		return "sha256:" + hex.EncodeToString(l.digest.Sum(nil))
	}
	out := make([]string, len(l.listed))
	for i, h := range l.listed {
		out[i] = hex.EncodeToString(h)
	}
	return strings.Join(out, ",")
}

// seal returns the entry's chained hash.
func (r auditRow) seal(v *tkm.Vault) string {
	e := r.e
	fields := []string{
		strconv.FormatInt(int64(e.ID), 10), strconv.FormatInt(e.At.UnixMicro(), 10),
		strconv.FormatInt(int64(e.UserID), 10), e.UserEmail, e.Action, e.Entity,
		strconv.FormatInt(int64(e.EntityID), 10), strconv.FormatInt(int64(e.GroupID), 10),
		r.changes, e.Note, e.IP, e.UserAgent, e.RequestID, r.niks, r.prev,
	}
	return base64.RawStdEncoding.EncodeToString(v.AuditMAC([]byte(strings.Join(fields, "\x1f"))))
}

func (r auditRow) insert(ctx context.Context, tx *Tx) error {
	e := r.e
	_, err := tx.ExecContext(ctx, `
		INSERT INTO audit_log (id, at, user_id, user_email, action, entity, entity_id, group_id, changes, note,
			ip, user_agent, request_id, nik_hashes, prev_hash, hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
		e.ID, e.At, nullID(e.UserID), e.UserEmail, e.Action, e.Entity, nullID(e.EntityID), nullID(e.GroupID),
		r.changes, e.Note, e.IP, e.UserAgent, e.RequestID, r.niks, r.prev, e.Hash)
	if err != nil {
		return fmt.Errorf("audit: insert: %w", err)
	}
	return nil
}

// insertAuditNIKs indexes an entry's NIKs, a hundred rows a statement.
func insertAuditNIKs(ctx context.Context, tx *Tx, id tkm.ID, niks []string) error {
	seen := make(map[string]bool, len(niks))
	var rows [][]any
	for _, nik := range niks {
		if seen[nik] {
			continue
		}
		seen[nik] = true
		rows = append(rows, []any{tx.db.Vault.Hash(nik), id, tx.db.Vault.Seal(nik)})
		if len(rows) == memberBatch {
			if err := insertRows(ctx, tx, "audit_niks", auditNIKColumns, rows); err != nil {
				return fmt.Errorf("audit: %w", err)
			}
			rows = rows[:0]
		}
	}
	if err := insertRows(ctx, tx, "audit_niks", auditNIKColumns, rows); err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	return nil
}

var auditNIKColumns = []string{"nik_hash", "audit_id", "nik_sealed"}

// setAuditHead records the last entry, sealed so that cutting entries off
// the end of the log shows too.
func setAuditHead(ctx context.Context, tx *Tx, id int64, hash string) error {
	head := headValue(tx.db.Vault, id, hash)
	_, err := tx.ExecContext(ctx, `INSERT INTO settings (name, value) VALUES ('audit_head', $1)
		ON CONFLICT (name) DO UPDATE SET value = excluded.value`, head)
	if err != nil {
		return fmt.Errorf("audit: head: %w", err)
	}
	return nil
}

func headValue(v *tkm.Vault, id int64, hash string) string {
	s := strconv.FormatInt(id, 10) + ":" + hash
	return s + ":" + base64.RawStdEncoding.EncodeToString(v.AuditMAC([]byte("head\x1f"+s)))
}

// auditAlone appends an entry in a transaction of its own: for what is not
// a write, such as a view of full NIKs.
func (db *DB) auditAlone(ctx context.Context, e *tkm.AuditEntry) error {
	return db.writeLog(ctx, func(tx *Tx) error { return tx.audit(ctx, e) })
}

// niksOf returns the members' full NIKs (masked ones are not NIKs).
func niksOf(ms []*tkm.Member) []string {
	out := make([]string, 0, len(ms))
	for _, m := range ms {
		if m.NIK != "" && !strings.ContainsRune(m.NIK, '•') {
			out = append(out, m.NIK)
		}
	}
	return out
}

// changes lists the fields whose JSON differs between old and new (either
// may be nil, for a creation or a deletion). NIKs are masked; times of the
// write itself are left out.
func changes(old, new any) map[string]tkm.Change {
	a, b := jsonFields(old), jsonFields(new)
	out := map[string]tkm.Change{}
	for k := range mergeKeys(a, b) {
		switch k {
		case "created_at", "updated_at", "members", "member_count":
			continue
		}
		if !bytes.Equal(a[k], b[k]) {
			out[k] = tkm.Change{Old: decodeField(k, a[k]), New: decodeField(k, b[k])}
		}
	}
	return out
}

func jsonFields(v any) map[string]json.RawMessage {
	m := map[string]json.RawMessage{}
	if v != nil {
		b, _ := json.Marshal(v)
		json.Unmarshal(b, &m)
	}
	return m
}

func mergeKeys(a, b map[string]json.RawMessage) map[string]bool {
	keys := map[string]bool{}
	for k := range a {
		keys[k] = true
	}
	for k := range b {
		keys[k] = true
	}
	return keys
}

func decodeField(name string, raw json.RawMessage) any {
	if raw == nil {
		return nil
	}
	var v any
	json.Unmarshal(raw, &v)
	if s, ok := v.(string); ok && name == "nik" {
		return tkm.MaskNIK(s)
	}
	return v
}
