package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/netip"
	"os"
	"strings"
	"sync"

	"tkm"
	"tkm/api"
	"tkm/media"
	"tkm/pdf"
	"tkm/region"
	"tkm/server"
	"tkm/sheet"
	"tkm/store"
	"tkm/ui"
)

// App is tkm with everything wired: the database, the services and the
// HTTP server. Open starts it and Close stops it, so that a test can boot
// the real program on port 0 with a temporary database.
type App struct {
	DSN    string
	Addr   string
	Logger *slog.Logger
	// BaseURL is the site's public address, where the expos' QR codes
	// lead ("https://tkm.kemnaker.go.id"); empty, $TKM_BASE_URL, else the
	// address each request came to.
	BaseURL string
	// TrustedProxies are the reverse proxies in front of tkm (--trusted-proxies).
	TrustedProxies []netip.Prefix

	DB     *store.DB
	Server *server.Server

	stopWorkers context.CancelFunc
	workers     sync.WaitGroup
}

// openDB opens and migrates the database named by dsn, with the region
// table and the NIK key. Commands that need no server use it alone.
func openDB(ctx context.Context, dsn string) (*store.DB, error) {
	if err := store.CheckDSN(dsn); err != nil {
		return nil, err
	}
	if strings.HasPrefix(dsn, "sqlite:") {
		if err := checkDataDir(dataDir(dsn)); err != nil {
			return nil, err
		}
	}
	regions, err := region.Load()
	if err != nil {
		return nil, err
	}
	keys, err := secretKeys(dataDir(dsn))
	if err != nil {
		return nil, err
	}
	vault, err := tkm.NewVault(keys...)
	if err != nil {
		return nil, err
	}
	db, err := store.Open(ctx, dsn, regions, vault)
	if err != nil {
		return nil, err
	}
	if err := errors.Join(db.Migrate(ctx), db.CheckKey(ctx)); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// Open opens the database and starts listening.
func (a *App) Open(ctx context.Context) error {
	db, err := openDB(ctx, a.DSN)
	if err != nil {
		return err
	}
	a.DB = db
	auth, users, cohorts, groups := store.NewAuthService(db), store.NewUserService(db),
		store.NewCohortService(db), store.NewGroupService(db)
	audit, persons := store.NewAuditService(db), store.NewPersonService(db)
	web, err := ui.New(ui.Handler{Auth: auth, Users: users, Cohorts: cohorts, Groups: groups, Members: groups,
		Audit: audit, Persons: persons, Regions: db.Regions, Logger: a.Logger, Version: version, View: db.View,
		Workflow: store.NewWorkflowService(db), Trainings: store.NewTrainingService(db), Aid: store.NewAidService(db),
		Products: store.NewProductService(db), Files: store.NewFileService(db), LPJs: store.NewLPJService(db),
		Reports: store.NewReportService(db), Documents: pdf.Documents{}, Photos: media.ReadFile,
		Attachments: media.ReadAttachment, Imports: store.NewImportJobService(db), Exports: store.NewExportService(db),
		Sheets: sheet.Spreadsheets{}, Expos: store.NewExpoService(db), Public: store.NewPublicService(db),
		Profiles: store.NewProfileService(db), Applicants: auth, ExpoDocs: pdf.Documents{}, Stats: store.NewStatsService(db),
		BaseURL: cmp.Or(a.BaseURL, os.Getenv("TKM_BASE_URL")),
		// The sign-up form's signing key, derived from the secret key, so
		// that every server sharing the database has the same.
		FormSecret: db.Vault.Hash("tkm sign-up form key")})
	if err != nil {
		db.Close()
		return fmt.Errorf("ui: %w", err)
	}
	a.Server = &server.Server{
		Addr: a.Addr, TrustedProxies: a.TrustedProxies, Auth: auth, CookieName: ui.SessionCookie, Ping: db.Ping, Logger: a.Logger, UI: web,
		MaxBody: 66 << 20, // an import upload: a 64 MB file and its form
		API: &api.API{Auth: auth, Users: users, Cohorts: cohorts, Groups: groups, Members: groups,
			Audit: audit, Persons: persons,
			Workflow: store.NewWorkflowService(db), Trainings: store.NewTrainingService(db), Aid: store.NewAidService(db),
			Products: store.NewProductService(db), Files: store.NewFileService(db), LPJs: store.NewLPJService(db),
			Reports: store.NewReportService(db), Documents: pdf.Documents{}, Photos: media.ReadFile,
			Attachments: media.ReadAttachment, Imports: store.NewImportJobService(db), Exports: store.NewExportService(db),
			Sheets: sheet.Spreadsheets{}, Expos: store.NewExpoService(db), Stats: store.NewStatsService(db), Regions: db.Regions, Logger: a.Logger, Version: version},
	}
	if err := a.Server.Open(); err != nil {
		db.Close()
		return err
	}
	a.startWorkers()
	return nil
}

// startWorkers starts the background work of a server: import jobs.
func (a *App) startWorkers() {
	ctx, cancel := context.WithCancel(context.Background())
	a.stopWorkers = cancel
	w := newImportWorker(a.DB, sheet.Spreadsheets{}, a.Logger)
	a.workers.Go(func() { w.run(ctx) })
}

// Close stops the server, letting requests in flight finish until ctx
// ends, then closes the database.
func (a *App) Close(ctx context.Context) error {
	var err error
	if a.Server != nil {
		err = a.Server.Shutdown(ctx)
	}
	if a.stopWorkers != nil {
		a.stopWorkers()
		a.workers.Wait()
	}
	if a.DB != nil {
		err = errors.Join(err, a.DB.Close())
	}
	return err
}
