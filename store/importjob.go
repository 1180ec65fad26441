package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"tkm"
)

// ImportJobService keeps import jobs in the database.
type ImportJobService struct{ db *DB }

// NewImportJobService returns the import job service of db.
func NewImportJobService(db *DB) *ImportJobService { return &ImportJobService{db: db} }

var _ tkm.ImportJobService = (*ImportJobService)(nil)

// MaxImportBytes caps an import file.
const MaxImportBytes = 64 << 20

// CreateImportJob queues a file for import into a cohort.
func (s *ImportJobService) CreateImportJob(ctx context.Context, opt tkm.ImportOptions, name string, data []byte) (*tkm.ImportResult, error) {
	if err := tkm.Authorize(ctx, tkm.ImportGroups); err != nil {
		return nil, err
	}
	if len(data) == 0 || len(data) > MaxImportBytes {
		var f tkm.Fields
		f.Add("file", "file_size", "Unggah berkas CSV atau XLSX berukuran 1 bita sampai 64 MB.",
			"Upload a CSV or XLSX file of 1 byte to 64 MB.")
		return nil, f.Err()
	}
	res := &tkm.ImportResult{Status: tkm.ImportQueued, DryRun: opt.DryRun, Partial: opt.Partial, Errors: []tkm.RowError{}}
	err := s.db.write(ctx, func(tx *Tx) error {
		if _, err := findCohort(ctx, tx, opt.CohortID); tkm.ErrorCode(err) == tkm.ENOTFOUND {
			var f tkm.Fields
			f.Add("cohort_id", "cohort_unknown", "Angkatan tidak ditemukan.", "Cohort not found.")
			return f.Err()
		} else if err != nil {
			return err
		}
		js, _ := json.Marshal(res)
		return tx.QueryRowContext(ctx, `INSERT INTO imports (cohort_id, user_id, file_name, dry_run, partial, status, result, created_at, data)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`, opt.CohortID, tkm.UserFromContext(ctx).ID,
			truncate(name, 200), opt.DryRun, opt.Partial, res.Status, string(js), tx.now, data).Scan(&res.ID)
	})
	return res, err
}

// FindImportJob returns a job the caller may see.
func (s *ImportJobService) FindImportJob(ctx context.Context, id tkm.ID) (*tkm.ImportResult, error) {
	if err := tkm.Authorize(ctx, tkm.ImportGroups); err != nil {
		return nil, err
	}
	var res tkm.ImportResult
	err := s.db.read(ctx, func(tx *Tx) error {
		var js string
		a := args{id}
		if err := tx.QueryRowContext(ctx, `SELECT result, status FROM imports WHERE id = $1 AND `+jobScope(ctx, &a), a...).
			Scan(&js, &res.Status); errors.Is(err, sql.ErrNoRows) {
			return tkm.Errorf(tkm.ENOTFOUND, "Impor tidak ditemukan.", "Import not found.")
		} else if err != nil {
			return fmt.Errorf("find import %d: %w", id, err)
		}
		status := res.Status
		if err := json.Unmarshal([]byte(js), &res); err != nil {
			return fmt.Errorf("import %d result: %w", id, err)
		}
		res.Status, res.ID = status, id
		return nil
	})
	return &res, err
}

// jobScope limits a query on imports to the caller's own jobs, unless
// their scope is national.
func jobScope(ctx context.Context, a *args) string {
	u := tkm.UserFromContext(ctx)
	if tkm.ScopeOf(u).All {
		return "TRUE"
	}
	return "user_id = " + a.add(u.ID)
}

// ImportJobErrors hands every error of a job to fn, in order.
func (s *ImportJobService) ImportJobErrors(ctx context.Context, id tkm.ID, fn func(tkm.RowError) error) error {
	if _, err := s.FindImportJob(ctx, id); err != nil {
		return err
	}
	return s.db.read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT row_no, col, code, message FROM import_errors WHERE import_id = $1 ORDER BY seq`, id)
		if err != nil {
			return fmt.Errorf("import %d errors: %w", id, err)
		}
		defer rows.Close()
		for rows.Next() {
			var e tkm.RowError
			if err := rows.Scan(&e.Row, &e.Column, &e.Code, &e.Message); err != nil {
				return err
			}
			if err := fn(e); err != nil {
				return err
			}
		}
		return rows.Err()
	})
}

// ImportJobFile returns a job's file.
func (s *ImportJobService) ImportJobFile(ctx context.Context, id tkm.ID) (string, []byte, error) {
	if _, err := s.FindImportJob(ctx, id); err != nil {
		return "", nil, err
	}
	var name string
	var data []byte
	err := s.db.read(ctx, func(tx *Tx) error {
		return tx.QueryRowContext(ctx, `SELECT file_name, data FROM imports WHERE id = $1`, id).Scan(&name, &data)
	})
	if err != nil {
		return "", nil, err
	}
	// The file holds the NIKs the officer uploaded: handing it back is an export.
	return name, data, s.db.auditAlone(ctx, &tkm.AuditEntry{Action: tkm.AuditExport, Entity: "import", EntityID: id,
		Note: "berkas impor " + name})
}

// ClaimImportJob takes the oldest queued job for this worker, or returns nil.
func (s *ImportJobService) ClaimImportJob(ctx context.Context, worker string) (*tkm.ImportJob, error) {
	var job *tkm.ImportJob
	err := s.db.writeLog(ctx, func(tx *Tx) error { // polled every second: bookkeeping only
		var id tkm.ID
		err := tx.QueryRowContext(ctx, `SELECT id FROM imports WHERE status = 'queued' ORDER BY id LIMIT 1`+s.db.dialect.skipLocked()).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		} else if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE imports SET status = 'running', worker = $1, heartbeat = $2 WHERE id = $3`,
			worker, tx.now, id); err != nil {
			return err
		}
		job = &tkm.ImportJob{ID: id}
		return tx.QueryRowContext(ctx, `SELECT user_id, file_name, cohort_id, dry_run, partial, data FROM imports WHERE id = $1`, id).
			Scan(&job.UserID, &job.FileName, &job.Options.CohortID, &job.Options.DryRun, &job.Options.Partial, &job.Data)
	})
	if err != nil {
		return nil, fmt.Errorf("claim import: %w", err)
	}
	return job, nil
}

