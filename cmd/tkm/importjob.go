package main

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"tkm"
	"tkm/store"
)

// Import jobs: each server runs the queued imports one at a time, tells
// the database it is alive every heartbeatEvery, and marks failed the jobs
// of servers not heard of for staleAfter (their import wrote nothing: it
// runs in one transaction). A server that is stopped gracefully puts its
// running job back in the queue instead.
const (
	pollEvery      = time.Second
	heartbeatEvery = 10 * time.Second
	staleAfter     = time.Minute
	errorBatch     = 500
)

type importWorker struct {
	jobs     *store.ImportJobService
	importer *store.ImportService
	users    *store.UserService
	sheets   tkm.Spreadsheets
	logger   *slog.Logger
	host     string
	name     string // host:pid:start, unique to this process
}

func newImportWorker(db *store.DB, sheets tkm.Spreadsheets, logger *slog.Logger) *importWorker {
	host, _ := os.Hostname()
	return &importWorker{jobs: store.NewImportJobService(db), importer: store.NewImportService(db),
		users: store.NewUserService(db), sheets: sheets, logger: logger, host: host,
		name: fmt.Sprintf("%s:%d:%d", host, os.Getpid(), time.Now().UnixNano())}
}

// alive reports whether a worker is a live process, as far as this host
// can tell. A worker of another host is presumed alive (its heartbeat
// tells). Of this host: this process is alive; another process of our pid
// (a container restarted as pid 1) is a dead earlier one; any other pid is
// alive while a process has it.
func (w *importWorker) alive(worker string) bool {
	host, rest, _ := strings.Cut(worker, ":")
	switch {
	case worker == w.name || host != w.host:
		return true
	}
	pidText, _, _ := strings.Cut(rest, ":")
	pid, err := strconv.Atoi(pidText)
	if err != nil || pid == os.Getpid() {
		return false
	}
	return syscall.Kill(pid, 0) == nil
}

// run takes jobs until ctx ends. It first fails the jobs that a crashed
// process on this host left running.
func (w *importWorker) run(ctx context.Context) {
	if n, err := w.jobs.FailOrphanedImportJobs(ctx, w.alive); err != nil {
		w.logger.Error("import jobs: orphans", "err", err)
	} else if n > 0 {
		w.logger.Warn("import jobs: marked failed after a crash", "jobs", n)
	}
	lastSweep := time.Time{}
	for ctx.Err() == nil {
		if time.Since(lastSweep) > staleAfter/2 {
			if n, err := w.jobs.FailStaleImportJobs(ctx, time.Now().Add(-staleAfter)); err != nil {
				w.logger.Error("import jobs: sweep", "err", err)
			} else if n > 0 {
				w.logger.Warn("import jobs: marked failed after their server stopped", "jobs", n)
			}
			lastSweep = time.Now()
		}
		job, err := w.jobs.ClaimImportJob(ctx, w.name)
		switch {
		case err != nil && ctx.Err() == nil:
			w.logger.Error("import jobs: claim", "err", err)
		case job != nil:
			w.do(ctx, job)
			continue
		}
		select {
		case <-ctx.Done():
		case <-time.After(pollEvery):
		}
	}
}

// do runs one job as the user who queued it.
func (w *importWorker) do(ctx context.Context, job *tkm.ImportJob) {
	log := w.logger.With("import", job.ID)
	log.Info("import: start", "file", job.FileName)
	res, err := w.importAs(ctx, job)
	if err != nil && ctx.Err() != nil {
		// The server is stopping: the import rolled back, so it goes back
		// in the queue for the next server (this one restarted, or another).
		if err := w.jobs.RequeueImportJob(context.WithoutCancel(ctx), job.ID); err != nil {
			log.Error("import: back to the queue", "err", err)
		}
		log.Info("import: back in the queue, the server is stopping")
		return
	}
	if err != nil {
		res = &tkm.ImportResult{Status: tkm.ImportFailed, Errors: []tkm.RowError{}, Message: failure(err)}
		if tkm.ErrorCode(err) == tkm.EINTERNAL {
			log.Error("import: failed", "err", err)
		}
	}
	if err := w.jobs.FinishImportJob(context.WithoutCancel(ctx), job.ID, res); err != nil {
		log.Error("import: finish", "err", err)
	}
	log.Info("import: end", "status", res.Status, "rows", res.RowsTotal, "errors", res.ErrorsTotal)
}

