package store

import (
	"context"
	"encoding/binary"
	"encoding/gob"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"strconv"
	"strings"

	"tkm"
)

// importRun is the state of one import between its passes.
type importRun struct {
	db       *DB
	ctx      context.Context
	cohort   *tkm.Cohort
	opt      tkm.ImportOptions
	today    tkm.Date
	res      *tkm.ImportResult
	onError  func(tkm.RowError)
	progress func(*tkm.ImportResult)

	cols      map[string]int
	groups    map[string]*importGroup
	order     []*importGroup
	conflicts int                       // groups whose rows differ in a group column
	niks      nikTable                  // first 8 bytes of a NIK's hash → the row it was first seen on
	held      []heldNIK                 // NIKs still to look up in the registry, at most holderBatch
	existing  map[string]*existingGroup // the cohort's groups in the registry, by ref
	spool     *os.File
	enc       *gob.Encoder
}

// importGroup is what the first pass learns about one group of the file.
type importGroup struct {
	ref         string
	index       int
	first       int // its first row
	header      groupHeader
	voted       uint8 // the group columns (bits by ImportGroupColumns) a row has set
	conflict    bool  // rows differ in a group column
	members     int
	leaders     int
	fingerprint uint64
	bad         bool
	existing    *existingGroup
	action      string // "create", "update", "unchanged" or "refused"
}

type heldNIK struct {
	hash  [32]byte
	group int32
	row   int32
}

// groupHeader is a group's own columns, in the order of
// tkm.ImportGroupColumns, copied out of the row that gave them: a
// substring would keep that whole row's text alive for the whole import.
type groupHeader [4]string

func headerOf(g tkm.Group) groupHeader {
	var h groupHeader
	for c, col := range tkm.ImportGroupColumns {
		h[c] = strings.Clone(tkm.ImportGroupValue(g, col))
	}
	return h
}

// group is the header as a group, for the scope check and the writes.
func (h groupHeader) group() *tkm.Group {
	var g tkm.Group
	for c, col := range tkm.ImportGroupColumns {
		tkm.SetImportGroupValue(&g, col, h[c])
	}
	return &g
}

// spooled is a checked row waiting for the second pass.
type spooled struct {
	Group                                 int32
	NIK, Name, Sex, Birth, Phone, Address string
	Employment, Role                      string
}

func spoolOf(g int, m tkm.Member) spooled {
	return spooled{Group: int32(g), NIK: m.NIK, Name: m.Name, Sex: string(m.Sex), Birth: m.BirthDate.String(),
		Phone: m.Phone, Address: m.Address, Employment: string(m.Employment), Role: string(m.Role)}
}

func newImportRun(db *DB, ctx context.Context, c *tkm.Cohort, opt tkm.ImportOptions, spool *os.File,
	onError func(tkm.RowError), progress func(*tkm.ImportResult)) *importRun {
	if onError == nil {
		onError = func(tkm.RowError) {}
	}
	if progress == nil {
		progress = func(*tkm.ImportResult) {}
	}
	return &importRun{db: db, ctx: ctx, cohort: c, opt: opt, today: tkm.Today(db.Now()),
		res:     &tkm.ImportResult{Status: tkm.ImportRunning, DryRun: opt.DryRun, Partial: opt.Partial, Errors: []tkm.RowError{}},
		onError: onError, progress: progress, groups: map[string]*importGroup{},
		spool: spool, enc: gob.NewEncoder(spool)}
}

// fail records an error and refuses the group it belongs to.
func (r *importRun) fail(g *importGroup, e tkm.RowError) {
	r.res.ErrorsTotal++
	if len(r.res.Errors) < tkm.MaxReportedErrors {
		r.res.Errors = append(r.res.Errors, e)
	}
	r.onError(e)
	if g != nil {
		g.bad = true
	}
}

// check is the first pass: every row parsed and checked, every group
// gathered, every NIK noted.
func (r *importRun) check(src tkm.ImportSource) error {
	rows, err := src.Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return err
		}
		r.fail(nil, tkm.RowError{Row: 1, Column: "ref_kelompok", Code: "file_empty",
			Message: "Berkas kosong: tidak ada baris judul.", English: "The file is empty: no header row."})
		return nil
	}
	var herrs []tkm.RowError
	if r.cols, herrs = tkm.ImportHeader(rows.Row()); len(herrs) > 0 {
		for _, e := range herrs {
			r.fail(nil, e)
		}
		return nil
	}
	for rows.Next() {
		if err := r.checkRow(rows.Row()); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if err := r.findHolders(); err != nil {
		return err
	}
	if err := r.agreeGroups(src); err != nil {
		return err
	}
	r.checkGroups()
	return nil
}

