package ui

import (
	"bytes"
	"io"
	"net/http"
	"time"

	"tkm"
)

// statsPDF sends the dashboard's figures as a report in Indonesian.
func (h *Handler) statsPDF(w http.ResponseWriter, r *http.Request) error {
	return h.statsDownload(w, r, "pdf", "application/pdf", h.Documents.StatsPDF)
}

// statsXLSX sends the dashboard's figures as a workbook.
func (h *Handler) statsXLSX(w http.ResponseWriter, r *http.Request) error {
	return h.statsDownload(w, r, "xlsx", xlsxType, h.Sheets.StatsXLSX)
}

// statsDownload writes the figures for the filters in the address with
// write, recording the export, and sends the file.
func (h *Handler) statsDownload(w http.ResponseWriter, r *http.Request, ext, ctype string,
	write func(io.Writer, tkm.StatsDocument) error) error {
	d, err := h.statsDocument(r, "statistik."+ext)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := write(&buf, d); err != nil {
		return err
	}
	name := "statistik-tkm-" + d.Reported.Format("20060102") + "." + ext
	return sendDownload(w, ctype, name, buf.Bytes())
}

// statsDocument gathers the report: the figures of the filters in the
// address (recorded as an export), the cohort's name, whose figures they
// are, and today.
func (h *Handler) statsDocument(r *http.Request, file string) (tkm.StatsDocument, error) {
	f, err := h.statsFilter(statsFormOf(r.URL.Query()))
	if err = downloadError(err); err != nil {
		return tkm.StatsDocument{}, err
	}
	d := tkm.StatsDocument{Filter: f, Regions: h.Regions, Reported: time.Now().In(wib),
		Scope: scopeName(tkm.UserFromContext(r.Context()), h.Regions)}
	if f.CohortID != 0 {
		c, err := h.Cohorts.FindCohortByID(r.Context(), f.CohortID)
		if err != nil {
			return d, err
		}
		d.Cohort = c.Name
	}
	d.Stats, err = h.Stats.ExportStats(r.Context(), f, file)
	return d, err
}

// scopeName says whose figures a user sees, for the report's heading.
func scopeName(u *tkm.User, regions tkm.Regions) string {
	s := tkm.ScopeOf(u)
	switch {
	case s.All:
		return "Nasional"
	case s.Region != "":
		return tkm.RegionPath(regions, s.Region)
	case s.MentorID != 0:
		return "Kelompok dampingan " + u.Name
	}
	return "Kelompok " + u.Name
}