// RequeueImportJob puts a running job back in the queue, its progress and
// errors cleared: for a server that stops while importing (an import runs
// in one transaction, so it wrote nothing), so that the job runs again on
// the next server to claim it instead of asking the officer to upload
// again.
func (s *ImportJobService) RequeueImportJob(ctx context.Context, id tkm.ID) error {
	return s.db.writeLog(ctx, func(tx *Tx) error {
		res := &tkm.ImportResult{Status: tkm.ImportQueued, Errors: []tkm.RowError{}}
		err := tx.QueryRowContext(ctx, `SELECT dry_run, partial FROM imports WHERE id = $1 AND status = 'running'`, id).
			Scan(&res.DryRun, &res.Partial)
		if errors.Is(err, sql.ErrNoRows) {
			return nil // finished after all, or not this server's
		} else if err != nil {
			return fmt.Errorf("requeue import %d: %w", id, err)
		}
		js, _ := json.Marshal(res)
		if _, err := tx.ExecContext(ctx, `DELETE FROM import_errors WHERE import_id = $1`, id); err != nil {
			return fmt.Errorf("requeue import %d: %w", id, err)
		}
		_, err = tx.ExecContext(ctx, `UPDATE imports SET status = 'queued', worker = '', heartbeat = NULL, result = $1
			WHERE id = $2`, string(js), id)
		if err != nil {
			return fmt.Errorf("requeue import %d: %w", id, err)
		}
		return nil
	})
}

// SaveImportProgress stores a running job's progress and heartbeat.
func (s *ImportJobService) SaveImportProgress(ctx context.Context, id tkm.ID, res *tkm.ImportResult) error {
	js, _ := json.Marshal(res)
	return s.db.writeLog(ctx, func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE imports SET result = $1, heartbeat = $2 WHERE id = $3 AND status = 'running'`,
			string(js), tx.now, id)
		return err
	})
}

// AddImportErrors stores errors of a job, numbered from first.
func (s *ImportJobService) AddImportErrors(ctx context.Context, id tkm.ID, first int, errs []tkm.RowError) error {
	return s.db.writeLog(ctx, func(tx *Tx) error {
		rows := make([][]any, 0, len(errs))
		for i, e := range errs {
			rows = append(rows, []any{id, first + i, e.Row, e.Column, e.Code, truncate(e.Message, 500)})
			if len(rows) == memberBatch || i == len(errs)-1 {
				if err := insertRows(ctx, tx, "import_errors", []string{"import_id", "seq", "row_no", "col", "code", "message"}, rows); err != nil {
					return err
				}
				rows = rows[:0]
			}
		}
		return nil
	})
}

// FinishImportJob stores a job's outcome.
func (s *ImportJobService) FinishImportJob(ctx context.Context, id tkm.ID, res *tkm.ImportResult) error {
	return s.db.write(ctx, func(tx *Tx) error { return finishJobIn(ctx, tx, id, res) })
}

// finishJobIn stores a job's outcome inside tx; no job, nothing to do.
func finishJobIn(ctx context.Context, tx *Tx, id tkm.ID, res *tkm.ImportResult) error {
	if id == 0 {
		return nil
	}
	js, _ := json.Marshal(res)
	_, err := tx.ExecContext(ctx, `UPDATE imports SET status = $1, result = $2, finished_at = $3, heartbeat = $3 WHERE id = $4`,
		res.Status, string(js), tx.now, id)
	return err
}

// FailOrphanedImportJobs marks failed, at once, the running jobs of a
// worker on this host whose process is gone (a crash): alive reports
// whether a worker name belongs to a live process here.
func (s *ImportJobService) FailOrphanedImportJobs(ctx context.Context, alive func(worker string) bool) (int, error) {
	var orphans []tkm.ID
	err := s.db.read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, worker FROM imports WHERE status = 'running'`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id tkm.ID
			var worker string
			if err := rows.Scan(&id, &worker); err != nil {
				return err
			}
			if !alive(worker) {
				orphans = append(orphans, id)
			}
		}
		return rows.Err()
	})
	for _, id := range orphans {
		if err == nil {
			err = s.FinishImportJob(ctx, id, crashed())
		}
	}
	return len(orphans), err
}

func crashed() *tkm.ImportResult {
	return &tkm.ImportResult{Status: tkm.ImportFailed, Errors: []tkm.RowError{},
		Message: "Impor terhenti karena server berhenti; tidak ada yang disimpan. Unggah ulang berkasnya."}
}

// FailStaleImportJobs marks failed the running jobs not heard of since before.
func (s *ImportJobService) FailStaleImportJobs(ctx context.Context, before time.Time) (int, error) {
	js, _ := json.Marshal(crashed())
	var n int64
	err := s.db.writeLog(ctx, func(tx *Tx) error {
		r, err := tx.ExecContext(ctx, `UPDATE imports SET status = 'failed', result = $1, finished_at = $2
			WHERE status = 'running' AND (heartbeat IS NULL OR heartbeat < $3)`, string(js), tx.now, before)
		if err == nil {
			n, _ = r.RowsAffected()
		}
		return err
	})
	return int(n), err
}
