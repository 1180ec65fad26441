package api

import (
	"net/http"

	"tkm"
)

type regionList struct {
	Items []tkm.Region `json:"items"`
}

func (a *API) regions(w http.ResponseWriter, r *http.Request) error {
	parent := r.URL.Query().Get("parent")
	if _, ok := a.Regions.Region(parent); parent != "" && !ok {
		return tkm.Errorf(tkm.ENOTFOUND, "Kode wilayah %q tidak dikenal.", "Unknown region code %q.", parent)
	}
	items := a.Regions.Children(parent)
	if items == nil {
		items = []tkm.Region{}
	}
	return writeJSON(w, http.StatusOK, regionList{Items: items})
}