func blank(row tkm.ImportRow) bool {
	for _, c := range row.Cells {
		if c.Text != "" {
			return false
		}
	}
	return true
}

func (r *importRun) checkRow(row tkm.ImportRow) error {
	if blank(row) {
		return nil
	}
	r.res.RowsTotal++
	r.res.RowsDone = r.res.RowsTotal
	if r.res.RowsTotal%progressEvery == 0 {
		r.progress(r.res)
		if err := r.ctx.Err(); err != nil {
			return err
		}
	}
	line, errs := tkm.ParseImportRow(row, r.cols, r.db.Regions, r.today)
	g := r.group(line)
	for _, e := range errs {
		r.fail(g, e)
	}
	r.sameGroup(g, line, errs)
	if err := r.noteMember(g, line, len(errs) == 0); err != nil {
		return err
	}
	if len(errs) == 0 {
		r.res.RowsOK++
	}
	return r.enc.Encode(spoolOf(g.index, line.Member))
}

// group finds or starts the group of a row.
func (r *importRun) group(l tkm.ImportLine) *importGroup {
	g, ok := r.groups[l.Ref]
	if !ok {
		ref := strings.Clone(l.Ref)
		g = &importGroup{ref: ref, index: len(r.order), first: l.Row, header: headerOf(l.Group), existing: r.existing[ref]}
		r.groups[ref] = g
		r.order = append(r.order, g)
	}
	return g
}

// noteMember counts a member for its group and checks its NIK is not in
// the file twice.
func (r *importRun) noteMember(g *importGroup, l tkm.ImportLine, ok bool) error {
	g.members++
	if l.Member.Role == tkm.RoleKetua {
		g.leaders++
	}
	g.fingerprint += lineFingerprint(l)
	if !ok || l.Member.NIK == "" {
		return nil
	}
	var h [32]byte
	copy(h[:], r.db.Vault.Hash(l.Member.NIK))
	key := binary.BigEndian.Uint64(h[:8])
	if first, dup := r.niks.find(key); dup {
		r.fail(g, tkm.RowError{Row: l.Row, Column: "nik", Code: "nik_duplicate",
			Message: fmt.Sprintf("NIK ini sudah ada di baris %d berkas ini.", first),
			English: fmt.Sprintf("This NIK is already on row %d of this file.", first)})
		return nil
	}
	r.niks.add(key, int32(l.Row))
	r.held = append(r.held, heldNIK{hash: h, group: int32(g.index), row: int32(l.Row)})
	if len(r.held) == holderBatch {
		return r.findHolders()
	}
	return nil
}

// lineFingerprint hashes what a row says, so that a group's fingerprint
// (the sum over its rows) does not depend on the rows' order.
func lineFingerprint(l tkm.ImportLine) uint64 {
	h := fnv.New64a()
	m := l.Member
	for _, s := range []string{l.Group.Name, l.Group.RegionCode, l.Group.Sector, l.Group.Phone, m.NIK, m.Name,
		string(m.Sex), m.BirthDate.String(), m.Phone, m.Address, string(m.Role), string(m.Employment)} {
		io.WriteString(h, s)
		h.Write([]byte{0})
	}
	return h.Sum64()
}

// checkGroups applies the cohort's rules to each group as a whole.
func (r *importRun) checkGroups() {
	lo, hi := r.cohort.GroupSizeMin, r.cohort.GroupSizeMax
	for _, g := range r.order {
		if g.leaders != 1 {
			r.fail(g, tkm.RowError{Row: g.first, Column: "peran", Code: "leader_count",
				Message: fmt.Sprintf("Kelompok %s harus punya tepat satu ketua (ada %d).", g.ref, g.leaders),
				English: fmt.Sprintf("Group %s must have exactly one ketua (it has %d).", g.ref, g.leaders)})
		}
		if g.members < lo || g.members > hi {
			r.fail(g, tkm.RowError{Row: g.first, Column: "ref_kelompok", Code: "group_size",
				Message: fmt.Sprintf("Kelompok %s beranggota %d orang; angkatan ini %d–%d orang.", g.ref, g.members, lo, hi),
				English: fmt.Sprintf("Group %s has %d members; this cohort takes %d–%d.", g.ref, g.members, lo, hi)})
		}
	}
}

func (g *importGroup) fingerprintText() string {
	return strconv.FormatUint(g.fingerprint, 16) + ":" + strconv.Itoa(g.members)
}
