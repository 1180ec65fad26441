package api

import (
	"net/http"

	"tkm"
)

// productRequest adds a product.
type productRequest struct {
	Name            string `json:"name"`
	Description     string `json:"description"`
	Price           int64  `json:"price"`
	Unit            string `json:"unit"`
	MonthlyCapacity int    `json:"monthly_capacity"`
}

type productList struct {
	Items      []*tkm.Product `json:"items"`
	NextCursor string         `json:"next_cursor"`
}

func (a *API) createProduct(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var req productRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	p := &tkm.Product{Name: req.Name, Description: req.Description, Price: req.Price, Unit: req.Unit,
		MonthlyCapacity: req.MonthlyCapacity}
	if err := a.Products.CreateProduct(r.Context(), id, p); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, p)
}

func (a *API) listProducts(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	ps, err := a.Products.FindProducts(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, productList{Items: ps})
}

func (a *API) addProductPhoto(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	f, err := a.upload(w, r, "product", id, a.Photos)
	if err != nil {
		return err
	}
	if err := a.Products.AddProductPhoto(r.Context(), id, f); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, f)
}
