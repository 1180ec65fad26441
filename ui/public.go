package ui

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"tkm"
)

// The public area shows what the public service gives: groups with proof
// of products, never a member's NIK, birth date or phone, and of members'
// names only those a group chose to publish. Its pages look the same to a
// visitor and to a logged-in user.

// catalogueLimit is the number of products on a page of the catalogue.
const catalogueLimit = 24

// productCard is a product in the catalogue or on a group's page.
type productCard struct {
	ID, Name, Description, Price, Capacity string
	Photo                                  *photoLine   // the first photo as a thumbnail; nil without one
	Photos                                 []photoLine  // every photo, on the group's page
	Group                                  *groupAnchor // the group, in the catalogue
}

// groupAnchor names a product's group with its page.
type groupAnchor struct {
	Name, Href, Region string
}

// newProductCard fills a product's card; the photos link to their public
// addresses.
func newProductCard(p printer, pr *tkm.Product) productCard {
	c := productCard{ID: "produk-" + pr.ID.String(), Name: pr.Name, Description: pr.Description,
		Price: p.T("public.price", tkm.FormatRupiah(pr.Price), pr.Unit)}
	if pr.MonthlyCapacity > 0 {
		c.Capacity = p.T("product.capacity.per", tkm.FormatNumber(int64(pr.MonthlyCapacity)), pr.Unit)
	}
	c.Photos = photoLinesAt("/foto/", pr.Photos, p.T("product.photo.alt", pr.Name))
	if len(c.Photos) > 0 {
		c.Photo = &c.Photos[0]
	}
	return c
}

// catalogueFilter is the catalogue's search form as typed.
type catalogueFilter struct {
	Q, Province, Sector string
}

// Any reports whether the visitor searched or filtered.
func (f catalogueFilter) Any() bool { return f != catalogueFilter{} }

// values is the filter as query parameters, without the empty ones.
func (f catalogueFilter) values() url.Values {
	v := url.Values{}
	for k, s := range map[string]string{"q": f.Q, "province": f.Province, "sector": f.Sector} {
		if s != "" {
			v.Set(k, s)
		}
	}
	return v
}

// catalogueView is a page of the product catalogue.
type catalogueView struct {
	base
	Filter    catalogueFilter
	Provinces []option
	Products  []productCard
	Next      string // the next page; empty on the last
	First     string // the first page, when this is a later one
}

// catalogue shows a page of the products of the groups with proof of
// products, newest first, searchable by name and filtered by province and
// sector.
func (h *Handler) catalogue(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	get := func(k string) string { return strings.TrimSpace(q.Get(k)) }
	v := &catalogueView{base: h.publicBase(w, r), Filter: catalogueFilter{Q: get("q"), Province: get("province"), Sector: get("sector")},
		Provinces: regionOptions(h.Regions.Children(""))}
	f := tkm.CatalogueFilter{Q: v.Filter.Q, Province: v.Filter.Province, Sector: v.Filter.Sector, Limit: catalogueLimit, Cursor: q.Get("cursor")}
	var page *tkm.CataloguePage
	err := h.checkProvince(f.Province)
	if err == nil {
		page, err = h.Public.Catalogue(r.Context(), f)
	}
	if err != nil {
		if v.Errors, err = v.formErrorsOf(err, filterField); err != nil {
			return err
		}
		h.render(w, r, http.StatusBadRequest, "catalogue", v)
		return nil
	}
	for _, it := range page.Items {
		c := newProductCard(v.printer, it.Product)
		c.Photos = nil
		c.Group = &groupAnchor{Name: it.Group.Name, Href: tkm.PublicGroupPath(it.Group.ID),
			Region: regencyPath(h.Regions, it.Group.RegionCode)}
		v.Products = append(v.Products, c)
	}
	if page.NextCursor != "" {
		next := v.Filter.values()
		next.Set("cursor", page.NextCursor)
		v.Next = "/katalog?" + next.Encode()
	}
	if f.Cursor != "" {
		v.First = "/katalog"
		if enc := v.Filter.values().Encode(); enc != "" {
			v.First += "?" + enc
		}
	}
	return h.page(w, r, "catalogue", v)
}

// checkProvince refuses a province filter that names no province.
func (h *Handler) checkProvince(code string) error {
	var f tkm.Fields
	h.checkProvinceFilter(code, &f)
	return f.Err()
}

// publicGroupView is a group's public page.
type publicGroupView struct {
	base
	Group    *tkm.PublicGroup
	Region   string
	Stage    string
	Products []productCard
}

// publicGroup shows a group's public page: where it is, what it makes,
// its story, the names and the contact it chose to publish.
func (h *Handler) publicGroup(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	g, err := h.Public.PublicGroup(r.Context(), id)
	if err != nil {
		return err
	}
	v := &publicGroupView{base: h.publicBase(w, r), Group: g, Region: regionPath(h.Regions, g.RegionCode)}
	v.Stage = g.Stage.Label(v.en())
	for _, p := range g.Products {
		v.Products = append(v.Products, newProductCard(v.printer, p))
	}
	return h.page(w, r, "public_group", v)
}

// publicPhoto sends a photo of a product of a public group.
func (h *Handler) publicPhoto(w http.ResponseWriter, r *http.Request) error {
	return h.servePublicPhoto(w, r, false)
}

// publicThumbnail sends the thumbnail of such a photo.
func (h *Handler) publicThumbnail(w http.ResponseWriter, r *http.Request) error {
	return h.servePublicPhoto(w, r, true)
}

// servePublicPhoto sends a public photo, which any cache may keep for a
// day; its file name (which may name a person) stays unsaid.
func (h *Handler) servePublicPhoto(w http.ResponseWriter, r *http.Request, thumb bool) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	f, err := h.Public.PublicPhoto(r.Context(), id, thumb)
	if err != nil {
		return err
	}
	if f.ContentType != "image/jpeg" && f.ContentType != "image/png" {
		return tkm.Errorf(tkm.ENOTFOUND, "Foto tidak ditemukan.", "Photo not found.")
	}
	hd := w.Header()
	hd.Set("Content-Type", f.ContentType)
	hd.Set("Content-Length", strconv.Itoa(len(f.Data)))
	hd.Set("Cache-Control", "public, max-age=86400")
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	_, err = w.Write(f.Data)
	return err
}
