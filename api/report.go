package api

import (
	"net/http"

	"tkm"
)

// reportRequest files a monitoring report.
type reportRequest struct {
	Period        string `json:"period"`
	Revenue       int64  `json:"revenue"`
	Production    string `json:"production"`
	ActiveMembers int    `json:"active_members"`
	NewWorkers    int    `json:"new_workers"`
	Notes         string `json:"notes"`
}

type reportList struct {
	Items      []*tkm.Report `json:"items"`
	NextCursor string        `json:"next_cursor"`
}

func (a *API) createReport(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var req reportRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	rep := &tkm.Report{Period: req.Period, Revenue: req.Revenue, Production: req.Production,
		ActiveMembers: req.ActiveMembers, NewWorkers: req.NewWorkers, Notes: req.Notes}
	if err := a.Reports.CreateReport(r.Context(), id, rep); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, rep)
}

func (a *API) listReports(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	rs, err := a.Reports.FindReports(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, reportList{Items: rs})
}

func (a *API) addReportPhoto(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	f, err := a.upload(w, r, "report", id, a.Photos)
	if err != nil {
		return err
	}
	if err := a.Reports.AddReportPhoto(r.Context(), id, f); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, f)
}
