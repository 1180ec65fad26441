package ui

import (
	"bytes"
	"net/http"

	"tkm"
)

// jobRefresh is how many seconds the page of an import in progress waits
// before it reloads itself: live progress with no script, through a
// <meta http-equiv="refresh">, which the Content-Security-Policy allows.
const jobRefresh = 2

// importJobView is the page of one import: its state while it waits and
// runs, its outcome and its errors once it ends.
type importJobView struct {
	base
	ID          string
	Job         *tkm.ImportResult
	Status      string // the status in words
	Active      bool   // queued or running
	Paused      bool   // the visitor stopped the page reloading itself
	Progress    jobProgress
	Counts      []jobCount
	Unsaved     bool   // nothing was written: the group counts say what would have been
	Result      string // what came of the import, in a sentence
	Detail      string // the reason of a failure that no row explains, in Indonesian
	ErrorsNote  string // how many errors the table shows, of how many
	ErrorFile   string // the address of the error copy; empty without errors
	MessageLang string // "id" on an English page: the row messages are Indonesian
}

// jobProgress is the progress bar: Max 0 while the number of rows is not
// yet known, which shows a bar that only says "working".
type jobProgress struct {
	Value, Max int
	Text       string
}

// jobCount is one line of the import's counts.
type jobCount struct{ ID, Label, Value string }

// importJobPage shows an import: a job of the user's own, or any job to
// the ministry and administrators; another's is not found.
func (h *Handler) importJobPage(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	job, err := h.Imports.FindImportJob(r.Context(), id)
	if err != nil {
		return err
	}
	v := &importJobView{base: h.base(w, r), ID: id.String(), Job: job, Paused: r.URL.Query().Get("otomatis") == "tidak"}
	v.Status = v.T("import.status." + job.Status)
	if v.Active = job.Status == tkm.ImportQueued || job.Status == tkm.ImportRunning; v.Active {
		if !v.Paused {
			v.Refresh = jobRefresh
		}
		v.Progress = v.progress(job)
		return h.page(w, r, "import_job", v)
	}
	v.outcome(job)
	return h.page(w, r, "import_job", v)
}

// progress describes a job in progress: the rows read while the file is
// checked, then the rows saved of all the rows.
func (v *importJobView) progress(j *tkm.ImportResult) jobProgress {
	switch {
	case j.Status == tkm.ImportQueued:
		return jobProgress{Text: v.T("importjob.progress.queued")}
	case j.RowsTotal > 0 && j.RowsDone < j.RowsTotal:
		return jobProgress{Value: j.RowsDone, Max: j.RowsTotal,
			Text: v.T("importjob.progress.saving", number(j.RowsDone), number(j.RowsTotal))}
	}
	return jobProgress{Text: v.T("importjob.progress.read", number(j.RowsDone))}
}

// outcome describes a job that ended: its counts, what came of it, and
// where to find its errors.
func (v *importJobView) outcome(j *tkm.ImportResult) {
	v.Unsaved = j.DryRun || j.Status == tkm.ImportFailed
	if j.RowsTotal > 0 || j.ErrorsTotal > 0 {
		for _, c := range []struct {
			id string
			n  int
		}{{"rows_total", j.RowsTotal}, {"rows_ok", j.RowsOK}, {"groups_created", j.GroupsCreated},
			{"groups_updated", j.GroupsUpdated}, {"groups_unchanged", j.GroupsUnchanged},
			{"groups_refused", j.GroupsRefused}, {"errors_total", j.ErrorsTotal}} {
			v.Counts = append(v.Counts, jobCount{ID: c.id, Label: v.T("importjob.count." + c.id), Value: number(c.n)})
		}
	}
	v.Result = v.result(j)
	if j.ErrorsTotal > 0 {
		v.ErrorFile = "/impor/" + v.ID + "/kesalahan.xlsx"
		v.ErrorsNote = v.T("importjob.errors.all", number(j.ErrorsTotal))
		if len(j.Errors) < j.ErrorsTotal {
			v.ErrorsNote = v.T("importjob.errors.first", number(len(j.Errors)), number(j.ErrorsTotal))
		}
	}
	if v.en() {
		v.MessageLang = langID
	}
}

// result says in a sentence what came of an import that ended.
func (v *importJobView) result(j *tkm.ImportResult) string {
	switch {
	case j.Status == tkm.ImportFailed && j.ErrorsTotal > 0:
		return v.T("importjob.result.refused", number(j.ErrorsTotal))
	case j.Status == tkm.ImportFailed:
		v.Detail = j.Message
		return v.T("importjob.result.failed")
	case j.DryRun && j.ErrorsTotal > 0:
		return v.T("importjob.result.dry_errors", number(j.ErrorsTotal))
	case j.DryRun:
		return v.T("importjob.result.dry_ok")
	}
	s := v.T("importjob.result.done", number(j.GroupsCreated), number(j.GroupsUpdated), number(j.GroupsUnchanged))
	if j.GroupsRefused > 0 {
		s += " " + v.T("importjob.result.partial", number(j.GroupsRefused))
	}
	return s
}

// number writes a count as the UI does: 1.234.
func number(n int) string { return tkm.FormatNumber(int64(n)) }

// importErrorFile sends the import file back as XLSX with a column that
// holds each row's errors, for the officer to correct and upload again.
func (h *Handler) importErrorFile(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	byRow := map[int]string{}
	err = h.Imports.ImportJobErrors(r.Context(), id, func(e tkm.RowError) error {
		if byRow[e.Row] != "" {
			byRow[e.Row] += "; "
		}
		if e.Column != "" {
			byRow[e.Row] += e.Column + ": "
		}
		byRow[e.Row] += e.Message
		return nil
	})
	if err != nil {
		return err
	}
	_, data, err := h.Imports.ImportJobFile(r.Context(), id)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := h.Sheets.Annotate(&buf, bytes.NewReader(data), int64(len(data)), byRow); err != nil {
		return err
	}
	return sendDownload(w, xlsxType, "kesalahan-impor-"+id.String()+".xlsx", buf.Bytes())
}
