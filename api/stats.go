package api

import (
	"net/http"
	"strconv"

	"tkm"
)

var statsQuery = []param{{"year", "cohort year, e.g. 2019"}, {"cohort", "cohort ID"}, {"province", "province code, e.g. 51"}}

func (a *API) stats(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	var bad tkm.Fields
	f := tkm.StatsFilter{CohortID: queryID(q.Get("cohort"), "cohort", &bad), Province: q.Get("province")}
	if s := q.Get("year"); s != "" {
		y, err := strconv.Atoi(s)
		if err != nil || y < 2000 || y > 2100 {
			bad.Add("year", "year_invalid", "Tahun harus 2000–2100.", "Year must be 2000–2100.")
		}
		f.Year = y
	}
	if reg, ok := a.Regions.Region(f.Province); f.Province != "" && (!ok || reg.Level != tkm.LevelProvince) {
		bad.Add("province", "province_unknown", "Kode provinsi tidak dikenal.", "Unknown province code.")
	}
	if err := bad.Err(); err != nil {
		err.(*tkm.Error).Code = tkm.EMALFORMED
		return err
	}
	st, err := a.Stats.Stats(r.Context(), f)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, st)
}
