package tkm

import (
	"context"
	"time"
)

// ImportSource is an import file that can be read from the top more than
// once: the importer checks everything in one pass and writes in another.
type ImportSource interface {
	Rows() (ImportRows, error)
	Close() error
}

// ImportRows is one pass over an import file, the header row first.
type ImportRows interface {
	Next() bool
	Row() ImportRow
	Err() error
	Close() error
}

// ImportOptions says what an import may do.
type ImportOptions struct {
	CohortID ID   `json:"cohort_id"`
	DryRun   bool `json:"dry_run"` // check and report, write nothing
	Partial  bool `json:"partial"` // write the groups whose rows are all valid
	// JobID, when set, is the import job whose outcome is stored in the
	// same transaction as the groups: a crash leaves both or neither.
	JobID ID `json:"-"`
}

// Import statuses.
const (
	ImportQueued  = "queued"
	ImportRunning = "running"
	ImportDone    = "done"
	ImportFailed  = "failed"
)

// ImportResult says what an import found and did.
type ImportResult struct {
	ID              ID         `json:"id,omitzero"`
	Status          string     `json:"status"`
	DryRun          bool       `json:"dry_run"`
	Partial         bool       `json:"partial"`
	RowsTotal       int        `json:"rows_total"`
	RowsDone        int        `json:"rows_done"` // progress: rows read in the current pass
	RowsOK          int        `json:"rows_ok"`
	GroupsCreated   int        `json:"groups_created"`
	GroupsUpdated   int        `json:"groups_updated"`
	GroupsUnchanged int        `json:"groups_unchanged"`
	GroupsRefused   int        `json:"groups_refused"`
	ErrorsTotal     int        `json:"errors_total"`
	Errors          []RowError `json:"errors"` // the first MaxReportedErrors
	Message         string     `json:"message,omitempty"`
}

// MaxReportedErrors is how many errors a result carries; all of them go to
// the error file.
const MaxReportedErrors = 1000

// Refused reports whether anything in the file was refused.
func (r *ImportResult) Refused() bool { return r.ErrorsTotal > 0 || r.Status == ImportFailed }

// Importer reads import files into the registry.
type Importer interface {
	// Import checks every row, then writes (unless dry run) all the groups,
	// or with Partial the groups without errors. Each error goes to
	// onError as it is found; progress hears the rows read so far.
	Import(ctx context.Context, src ImportSource, opt ImportOptions, onError func(RowError), progress func(*ImportResult)) (*ImportResult, error)
}

// ImportJob is an import run by a server in the background.
type ImportJob struct {
	ID       ID
	UserID   ID
	FileName string
	Options  ImportOptions
	Data     []byte
}

// ImportJobService keeps import jobs in the database, so that every
// server sees their progress and a job survives (as failed) a crash.
type ImportJobService interface {
	// CreateImportJob queues a file for import.
	CreateImportJob(ctx context.Context, opt ImportOptions, fileName string, data []byte) (*ImportResult, error)
	// FindImportJob returns a job's state: the caller's own job, or any
	// job for the ministry and administrators.
	FindImportJob(ctx context.Context, id ID) (*ImportResult, error)
	// ImportJobErrors hands every error of a job, in order, to fn.
	ImportJobErrors(ctx context.Context, id ID, fn func(RowError) error) error
	// ImportJobFile returns a job's file.
	ImportJobFile(ctx context.Context, id ID) (name string, data []byte, err error)

	// The worker's side.
	ClaimImportJob(ctx context.Context, worker string) (*ImportJob, error) // nil when none is queued
	SaveImportProgress(ctx context.Context, id ID, res *ImportResult) error
	AddImportErrors(ctx context.Context, id ID, first int, errs []RowError) error
	FinishImportJob(ctx context.Context, id ID, res *ImportResult) error
	// FailStaleImportJobs marks failed the running jobs whose worker has
	// not been heard of since before, and returns how many.
	FailStaleImportJobs(ctx context.Context, before time.Time) (int, error)
}
