package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"tkm"
)

// FileService hands out uploaded files to those who may see their group.
type FileService struct{ db *DB }

// NewFileService returns the file service of db.
func NewFileService(db *DB) *FileService { return &FileService{db: db} }

var _ tkm.FileService = (*FileService)(nil)

func insertFile(ctx context.Context, tx *Tx, f *tkm.File) error {
	f.CreatedAt, f.Size = tx.now, int64(len(f.Data))
	err := tx.QueryRowContext(ctx, `INSERT INTO files (name, content_type, size, width, height, data, thumb, created_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`, truncate(f.Name, 200), f.ContentType, f.Size,
		f.Width, f.Height, f.Data, f.Thumb, tkm.UserFromContext(ctx).ID, f.CreatedAt).Scan(&f.ID)
	if err != nil {
		return fmt.Errorf("insert file: %w", err)
	}
	return tx.audit(ctx, &tkm.AuditEntry{Action: tkm.AuditFile, Entity: "file", EntityID: f.ID,
		Note: fmt.Sprintf("%s, %s, %d bytes", f.Name, f.ContentType, f.Size)})
}

// fileGroup finds the group a file belongs to, within the caller's scope.
const fileGroup = `SELECT g.id FROM groups g WHERE g.id IN (
	SELECT p.group_id FROM product_photos pp JOIN products p ON p.id = pp.product_id WHERE pp.file_id = $1
	UNION SELECT l.group_id FROM lpj_attachments la JOIN lpjs l ON l.id = la.lpj_id WHERE la.file_id = $1
	UNION SELECT r.group_id FROM report_photos rp JOIN reports r ON r.id = rp.report_id WHERE rp.file_id = $1)`

// FindFile returns a file (or its thumbnail) whose group the caller may see.
func (s *FileService) FindFile(ctx context.Context, id tkm.ID, thumb bool) (*tkm.File, error) {
	if err := tkm.Authorize(ctx, tkm.ReadRegistry); err != nil {
		return nil, err
	}
	var f tkm.File
	err := s.db.read(ctx, func(tx *Tx) error {
		a := args{id}
		var gid tkm.ID
		err := tx.QueryRowContext(ctx, fileGroup+` AND `+scopeCondition(tkm.ScopeOf(tkm.UserFromContext(ctx)), &a)+` LIMIT 1`, a...).Scan(&gid)
		if errors.Is(err, sql.ErrNoRows) {
			return tkm.Errorf(tkm.ENOTFOUND, "Berkas tidak ditemukan.", "File not found.")
		} else if err != nil {
			return fmt.Errorf("find file %d: %w", id, err)
		}
		return scanFile(ctx, tx, id, thumb, &f)
	})
	return &f, err
}

func scanFile(ctx context.Context, tx *Tx, id tkm.ID, thumb bool, f *tkm.File) error {
	col := "data"
	if thumb {
		col = "COALESCE(thumb, data)"
	}
	err := tx.QueryRowContext(ctx, `SELECT id, name, content_type, size, width, height, created_at, `+col+`
		FROM files WHERE id = $1`, id).Scan(&f.ID, &f.Name, &f.ContentType, &f.Size, &f.Width, &f.Height, &f.CreatedAt, &f.Data)
	if err != nil {
		return fmt.Errorf("read file %d: %w", id, err)
	}
	if thumb && f.Width > 0 {
		f.ContentType = "image/jpeg" // thumbnails are JPEG
	}
	return nil
}

// owners maps what files can be attached to onto its table.
var owners = map[string]string{"product": "products", "lpj": "lpjs", "report": "reports"}

// CanAttach says whether the caller may attach a file to the owner.
func (s *FileService) CanAttach(ctx context.Context, owner string, id tkm.ID) error {
	if err := tkm.Authorize(ctx, tkm.WriteGroup); err != nil {
		return err
	}
	table, ok := owners[owner]
	if !ok {
		return fmt.Errorf("can attach: unknown owner %q", owner)
	}
	return s.db.read(ctx, func(tx *Tx) error {
		_, err := ownerGroup(ctx, tx, table, id, tkm.Errorf(tkm.ENOTFOUND, "Data tidak ditemukan.", "Not found."))
		return err
	})
}

// fileRefs returns the files linked to one owner row through a link
// table, in order of id.
func fileRefs(ctx context.Context, tx *Tx, table, ownerCol string, owner tkm.ID) ([]*tkm.File, error) {
	fs, err := linkedFiles(ctx, tx, table, ownerCol, "= $1", owner)
	return fs.of(owner), err
}

// groupFileRefs returns the files linked through a link table to every row
// of ownerTable that belongs to a group, by owner: one query for all of a
// group's reports or products.
func groupFileRefs(ctx context.Context, tx *Tx, table, ownerCol, ownerTable string, groupID tkm.ID) (fileSets, error) {
	return linkedFiles(ctx, tx, table, ownerCol, "IN (SELECT id FROM "+ownerTable+" WHERE group_id = $1)", groupID)
}

// fileSets are files by owner.
type fileSets map[tkm.ID][]*tkm.File

// of returns the files of owner, an empty list for none.
func (fs fileSets) of(owner tkm.ID) []*tkm.File {
	if f := fs[owner]; f != nil {
		return f
	}
	return []*tkm.File{}
}

// linkedFiles returns the files linked through a link table to the owners
// that match, by owner, in order of id.
func linkedFiles(ctx context.Context, tx *Tx, table, ownerCol, owners string, arg tkm.ID) (fileSets, error) {
	rows, err := tx.QueryContext(ctx, `SELECT l.`+ownerCol+`, f.id, f.name, f.content_type, f.size, f.width, f.height, f.created_at
		FROM `+table+` l JOIN files f ON f.id = l.file_id WHERE l.`+ownerCol+` `+owners+` ORDER BY f.id`, arg)
	if err != nil {
		return nil, fmt.Errorf("files of %s: %w", table, err)
	}
	defer rows.Close()
	out := fileSets{}
	for rows.Next() {
		var owner tkm.ID
		var f tkm.File
		if err := rows.Scan(&owner, &f.ID, &f.Name, &f.ContentType, &f.Size, &f.Width, &f.Height, &f.CreatedAt); err != nil {
			return nil, err
		}
		f.CreatedAt = f.CreatedAt.UTC()
		out[owner] = append(out[owner], &f)
	}
	return out, rows.Err()
}

// attach stores f and links it to an owner row through a link table.
func attach(ctx context.Context, tx *Tx, table, ownerCol string, owner tkm.ID, f *tkm.File) error {
	if err := insertFile(ctx, tx, f); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO `+table+` (`+ownerCol+`, file_id) VALUES ($1, $2)`, owner, f.ID)
	if err != nil {
		return fmt.Errorf("attach file to %s %d: %w", table, owner, err)
	}
	return nil
}

// ownerGroup finds the group of a row (a product, say) in the caller's scope.
func ownerGroup(ctx context.Context, tx *Tx, table string, id tkm.ID, notFound error) (*tkm.Group, error) {
	var gid tkm.ID
	err := tx.QueryRowContext(ctx, `SELECT group_id FROM `+table+` WHERE id = $1`, id).Scan(&gid)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound
	} else if err != nil {
		return nil, fmt.Errorf("find %s %d: %w", table, id, err)
	}
	g, err := findGroup(ctx, tx, gid)
	if tkm.ErrorCode(err) == tkm.ENOTFOUND {
		return nil, notFound
	}
	return g, err
}
