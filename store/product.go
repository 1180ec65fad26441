package store

import (
	"context"
	"fmt"

	"tkm"
)

// ProductService keeps products and their photos.
type ProductService struct{ db *DB }

// NewProductService returns the product service of db.
func NewProductService(db *DB) *ProductService { return &ProductService{db: db} }

var _ tkm.ProductService = (*ProductService)(nil)

// CreateProduct adds a product to a group in the caller's scope.
func (s *ProductService) CreateProduct(ctx context.Context, groupID tkm.ID, p *tkm.Product) error {
	if err := tkm.Authorize(ctx, tkm.WriteGroup); err != nil {
		return err
	}
	return s.db.write(ctx, func(tx *Tx) error {
		g, err := findGroup(ctx, tx, groupID)
		if err != nil {
			return err
		}
		if err := p.Validate(); err != nil {
			return err
		}
		p.GroupID, p.CreatedAt, p.Photos = g.ID, tx.now, []*tkm.File{}
		err = tx.QueryRowContext(ctx, `INSERT INTO products (group_id, name, description, price, unit, monthly_capacity, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, p.GroupID, p.Name, p.Description, p.Price, p.Unit,
			p.MonthlyCapacity, p.CreatedAt).Scan(&p.ID)
		if err != nil {
			return fmt.Errorf("insert product: %w", err)
		}
		return tx.audit(ctx, &tkm.AuditEntry{Action: tkm.AuditProduct, Entity: "product", EntityID: p.ID, GroupID: g.ID,
			Changes: changes(nil, p)})
	})
}

// FindProducts returns a group's products with their photos.
func (s *ProductService) FindProducts(ctx context.Context, groupID tkm.ID) ([]*tkm.Product, error) {
	if err := tkm.Authorize(ctx, tkm.ReadRegistry); err != nil {
		return nil, err
	}
	var out []*tkm.Product
	err := s.db.read(ctx, func(tx *Tx) error {
		if _, err := findGroup(ctx, tx, groupID); err != nil {
			return err
		}
		var err error
		out, err = findProducts(ctx, tx, groupID)
		return err
	})
	return out, err
}

func findProducts(ctx context.Context, tx *Tx, groupID tkm.ID) ([]*tkm.Product, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, group_id, name, description, price, unit, monthly_capacity, created_at
		FROM products WHERE group_id = $1 ORDER BY id`, groupID)
	if err != nil {
		return nil, fmt.Errorf("products of %d: %w", groupID, err)
	}
	out := []*tkm.Product{}
	for rows.Next() {
		var p tkm.Product
		if err := rows.Scan(&p.ID, &p.GroupID, &p.Name, &p.Description, &p.Price, &p.Unit, &p.MonthlyCapacity, &p.CreatedAt); err != nil {
			rows.Close()
			return nil, err
		}
		p.CreatedAt = p.CreatedAt.UTC()
		out = append(out, &p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	photos, err := groupFileRefs(ctx, tx, "product_photos", "product_id", "products", groupID)
	if err != nil {
		return nil, err
	}
	for _, p := range out {
		p.Photos = photos.of(p.ID)
	}
	return out, nil
}

// AddProductPhoto keeps a checked image for a product in the caller's scope.
func (s *ProductService) AddProductPhoto(ctx context.Context, productID tkm.ID, f *tkm.File) error {
	if err := tkm.Authorize(ctx, tkm.WriteGroup); err != nil {
		return err
	}
	return s.db.write(ctx, func(tx *Tx) error {
		if _, err := ownerGroup(ctx, tx, "products", productID,
			tkm.Errorf(tkm.ENOTFOUND, "Produk tidak ditemukan.", "Product not found.")); err != nil {
			return err
		}
		return attach(ctx, tx, "product_photos", "product_id", productID, f)
	})
}
