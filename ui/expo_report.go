package ui

import (
	"bytes"
	"net/http"
	"strconv"

	"tkm"
)

// expoReportPDF sends an expo's report for the ministry as a PDF.
func (h *Handler) expoReportPDF(w http.ResponseWriter, r *http.Request) error {
	rep, err := h.findExpoReport(r, "pdf")
	if err != nil {
		return err
	}
	groups, err := h.exhibitorGroups(r, rep.Expo)
	if err != nil {
		return err
	}
	d := tkm.ExpoDocument{Report: rep, Groups: boothGroups(rep.Expo, groups), Regions: h.Regions, BaseURL: h.siteURL(r)}
	var buf bytes.Buffer
	if err := h.ExpoDocs.ExpoReportPDF(&buf, d); err != nil {
		return err
	}
	return sendDownload(w, "application/pdf", "laporan-pameran-"+rep.Expo.ID.String()+".pdf", buf.Bytes())
}

// boothGroups lists the public groups of an expo's exhibitors in booth
// order, leaving out those no longer public.
func boothGroups(e *tkm.Expo, groups map[tkm.ID]*tkm.PublicGroup) []*tkm.PublicGroup {
	out := make([]*tkm.PublicGroup, 0, len(groups))
	for _, x := range sortedBooths(e.Exhibitors) {
		if g := groups[x.GroupID]; g != nil {
			out = append(out, g)
		}
	}
	return out
}

// expoReportHeader are the columns of an expo report's spreadsheet: one
// row per booth.
var expoReportHeader = []string{"stan", "kelompok", "kode_wilayah", "provinsi", "nama_provinsi", "bidang_usaha", "produk", "penjualan"}

// expoReportXLSX sends an expo's report as a spreadsheet, codes kept as text.
func (h *Handler) expoReportXLSX(w http.ResponseWriter, r *http.Request) error {
	rep, err := h.findExpoReport(r, "xlsx")
	if err != nil {
		return err
	}
	groups, err := h.exhibitorGroups(r, rep.Expo)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	sw, err := h.Sheets.NewWriter(&buf, "xlsx", expoReportHeader, 0, 2, 3)
	if err != nil {
		return err
	}
	for _, x := range sortedBooths(rep.Expo.Exhibitors) {
		products := ""
		if g := groups[x.GroupID]; g != nil {
			products = strconv.Itoa(len(g.Products))
		}
		row := []string{x.Booth, x.GroupName, x.RegionCode, tkm.ProvinceOf(x.RegionCode), provinceName(h.Regions, x.RegionCode),
			x.Sector, products, strconv.FormatInt(x.Sales, 10)}
		if err := sw.Write(row); err != nil {
			return err
		}
	}
	if err := sw.Close(); err != nil {
		return err
	}
	return sendDownload(w, xlsxType, "laporan-pameran-"+rep.Expo.ID.String()+".xlsx", buf.Bytes())
}
