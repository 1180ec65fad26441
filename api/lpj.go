package api

import (
	"net/http"

	"tkm"
)

// lpjRequest submits an accountability report.
type lpjRequest struct {
	TechnicalSummary string `json:"technical_summary"`
	FinancialSummary string `json:"financial_summary"`
	SpentEquipment   int64  `json:"spent_equipment"`
	SpentMaterial    int64  `json:"spent_material"`
}

type lpjList struct {
	Items      []*tkm.LPJ `json:"items"`
	NextCursor string     `json:"next_cursor"`
}

func (a *API) submitLPJ(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var req lpjRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	l := &tkm.LPJ{TechnicalSummary: req.TechnicalSummary, FinancialSummary: req.FinancialSummary,
		SpentEquipment: req.SpentEquipment, SpentMaterial: req.SpentMaterial}
	if err := a.LPJs.SubmitLPJ(r.Context(), id, l); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, l)
}

func (a *API) listLPJs(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	ls, err := a.LPJs.FindLPJs(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, lpjList{Items: ls})
}

func (a *API) reviewLPJ(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var req tkm.LPJReview
	if err := decode(w, r, &req); err != nil {
		return err
	}
	l, err := a.LPJs.ReviewLPJ(r.Context(), id, req)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, l)
}

func (a *API) addLPJAttachment(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	f, err := a.upload(w, r, "lpj", id, a.Attachments)
	if err != nil {
		return err
	}
	if err := a.LPJs.AddLPJAttachment(r.Context(), id, f); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, f)
}
