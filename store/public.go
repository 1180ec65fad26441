package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"tkm"
)

// PublicService answers the public. It reads only groups with proof of
// products (institutional or graduated) and never a member's data but the
// names a group chose to publish.
type PublicService struct{ db *DB }

// NewPublicService returns the public service of db.
func NewPublicService(db *DB) *PublicService { return &PublicService{db: db} }

var _ tkm.PublicService = (*PublicService)(nil)

// publicStages is the condition on groups g that makes them public.
const publicStages = `g.stage IN ('institutional', 'graduated')`

func groupNotFound() error {
	return tkm.Errorf(tkm.ENOTFOUND, "Kelompok tidak ditemukan.", "Group not found.")
}

// Catalogue returns a page of products of public groups, newest first.
func (s *PublicService) Catalogue(ctx context.Context, f tkm.CatalogueFilter) (*tkm.CataloguePage, error) {
	var a args
	conds := []string{publicStages}
	if f.Province != "" {
		conds = append(conds, "g.province_code = "+a.add(f.Province))
	}
	op := s.db.dialect.ilike()
	if w := strings.TrimSpace(f.Sector); w != "" {
		conds = append(conds, "g.sector "+op+" "+a.add("%"+escapeLike(w)+"%")+` ESCAPE '\'`)
	}
	if w := strings.TrimSpace(f.Q); w != "" {
		like := a.add("%" + escapeLike(w) + "%")
		conds = append(conds, "(p.name "+op+" "+like+` ESCAPE '\' OR g.name `+op+" "+like+` ESCAPE '\')`)
	}
	if f.Cursor != "" {
		after, err := decodeCursor(f.Cursor)
		if err != nil {
			return nil, err
		}
		conds = append(conds, "p.id < "+a.add(after))
	}
	limit := pageLimit(f.Limit)
	q := `SELECT p.id, p.group_id, p.name, p.description, p.price, p.unit, p.monthly_capacity, p.created_at, ` +
		publicColumns + ` FROM products p JOIN groups g ON g.id = p.group_id LEFT JOIN group_profiles pr ON pr.group_id = g.id
		WHERE ` + where(conds) + ` ORDER BY p.id DESC LIMIT ` + a.add(limit+1)
	page := &tkm.CataloguePage{Items: []*tkm.CatalogueItem{}}
	err := s.db.read(ctx, func(tx *Tx) error { return s.catalogueRows(ctx, tx, q, a, page) })
	if len(page.Items) > limit {
		page.Items = page.Items[:limit]
		page.NextCursor = encodeCursor(page.Items[limit-1].Product.ID)
	}
	return page, err
}

const publicColumns = `g.id, g.name, g.region_code, g.sector, g.stage,
	COALESCE(pr.story, ''), COALESCE(pr.contact, ''), COALESCE(pr.public_names, '')`

func scanPublic(g *tkm.PublicGroup) []any {
	return []any{&g.ID, &g.Name, &g.RegionCode, &g.Sector, &g.Stage, &g.Story, &g.Contact, &g.PublicNames}
}

func (s *PublicService) catalogueRows(ctx context.Context, tx *Tx, q string, a args, page *tkm.CataloguePage) error {
	rows, err := tx.QueryContext(ctx, q, a...)
	if err != nil {
		return fmt.Errorf("catalogue: %w", err)
	}
	for rows.Next() {
		var p tkm.Product
		var g tkm.PublicGroup
		if err := rows.Scan(append([]any{&p.ID, &p.GroupID, &p.Name, &p.Description, &p.Price, &p.Unit,
			&p.MonthlyCapacity, &p.CreatedAt}, scanPublic(&g)...)...); err != nil {
			rows.Close()
			return err
		}
		page.Items = append(page.Items, &tkm.CatalogueItem{Product: &p, Group: &g})
	}
	rows.Close()
	for _, it := range page.Items {
		if it.Product.Photos, err = fileRefs(ctx, tx, "product_photos", "product_id", it.Product.ID); err != nil {
			return err
		}
	}
	return rows.Err()
}

// PublicGroup returns a public group with its products.
func (s *PublicService) PublicGroup(ctx context.Context, id tkm.ID) (*tkm.PublicGroup, error) {
	var g *tkm.PublicGroup
	err := s.db.read(ctx, func(tx *Tx) (err error) {
		g, err = publicGroup(ctx, tx, id)
		return err
	})
	return g, err
}

func publicGroup(ctx context.Context, tx *Tx, id tkm.ID) (*tkm.PublicGroup, error) {
	var g tkm.PublicGroup
	err := tx.QueryRowContext(ctx, `SELECT `+publicColumns+` FROM groups g LEFT JOIN group_profiles pr ON pr.group_id = g.id
		WHERE g.id = $1 AND `+publicStages, id).Scan(scanPublic(&g)...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, groupNotFound()
	} else if err != nil {
		return nil, fmt.Errorf("public group %d: %w", id, err)
	}
	g.Products, err = findProducts(ctx, tx, id)
	return &g, err
}

// PublicExpo returns an expo with its exhibitors as the public sees them.
func (s *PublicService) PublicExpo(ctx context.Context, id tkm.ID) (*tkm.Expo, []*tkm.PublicGroup, error) {
	var e *tkm.Expo
	var groups []*tkm.PublicGroup
	err := s.db.read(ctx, func(tx *Tx) (err error) {
		if e, err = findExpo(ctx, tx, id); err != nil {
			return err
		}
		groups, err = publicExhibitors(ctx, tx, e)
		return err
	})
	return e, groups, err
}

// publicExhibitors keeps the exhibitors the public may see, with their
// groups: a group that has since dropped out is no longer shown.
func publicExhibitors(ctx context.Context, tx *Tx, e *tkm.Expo) ([]*tkm.PublicGroup, error) {
	var groups []*tkm.PublicGroup
	shown := e.Exhibitors[:0]
	for _, x := range e.Exhibitors {
		x.Sales = 0 // sales are the ministry's figures, not the public's
		g, err := publicGroup(ctx, tx, x.GroupID)
		if tkm.ErrorCode(err) == tkm.ENOTFOUND {
			continue
		} else if err != nil {
			return nil, err
		}
		shown, groups = append(shown, x), append(groups, g)
	}
	e.Exhibitors = shown
	return groups, nil
}

// PublicExpos lists every expo.
func (s *PublicService) PublicExpos(ctx context.Context) ([]*tkm.Expo, error) {
	es, err := findExpos(ctx, s.db)
	for _, e := range es {
		for _, x := range e.Exhibitors {
			x.Sales = 0
		}
	}
	return es, err
}

// PublicPhoto returns a photo of a product of a public group.
func (s *PublicService) PublicPhoto(ctx context.Context, id tkm.ID, thumb bool) (*tkm.File, error) {
	var f tkm.File
	err := s.db.read(ctx, func(tx *Tx) error {
		var n int
		if err := count(ctx, tx, &n, `SELECT COUNT(*) FROM product_photos pp JOIN products p ON p.id = pp.product_id
			JOIN groups g ON g.id = p.group_id WHERE pp.file_id = $1 AND `+publicStages, id); err != nil {
			return err
		} else if n == 0 {
			return tkm.Errorf(tkm.ENOTFOUND, "Foto tidak ditemukan.", "Photo not found.")
		}
		return scanFile(ctx, tx, id, thumb, &f)
	})
	return &f, err
}
