package api

import (
	"bytes"
	"net/http"
	"strconv"

	"tkm"
)

// aidRequest records facility aid for a group.
type aidRequest struct {
	Amount      int64         `json:"amount"`
	DisbursedOn tkm.Date      `json:"disbursed_on"`
	Method      tkm.AidMethod `json:"method"`
	HandoverNo  string        `json:"handover_no"`
	Place       string        `json:"place"`
	Items       []tkm.AidItem `json:"items"`
}

type aidResponse struct {
	*tkm.Aid
	Warnings []tkm.Warning `json:"warnings,omitempty"`
}

type aidList struct {
	Items      []*tkm.Aid `json:"items"`
	NextCursor string     `json:"next_cursor"`
}

func (a *API) createAid(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var req aidRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	aid := &tkm.Aid{Amount: req.Amount, DisbursedOn: req.DisbursedOn, Method: req.Method, HandoverNo: req.HandoverNo,
		Place: req.Place, Items: req.Items}
	warnings, err := a.Aid.CreateAid(r.Context(), id, aid)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, aidResponse{Aid: aid, Warnings: warnings})
}

func (a *API) listAid(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	list, err := a.Aid.FindAid(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, aidList{Items: list})
}

func (a *API) getAid(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	aid, err := a.Aid.FindAidByID(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, aid)
}

// bast sends the handover document of an aid record as a PDF.
func (a *API) bast(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	d, err := tkm.LoadBAST(r.Context(), a.Aid, a.Groups, a.Cohorts, a.Regions, id)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := a.Documents.BAST(&buf, d); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="`+a.Documents.BASTFilename(d.Aid)+`"`)
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	_, err = w.Write(buf.Bytes())
	return err
}
