package api

import (
	"bytes"
	"net/http"
	"strconv"

	"tkm"
)

// expoRequest creates an expo.
type expoRequest struct {
	Name       string   `json:"name"`
	Venue      string   `json:"venue"`
	RegionCode string   `json:"region_code"`
	StartsOn   tkm.Date `json:"starts_on"`
	EndsOn     tkm.Date `json:"ends_on"`
}

type exhibitorRequest struct {
	GroupID tkm.ID `json:"group_id"`
	Booth   string `json:"booth"`
}

type saleRequest struct {
	GroupID tkm.ID `json:"group_id"`
	Amount  int64  `json:"amount"`
	Note    string `json:"note"`
}

type expoList struct {
	Items      []*tkm.Expo `json:"items"`
	NextCursor string      `json:"next_cursor"`
}

func (a *API) listExpos(w http.ResponseWriter, r *http.Request) error {
	es, err := a.Expos.FindExpos(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, expoList{Items: es})
}

func (a *API) createExpo(w http.ResponseWriter, r *http.Request) error {
	var req expoRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	e := &tkm.Expo{Name: req.Name, Venue: req.Venue, RegionCode: req.RegionCode, StartsOn: req.StartsOn, EndsOn: req.EndsOn}
	if err := a.Expos.CreateExpo(r.Context(), e); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, e)
}

func (a *API) getExpo(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	e, err := a.Expos.FindExpoByID(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, e)
}

func (a *API) addExhibitor(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var req exhibitorRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	x, err := a.Expos.AddExhibitor(r.Context(), id, req.GroupID, req.Booth)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, x)
}

func (a *API) recordSale(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var req saleRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	s := &tkm.Sale{GroupID: req.GroupID, Amount: req.Amount, Note: req.Note}
	if err := a.Expos.RecordSale(r.Context(), id, s); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, s)
}

func (a *API) expoReport(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	switch r.URL.Query().Get("format") {
	case "xlsx":
		rep, err := a.Expos.DownloadExpoReport(r.Context(), id, "xlsx")
		if err != nil {
			return err
		}
		return a.expoReportXLSX(w, rep)
	case "":
		rep, err := a.Expos.ExpoReport(r.Context(), id)
		if err != nil {
			return err
		}
		return writeJSON(w, http.StatusOK, rep)
	}
	return tkm.Errorf(tkm.EMALFORMED, "Format laporan: kosong (JSON) atau xlsx.", "Report format: empty (JSON) or xlsx.")
}

// expoReportXLSX writes the report as a spreadsheet: one row per exhibitor.
func (a *API) expoReportXLSX(w http.ResponseWriter, rep *tkm.ExpoReport) error {
	var buf bytes.Buffer
	sw, err := a.Sheets.NewWriter(&buf, "xlsx", []string{"stan", "kelompok", "kode_wilayah", "provinsi", "bidang_usaha", "penjualan"}, 0, 2, 3)
	if err != nil {
		return err
	}
	for _, x := range rep.Expo.Exhibitors {
		if err := sw.Write([]string{x.Booth, x.GroupName, x.RegionCode, tkm.ProvinceOf(x.RegionCode), x.Sector,
			strconv.FormatInt(x.Sales, 10)}); err != nil {
			return err
		}
	}
	if err := sw.Close(); err != nil {
		return err
	}
	return sendFile(w, xlsxType, "laporan-pameran-"+rep.Expo.ID.String()+".xlsx", buf.Bytes())
}
