package api

import (
	"net/http"

	"tkm"
)

// trainingRequest schedules a training.
type trainingRequest struct {
	Kind       tkm.TrainingKind `json:"kind"`
	Title      string           `json:"title"`
	StartsOn   tkm.Date         `json:"starts_on"`
	EndsOn     tkm.Date         `json:"ends_on"`
	Location   string           `json:"location"`
	RegionCode string           `json:"region_code"`
	GroupIDs   []tkm.ID         `json:"group_ids"`
}

type attendanceRequest struct {
	MemberIDs []tkm.ID `json:"member_ids"`
}

type trainingList struct {
	Items      []*tkm.Training `json:"items"`
	NextCursor string          `json:"next_cursor"`
}

func (a *API) listTrainings(w http.ResponseWriter, r *http.Request) error {
	var bad tkm.Fields
	f := tkm.TrainingFilter{GroupID: queryID(r.URL.Query().Get("group"), "group", &bad),
		Kind: tkm.TrainingKind(r.URL.Query().Get("kind"))}
	if err := bad.Err(); err != nil {
		err.(*tkm.Error).Code = tkm.EMALFORMED
		return err
	}
	ts, err := a.Trainings.FindTrainings(r.Context(), f)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, trainingList{Items: ts})
}

func (a *API) createTraining(w http.ResponseWriter, r *http.Request) error {
	var req trainingRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	t := req.training()
	if err := a.Trainings.CreateTraining(r.Context(), &t); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, t)
}

func (q trainingRequest) training() tkm.Training {
	return tkm.Training{Kind: q.Kind, Title: q.Title, StartsOn: q.StartsOn, EndsOn: q.EndsOn, Location: q.Location,
		RegionCode: q.RegionCode, GroupIDs: q.GroupIDs}
}

func (a *API) getTraining(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	t, err := a.Trainings.FindTrainingByID(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, t)
}

func (a *API) setAttendance(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var req attendanceRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	t, err := a.Trainings.SetAttendance(r.Context(), id, req.MemberIDs)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, t)
}
