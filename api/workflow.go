package api

import (
	"net/http"

	"tkm"
)

// batchRequest moves several groups at once.
type batchRequest struct {
	GroupIDs []tkm.ID `json:"group_ids"`
	tkm.TransitionRequest
}

type batchResponse struct {
	Items []tkm.TransitionResult `json:"items"`
}

type historyList struct {
	Items      []*tkm.Transition `json:"items"`
	NextCursor string            `json:"next_cursor"`
}

type gateList struct {
	Stage tkm.Stage        `json:"stage"`
	Items []tkm.GateResult `json:"items"`
}

func (a *API) transition(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var req tkm.TransitionRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	g, err := a.Workflow.Transition(r.Context(), id, req)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, g)
}

func (a *API) transitionMany(w http.ResponseWriter, r *http.Request) error {
	var req batchRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	results, err := a.Workflow.TransitionMany(r.Context(), req.GroupIDs, req.TransitionRequest)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, batchResponse{Items: results})
}

func (a *API) history(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	h, err := a.Workflow.History(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, historyList{Items: h})
}

// gates judges the gates of a stage (by default the group's next one).
func (a *API) gates(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	to := tkm.Stage(r.URL.Query().Get("to"))
	if to == "" {
		g, err := a.Groups.FindGroupByID(r.Context(), id)
		if err != nil {
			return err
		}
		to = g.Stage.Next()
	}
	if len(tkm.GatesOf(to)) == 0 && to != tkm.StageRegistered {
		var f tkm.Fields
		f.Add("to", "stage_invalid", "Tahap tanpa syarat atau tidak dikenal.", "A stage without gates, or unknown.")
		e := f.Err().(*tkm.Error)
		e.Code = tkm.EMALFORMED
		return e
	}
	res, err := a.Workflow.Gates(r.Context(), id, to)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, gateList{Stage: to, Items: res})
}
