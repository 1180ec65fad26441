package ui

import (
	"bytes"
	"html/template"
	"net/http"
	"net/url"
	"strconv"

	"tkm"
)

// publicExpoListView lists the expos for the public.
type publicExpoListView struct {
	base
	Expos []expoLine
}

// publicExpoList lists every expo, the latest first.
func (h *Handler) publicExpoList(w http.ResponseWriter, r *http.Request) error {
	es, err := h.Public.PublicExpos(r.Context())
	if err != nil {
		return err
	}
	v := &publicExpoListView{base: h.publicBase(w, r)}
	v.Expos = expoLines(v.printer, es, h.Regions, "/expo/")
	return h.page(w, r, "public_expo_list", v)
}

// publicExpoView is an expo's public page: its booth plan, then each booth
// with its group's products and the QR code to the group's page.
type publicExpoView struct {
	base
	Expo      *tkm.Expo
	Region    string
	Dates     string
	Plan      []boothCell
	Booths    []publicBooth
	Catalogue string // the printable catalogue
}

// publicBooth is one booth on an expo's public page.
type publicBooth struct {
	ID, Booth, Heading         string
	Name, Region, Sector       string
	Names, Contact             string // what the group chose to publish
	GroupHref, URL             string // the group's page: its path, and its full address, which the QR code holds
	QR                         template.URL
	QRAlt, QRDownload, QRLabel string
	Products                   []productCard
}

// publicExpo shows an expo to the public.
func (h *Handler) publicExpo(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	e, groups, err := h.Public.PublicExpo(r.Context(), id)
	if err != nil {
		return err
	}
	v := &publicExpoView{base: h.publicBase(w, r), Expo: e, Region: regionPath(h.Regions, e.RegionCode),
		Catalogue: "/expo/" + e.ID.String() + "/katalog.pdf"}
	v.Dates = v.dateSpan(e.StartsOn, e.EndsOn)
	byID := make(map[tkm.ID]*tkm.PublicGroup, len(groups))
	for _, g := range groups {
		byID[g.ID] = g
	}
	for i, x := range sortedBooths(e.Exhibitors) {
		anchor := "stan-" + strconv.Itoa(i+1)
		v.Plan = append(v.Plan, boothCell{Booth: x.Booth, Name: x.GroupName, Place: provinceName(h.Regions, x.RegionCode), Href: "#" + anchor})
		b, err := h.publicBooth(r, v.printer, e, x, byID[x.GroupID])
		if err != nil {
			return err
		}
		b.ID = anchor
		v.Booths = append(v.Booths, b)
	}
	return h.page(w, r, "public_expo", v)
}

// publicBooth fills a booth of an expo's public page from its group.
func (h *Handler) publicBooth(r *http.Request, p printer, e *tkm.Expo, x *tkm.Exhibitor, g *tkm.PublicGroup) (publicBooth, error) {
	u := h.groupURL(r, x.GroupID)
	qr, err := qrDataURL(u)
	if err != nil {
		return publicBooth{}, err
	}
	b := publicBooth{Booth: x.Booth, Heading: p.T("expo.booth.label", x.Booth), Name: x.GroupName,
		Region: regencyPath(h.Regions, x.RegionCode), Sector: x.Sector, GroupHref: tkm.PublicGroupPath(x.GroupID), URL: u,
		QR: qr, QRAlt: p.T("expo.qr.alt", x.Booth, x.GroupName), QRLabel: p.T("expo.qr.download", x.Booth),
		QRDownload: "/expo/" + e.ID.String() + "/qr/" + url.PathEscape(x.Booth) + ".png"}
	if g != nil {
		b.Names, b.Contact = g.PublicNames, g.Contact
		for _, pr := range g.Products {
			b.Products = append(b.Products, newProductCard(p, pr))
		}
	}
	return b, nil
}

// expoCataloguePDF sends an expo's printable catalogue for visitors: a
// block per booth with its products and the QR code to the group's page.
func (h *Handler) expoCataloguePDF(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	e, groups, err := h.Public.PublicExpo(r.Context(), id)
	if err != nil {
		return err
	}
	d := tkm.ExpoDocument{Report: &tkm.ExpoReport{Expo: e}, Groups: groups, Regions: h.Regions, BaseURL: h.siteURL(r)}
	var buf bytes.Buffer
	if err := h.ExpoDocs.ExpoCataloguePDF(&buf, d); err != nil {
		return err
	}
	return sendDownload(w, "application/pdf", "katalog-pameran-"+e.ID.String()+".pdf", buf.Bytes())
}