// failure says in Indonesian why a job failed, revealing no internals.
func failure(err error) string {
	if tkm.ErrorCode(err) == tkm.EINTERNAL {
		return "Impor gagal karena kesalahan internal; tidak ada yang disimpan."
	}
	return tkm.ErrorMessage(err)
}

func (w *importWorker) importAs(ctx context.Context, job *tkm.ImportJob) (*tkm.ImportResult, error) {
	u, err := w.users.FindUserByID(tkm.NewContextWithUser(ctx, operator), job.UserID)
	if err != nil {
		return nil, err
	}
	src, err := w.sheets.Open(bytes.NewReader(job.Data), int64(len(job.Data)))
	if err != nil {
		return nil, err
	}
	defer src.Close()
	beat := w.heartbeat(ctx, job.ID)
	defer beat.stop()
	ctx = tkm.NewContextWithUser(ctx, u)
	opt := job.Options
	opt.JobID = job.ID
	res, err := w.importer.Import(ctx, src, opt, beat.addError, beat.progress)
	if ferr := beat.flush(); err == nil {
		err = ferr
	}
	return res, err
}

// beat keeps a running job's progress and errors flowing to the database.
type beat struct {
	w       *importWorker
	ctx     context.Context
	id      tkm.ID
	mu      sync.Mutex
	last    *tkm.ImportResult
	pending []tkm.RowError
	stored  int
	saved   time.Time
	nudge   chan struct{}
	done    chan struct{}
}

func (w *importWorker) heartbeat(ctx context.Context, id tkm.ID) *beat {
	b := &beat{w: w, ctx: ctx, id: id, done: make(chan struct{}), nudge: make(chan struct{}, 1)}
	go b.loop()
	return b
}

func (b *beat) loop() {
	t := time.NewTicker(heartbeatEvery)
	defer t.Stop()
	for {
		select {
		case <-b.done:
			return
		case <-t.C:
			b.save()
		case <-b.nudge:
			b.save()
		}
	}
}

func (b *beat) save() {
	b.mu.Lock()
	res := b.last
	b.mu.Unlock()
	if res == nil {
		res = &tkm.ImportResult{Status: tkm.ImportRunning, Errors: []tkm.RowError{}}
	}
	if err := b.w.jobs.SaveImportProgress(b.ctx, b.id, res); err != nil && b.ctx.Err() == nil {
		b.w.logger.Error("import: progress", "import", b.id, "err", err)
	}
}

// progress keeps the latest progress and asks for it to be saved at most
// once a second, so that a page following the import moves along. It never
// waits: on SQLite the import's own transaction may hold the only writer.
func (b *beat) progress(r *tkm.ImportResult) {
	c := *r
	c.Errors = nil
	b.mu.Lock()
	b.last = &c
	due := time.Since(b.saved) > time.Second
	if due {
		b.saved = time.Now()
	}
	b.mu.Unlock()
	if due {
		select {
		case b.nudge <- struct{}{}:
		default:
		}
	}
}

func (b *beat) addError(e tkm.RowError) {
	b.pending = append(b.pending, e)
	if len(b.pending) == errorBatch {
		b.flush()
	}
}

// flush stores the errors waiting.
func (b *beat) flush() error {
	if len(b.pending) == 0 {
		return nil
	}
	err := b.w.jobs.AddImportErrors(context.WithoutCancel(b.ctx), b.id, b.stored, b.pending)
	b.stored += len(b.pending)
	b.pending = b.pending[:0]
	return err
}

func (b *beat) stop() { close(b.done) }
