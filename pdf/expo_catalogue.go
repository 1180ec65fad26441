package pdf

import (
	"fmt"
	"io"
	"strconv"

	"tkm"
)

// catalogue is an expo's catalogue being drawn.
type catalogue struct {
	*doc
	tkm.ExpoDocument
	expo   *tkm.Expo
	booths []booth
}

// ExpoCataloguePDF writes the visitors' catalogue of an expo to w as an A4
// PDF in Indonesian: a cover (the expo's name, venue, region and days),
// then one block per booth in booth order, two or three to a page and
// never split across pages: the booth number, the group's name, region
// and sector, its story and up to four products (name, price per unit,
// monthly capacity), capped so that a block keeps its size, the contact
// the group chose to publish, and a QR code of the address of the group's
// public page (d.BaseURL + tkm.PublicGroupPath), printed under it.
//
// It shows only what tkm.PublicGroup and the booth carry: no member's
// data and no sales. Product photos are left out of this version: the QR
// code leads to the group's page, which shows them. The same data always
// gives the same bytes. It fails if d has no expo or d.BaseURL is not an
// absolute http(s) address.
func ExpoCataloguePDF(w io.Writer, d tkm.ExpoDocument) error {
	e, err := expoOf(d)
	if err != nil {
		return err
	}
	if err := checkBaseURL(d.BaseURL); err != nil {
		return err
	}
	c := &catalogue{doc: newDoc(catalogueMeta(e)), ExpoDocument: d, expo: e, booths: booths(e, d.Groups)}
	c.cover()
	if err := c.cards(); err != nil {
		return fmt.Errorf("pdf: expo catalogue %q: %w", e.Name, err)
	}
	if err := c.finish(w); err != nil {
		return fmt.Errorf("pdf: expo catalogue %q: %w", e.Name, err)
	}
	return nil
}

// catalogueMeta is the catalogue's metadata, dated by the expo.
func catalogueMeta(e *tkm.Expo) meta {
	return meta{
		Title:    expoTitle("Katalog", e),
		Subject:  "Produk kelompok Tenaga Kerja Mandiri di " + e.Name + ", " + e.Venue,
		Keywords: "katalog, pameran, produk, TKM, Tenaga Kerja Mandiri",
		Ref:      expoTitle("Katalog", e),
		Created:  expoCreated(e),
	}
}

// coverLine says whose products the catalogue shows.
const coverLine = "Produk kelompok Tenaga Kerja Mandiri binaan Kementerian Ketenagakerjaan"

// cover writes the cover page: who, what, where and when.
func (c *catalogue) cover() {
	c.centered(ministryHead[0], "B", 12)
	c.gap(45)
	c.centered("KATALOG PAMERAN PRODUK", "B", 14)
	c.gap(6)
	c.centered(c.expo.Name, "B", 22)
	c.gap(8)
	for _, l := range []string{c.expo.Venue, regionPath(c.Regions, c.expo.RegionCode), expoDates(c.expo)} {
		if l != "" {
			c.centered(l, "", 12)
		}
	}
	c.gap(14)
	c.centered(coverLine, "I", 12)
	c.gap(4)
	c.centered(strconv.Itoa(len(c.booths))+" kelompok usaha dari "+
		strconv.Itoa(len(provinceCounts(c.booths)))+" provinsi", "", 11)
	c.gap(30)
	c.centered("Pindai kode QR di setiap stan untuk melihat foto produk dan halaman kelompok.", "", bodyPt)
}

// cards writes one block per booth from a new page.
func (c *catalogue) cards() error {
	if len(c.booths) == 0 {
		c.gap(10)
		c.centered("Daftar peserta belum tersedia.", "I", bodyPt)
		return nil
	}
	c.pdf.AddPage()
	for _, b := range c.booths {
		if err := c.drawCard(c.card(b)); err != nil {
			return err
		}
	}
	return nil
}
