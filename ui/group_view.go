package ui

import (
	"net/http"

	"tkm"
)

// groupView is a group's page.
type groupView struct {
	base
	Group  *tkm.Group
	Cohort *tkm.Cohort
}

// Deletable reports whether the user may delete the group: a group is
// deleted only before its approval, after that it is dropped.
func (v *groupView) Deletable() bool {
	switch v.Group.Stage {
	case tkm.StageRegistered, tkm.StageVerified, tkm.StageRejected:
		return tkm.Can(v.User, tkm.DeleteGroup)
	}
	return false
}

// groupPage shows a group with its members.
func (h *Handler) groupPage(w http.ResponseWriter, r *http.Request) error {
	g, err := h.findGroup(r)
	if err != nil {
		return err
	}
	c, err := h.Cohorts.FindCohortByID(r.Context(), g.CohortID)
	if err != nil {
		return err
	}
	return h.page(w, r, "group", &groupView{base: h.base(w, r), Group: g, Cohort: c})
}

// findGroup returns the group named in the path, with its members.
func (h *Handler) findGroup(r *http.Request) (*tkm.Group, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return h.Groups.FindGroupByID(r.Context(), id)
}

// findMember returns the group and the member named in the path.
func (h *Handler) findMember(r *http.Request) (*tkm.Group, *tkm.Member, error) {
	g, err := h.findGroup(r)
	if err != nil {
		return nil, nil, err
	}
	id, err := pathID(r, "mid")
	if err != nil {
		return nil, nil, err
	}
	for _, m := range g.Members {
		if m.ID == id {
			return g, m, nil
		}
	}
	return nil, nil, tkm.Errorf(tkm.ENOTFOUND, "Anggota tidak ditemukan.", "Member not found.")
}

// memberWho names the member a warning of a new group is about
// ("members[2].nik" is the third member).
func memberWho(ms []*tkm.Member) func(tkm.Warning) string {
	return func(w tkm.Warning) string {
		if i, _, ok := memberField(w.Field); ok && i < len(ms) {
			return ms[i].Name
		}
		return w.Field
	}
}

// failStatus is the status of a form shown again with its problems.
func failStatus(err error) int {
	if tkm.ErrorCode(err) == tkm.ECONFLICT {
		return http.StatusConflict
	}
	return http.StatusUnprocessableEntity
}
