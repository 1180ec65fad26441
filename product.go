package tkm

import (
	"context"
	"strings"
	"time"
)

// Product is something a group makes and sells: the proof of products
// (bukti produk) the ministry asks for, shown at expos.
type Product struct {
	ID              ID        `json:"id"`
	GroupID         ID        `json:"group_id"`
	Name            string    `json:"name"`
	Description     string    `json:"description"`
	Price           int64     `json:"price"`
	Unit            string    `json:"unit"`
	MonthlyCapacity int       `json:"monthly_capacity"`
	Photos          []*File   `json:"photos"`
	CreatedAt       time.Time `json:"created_at"`
}

// Validate checks a product about to be saved.
func (p *Product) Validate() error {
	var f Fields
	p.Name, p.Description, p.Unit = strings.TrimSpace(p.Name), strings.TrimSpace(p.Description), strings.TrimSpace(p.Unit)
	requireText(&f, "name", p.Name, 200, "Nama produk", "Product name")
	limitText(&f, "description", p.Description, 2000)
	requireText(&f, "unit", p.Unit, 30, "Satuan", "Unit")
	if p.Price < 0 || p.Price > maxRupiah {
		f.Add("price", "amount_invalid", "Harga tidak sah.", "Invalid price.")
	}
	if p.MonthlyCapacity < 0 || p.MonthlyCapacity > 100_000_000 {
		f.Add("monthly_capacity", "number_invalid", "Kapasitas per bulan tidak sah.", "Invalid monthly capacity.")
	}
	return f.Err()
}

// ProductService keeps a group's products and their photos.
type ProductService interface {
	CreateProduct(ctx context.Context, groupID ID, p *Product) error
	FindProducts(ctx context.Context, groupID ID) ([]*Product, error)
	// AddProductPhoto keeps a checked image (see package media) for a product.
	AddProductPhoto(ctx context.Context, productID ID, f *File) error
}
