package ui

import (
	"net/http"

	"tkm"
)

// cohortListView lists the cohorts with their rules.
type cohortListView struct {
	base
	Cohorts []*tkm.Cohort
}

// QuotaProvinces counts the provinces a cohort gives a quota.
func (v *cohortListView) QuotaProvinces(c *tkm.Cohort) int { return len(c.Quotas) }

// QuotaTotal adds up a cohort's quotas.
func (v *cohortListView) QuotaTotal(c *tkm.Cohort) int {
	n := 0
	for _, q := range c.Quotas {
		n += q
	}
	return n
}

// cohortList shows every cohort, newest first.
func (h *Handler) cohortList(w http.ResponseWriter, r *http.Request) error {
	cs, err := h.Cohorts.FindCohorts(r.Context())
	if err != nil {
		return err
	}
	return h.page(w, r, "cohort_list", &cohortListView{base: h.base(w, r), Cohorts: cs})
}
