package ui

import (
	"net/http"
	"net/url"
	"strings"

	"tkm"
)

// groupFor returns the group named in the path once the user may take
// action a on it: a group out of scope is not found, and a role that may
// not is forbidden.
func (h *Handler) groupFor(r *http.Request, a tkm.Action) (*tkm.Group, error) {
	g, err := h.findGroup(r)
	if err != nil {
		return nil, err
	}
	if err := tkm.Authorize(r.Context(), a); err != nil {
		return nil, err
	}
	return g, nil
}

// productForm is the product form as typed.
type productForm struct {
	Name, Description, Price, Unit, MonthlyCapacity string
}

// readProductForm reads a posted product form.
func readProductForm(form url.Values) productForm {
	get := func(k string) string { return strings.TrimSpace(form.Get(k)) }
	return productForm{Name: get("name"), Description: get("description"), Price: get("price"), Unit: get("unit"),
		MonthlyCapacity: get("monthly_capacity")}
}

// product builds the product to save, and the problems of numbers that
// cannot be read.
func (f productForm) product() (*tkm.Product, tkm.Fields) {
	var n numbers
	p := &tkm.Product{Name: f.Name, Description: f.Description, Price: n.rupiah("price", f.Price), Unit: f.Unit,
		MonthlyCapacity: n.int("monthly_capacity", f.MonthlyCapacity)}
	return p, n.bad
}

// productFormView is the form that adds a product to a group.
type productFormView struct {
	base
	Group *tkm.Group
	Form  productForm
}

// productNewPage shows an empty product form.
func (h *Handler) productNewPage(w http.ResponseWriter, r *http.Request) error {
	g, err := h.groupFor(r, tkm.WriteGroup)
	if err != nil {
		return err
	}
	return h.showProductForm(w, r, http.StatusOK, g, productForm{}, nil)
}

// productCreate adds a product, then asks for its photos: a product is
// proof only with one.
func (h *Handler) productCreate(w http.ResponseWriter, r *http.Request) error {
	g, err := h.groupFor(r, tkm.WriteGroup)
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	f := readProductForm(r.PostForm)
	p, bad := f.product()
	if len(bad) > 0 {
		err = invalid(bad, p.Validate())
	} else {
		err = h.Products.CreateProduct(r.Context(), g.ID, p)
	}
	if err != nil {
		return h.showProductForm(w, r, failStatus(err), g, f, err)
	}
	setFlash(w, flash{key: "product.created.flash", arg: p.Name})
	return redirect(w, r, "/kelompok/"+g.ID.String()+"/produk/"+p.ID.String()+"/foto")
}

// showProductForm shows the product form with the problems of err, if any.
func (h *Handler) showProductForm(w http.ResponseWriter, r *http.Request, status int, g *tkm.Group, f productForm, err error) error {
	v := &productFormView{base: h.base(w, r), Group: g, Form: f}
	if err != nil {
		if v.Errors, err = v.formErrorsOf(err, sameField); err != nil {
			return err
		}
	}
	h.render(w, r, status, "product_form", v)
	return nil
}

// findProduct returns the product named in the path, one of g's.
func (h *Handler) findProduct(r *http.Request, g *tkm.Group) (*tkm.Product, error) {
	id, err := pathID(r, "pid")
	if err != nil {
		return nil, err
	}
	ps, err := h.Products.FindProducts(r.Context(), g.ID)
	if err != nil {
		return nil, err
	}
	for _, p := range ps {
		if p.ID == id {
			return p, nil
		}
	}
	return nil, tkm.Errorf(tkm.ENOTFOUND, "Produk tidak ditemukan.", "Product not found.")
}

// productPhotoView is the page that takes a product's photos.
func (h *Handler) productPhotoView(w http.ResponseWriter, r *http.Request, g *tkm.Group, p *tkm.Product) *uploadView {
	v := &uploadView{base: h.base(w, r), Group: g, Label: "upload.photo", Hint: "upload.photo.hint", Accept: "image/jpeg,image/png",
		Action: "/kelompok/" + g.ID.String() + "/produk/" + p.ID.String() + "/foto", Back: "/kelompok/" + g.ID.String()}
	v.Title, v.Intro = v.T("product.photo.title", p.Name), v.T("product.photo.intro")
	v.Submit, v.Empty = v.T("upload.photo.submit"), v.T("upload.photo.empty")
	v.Photos = photoLines(p.Photos, v.T("product.photo.alt", p.Name))
	return v
}

// productPhotoPage shows a product's photos and the form to add one.
func (h *Handler) productPhotoPage(w http.ResponseWriter, r *http.Request) error {
	g, err := h.groupFor(r, tkm.WriteGroup)
	if err != nil {
		return err
	}
	p, err := h.findProduct(r, g)
	if err != nil {
		return err
	}
	return h.showUpload(w, r, h.productPhotoView(w, r, g, p), nil)
}

// productPhoto keeps a photo of a product, checked by its content.
func (h *Handler) productPhoto(w http.ResponseWriter, r *http.Request) error {
	g, err := h.groupFor(r, tkm.WriteGroup)
	if err != nil {
		return err
	}
	p, err := h.findProduct(r, g)
	if err != nil {
		return err
	}
	f, err := h.upload(r, "product", p.ID, h.Photos)
	if err == nil {
		err = h.Products.AddProductPhoto(r.Context(), p.ID, f)
	}
	if err != nil {
		return h.showUpload(w, r, h.productPhotoView(w, r, g, p), err)
	}
	setFlash(w, flash{key: "upload.photo.flash"})
	return redirect(w, r, "/kelompok/"+g.ID.String()+"/produk/"+p.ID.String()+"/foto")
}
