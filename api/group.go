package api

import (
	"fmt"
	"net/http"
	"strconv"

	"tkm"
)

// groupRequest is the body that registers a group.
type groupRequest struct {
	CohortID        tkm.ID          `json:"cohort_id"`
	Name            string          `json:"name"`
	RegionCode      string          `json:"region_code"`
	Address         string          `json:"address"`
	Sector          string          `json:"sector"`
	KBLI            string          `json:"kbli"`
	Phone           string          `json:"phone"`
	Ref             string          `json:"ref"`
	MentorID        tkm.ID          `json:"mentor_id"`
	PreviousGroupID tkm.ID          `json:"previous_group_id"`
	Members         []memberRequest `json:"members"`
}

func (q groupRequest) group() *tkm.Group {
	g := &tkm.Group{
		CohortID: q.CohortID, Name: q.Name, RegionCode: q.RegionCode, Address: q.Address, Sector: q.Sector,
		KBLI: q.KBLI, Phone: q.Phone, Ref: q.Ref, MentorID: q.MentorID, PreviousGroupID: q.PreviousGroupID,
	}
	for _, m := range q.Members {
		g.Members = append(g.Members, m.member())
	}
	return g
}

// groupResponse is a group with the warnings its write raised.
type groupResponse struct {
	*tkm.Group
	Warnings []tkm.Warning `json:"warnings,omitempty"`
}

var groupQuery = []param{
	{"cohort", "cohort ID"}, {"province", "province code, e.g. 51"},
	{"region", "region code: the region and everything inside it, e.g. 51.03"},
	{"stage", "stage, e.g. registered"}, {"q", "words of the name or ref, or a full NIK"},
	{"limit", "page size, 1 to 500 (default 50)"}, {"cursor", "next_cursor of the previous page"},
}

func (a *API) listGroups(w http.ResponseWriter, r *http.Request) error {
	f, err := a.groupFilter(r)
	if err != nil {
		return err
	}
	find := func() (any, error) { return a.Groups.FindGroups(r.Context(), f) }
	if f.Q != "" {
		// A search is seldom asked twice, and may hold a NIK: not kept.
		page, err := find()
		if err != nil {
			return err
		}
		return writeJSON(w, http.StatusOK, page)
	}
	return a.cachedJSON(w, r, fmt.Sprintf("%+v", f), find)
}

// groupFilter reads and checks the list filters of the query string.
func (a *API) groupFilter(r *http.Request) (tkm.GroupFilter, error) {
	q := r.URL.Query()
	f := tkm.GroupFilter{Province: q.Get("province"), Region: q.Get("region"), Stage: tkm.Stage(q.Get("stage")),
		Q: q.Get("q"), Cursor: q.Get("cursor")}
	var bad tkm.Fields
	if s := q.Get("cohort"); s != "" {
		id, err := tkm.ParseID(s)
		if err != nil {
			bad.Add("cohort", "id_invalid", "ID angkatan tidak sah.", "Invalid cohort ID.")
		}
		f.CohortID = id
	}
	if r, ok := a.Regions.Region(f.Province); f.Province != "" && (!ok || r.Level != tkm.LevelProvince) {
		bad.Add("province", "province_unknown", "Kode provinsi tidak dikenal.", "Unknown province code.")
	}
	if _, ok := a.Regions.Region(f.Region); f.Region != "" && !ok {
		bad.Add("region", "region_unknown", "Kode wilayah tidak dikenal.", "Unknown region code.")
	}
	if f.Stage != "" && !f.Stage.Valid() {
		bad.Add("stage", "stage_invalid", "Tahap tidak dikenal.", "Unknown stage.")
	}
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > tkm.MaxLimit {
			bad.Add("limit", "limit_invalid", "limit harus 1 sampai 500.", "limit must be 1 to 500.")
		}
		f.Limit = n
	}
	if err := bad.Err(); err != nil {
		err.(*tkm.Error).Code = tkm.EMALFORMED
		return f, err
	}
	return f, nil
}

func (a *API) createGroup(w http.ResponseWriter, r *http.Request) error {
	var req groupRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	g := req.group()
	warnings, err := a.Groups.CreateGroup(r.Context(), g)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, groupResponse{Group: g, Warnings: warnings})
}

func (a *API) getGroup(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	// Roles that may read NIKs get them in full, and the view is audited.
	find := a.Groups.FindGroupByID
	if tkm.Can(tkm.UserFromContext(r.Context()), tkm.ReadNIK) {
		find = a.Groups.RevealNIKs
	}
	g, err := find(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, g)
}

func (a *API) updateGroup(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var u tkm.GroupUpdate
	if err := decode(w, r, &u); err != nil {
		return err
	}
	g, warnings, err := a.Groups.UpdateGroup(r.Context(), id, u)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, groupResponse{Group: g, Warnings: warnings})
}

func (a *API) deleteGroup(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := a.Groups.DeleteGroup(r.Context(), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
