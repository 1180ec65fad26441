package store

import (
	"context"
	"fmt"
	"os"

	"tkm"
)

// ImportService reads import files into the registry: it checks every row
// in a first pass, checks the groups against the registry, and only then,
// in one transaction, writes the groups (all of them, or with Partial those
// without errors). Parsed rows wait in a temporary file between the
// passes, so memory stays flat whatever the file's size.
type ImportService struct{ db *DB }

// NewImportService returns the import service of db.
func NewImportService(db *DB) *ImportService { return &ImportService{db: db} }

var _ tkm.Importer = (*ImportService)(nil)

// progressEvery is how many rows pass between progress reports.
const progressEvery = 5000

// Import runs one import; see tkm.Importer.
func (s *ImportService) Import(ctx context.Context, src tkm.ImportSource, opt tkm.ImportOptions,
	onError func(tkm.RowError), progress func(*tkm.ImportResult)) (*tkm.ImportResult, error) {
	if err := tkm.Authorize(ctx, tkm.ImportGroups); err != nil {
		return nil, err
	}
	var cohort *tkm.Cohort
	if err := s.db.read(ctx, func(tx *Tx) (err error) { cohort, err = findCohort(ctx, tx, opt.CohortID); return err }); err != nil {
		return nil, err
	}
	spool, err := os.CreateTemp("", "tkm-import-*")
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	defer os.Remove(spool.Name())
	defer spool.Close()
	run := newImportRun(s.db, ctx, cohort, opt, spool, onError, progress)
	if err := run.findExisting(); err != nil {
		return nil, err
	}
	if err := run.check(src); err != nil {
		return nil, err
	}
	run.decide()
	if err := run.write(); err != nil {
		return nil, err
	}
	return run.finish(), nil
}
