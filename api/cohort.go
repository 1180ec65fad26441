package api

import (
	"net/http"

	"tkm"
)

type cohortList struct {
	Items      []*tkm.Cohort `json:"items"`
	NextCursor string        `json:"next_cursor"`
}

func (a *API) listCohorts(w http.ResponseWriter, r *http.Request) error {
	cs, err := a.Cohorts.FindCohorts(r.Context())
	if err != nil {
		return err
	}
	if cs == nil {
		cs = []*tkm.Cohort{}
	}
	return writeJSON(w, http.StatusOK, cohortList{Items: cs})
}

func (a *API) createCohort(w http.ResponseWriter, r *http.Request) error {
	c := tkm.NewCohort()
	if err := decode(w, r, c); err != nil {
		return err
	}
	if c.Quotas == nil {
		c.Quotas = map[string]int{}
	}
	if err := a.Cohorts.CreateCohort(r.Context(), c); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, c)
}

func (a *API) getCohort(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	c, err := a.Cohorts.FindCohortByID(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, c)
}

func (a *API) updateCohort(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var u tkm.CohortUpdate
	if err := decode(w, r, &u); err != nil {
		return err
	}
	c, err := a.Cohorts.UpdateCohort(r.Context(), id, u)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, c)
}
