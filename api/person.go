package api

import (
	"net/http"
	"strings"

	"tkm"
)

// personRequest asks for everything about one person. The NIK travels in
// the body, never in an address that logs and proxies keep.
type personRequest struct {
	NIK string `json:"nik"`
}

func (a *API) personReport(w http.ResponseWriter, r *http.Request) error {
	var req personRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	nik := strings.TrimSpace(req.NIK)
	if _, ferr := tkm.ParseNIK(nik, a.Regions); ferr != nil {
		return &tkm.Error{Code: tkm.EINVALID, Message: ferr.Message, English: ferr.English, Fields: []tkm.FieldError{*ferr}}
	}
	report, err := a.Persons.PersonReport(r.Context(), nik)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Disposition", `attachment; filename="data-pribadi-`+report.GeneratedAt.Format("20060102-150405")+`.json"`)
	w.Header().Set("Cache-Control", "no-store")
	return writeJSON(w, http.StatusOK, report)
}
