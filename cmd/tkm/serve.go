package main

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"time"

	"tkm/server"
)

// shutdownGrace is how long requests in flight may take to finish after SIGTERM.
const shutdownGrace = 30 * time.Second

func runServe(ctx context.Context, args []string, io Stdio) error {
	fs := newFlags("serve", io)
	addr := fs.String("addr", env("TKM_ADDR", "127.0.0.1:8080"), "address to listen on (env TKM_ADDR)")
	dsn := dbFlag(fs)
	demo := fs.Bool("demo", false, "fill an empty database with demo data and print demo logins")
	proxies := fs.String("trusted-proxies", env("TKM_TRUSTED_PROXIES", ""),
		"reverse proxies whose X-Forwarded-For and X-Forwarded-Proto to believe: CIDR,… (env TKM_TRUSTED_PROXIES)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	trusted, err := server.ParseTrustedProxies(*proxies)
	if err != nil {
		return err
	}
	atLeastTwoProcs()
	app := &App{DSN: *dsn, Addr: *addr, Logger: newLogger(io.Err), TrustedProxies: trusted}
	if err := app.Open(ctx); err != nil {
		return err
	}
	if *demo {
		if err := fillDemo(ctx, app.DB, 1000, 1, io); err != nil && err != errNotEmpty {
			app.Close(context.Background())
			return err
		}
	}
	app.Logger.Info("tkm is serving", "url", app.Server.URL(), "engine", app.DB.Engine(), "version", version)
	fmt.Fprintf(io.Err, "tkm is serving at %s\n", app.Server.URL())
	return serveUntilDone(ctx, app)
}

// atLeastTwoProcs gives the Go scheduler two Ps on a one-CPU machine (or a
// server pinned to one core) unless GOMAXPROCS is set. With one P, a
// saturated server polls the network only now and then (its run queue is
// never empty), and a few requests wait up to a second before they are
// read; with two, the core serves them in turn. Measured (BENCHMARKS.md):
// the group page's p99 at the clients 480–560 → 130–145 ms, the same
// throughput.
func atLeastTwoProcs() {
	if os.Getenv("GOMAXPROCS") == "" && runtime.GOMAXPROCS(0) < 2 {
		runtime.GOMAXPROCS(2)
	}
}

// serveUntilDone serves until ctx ends (SIGINT, SIGTERM), then shuts down
// gracefully: requests in flight get shutdownGrace to finish.
func serveUntilDone(ctx context.Context, app *App) error {
	errc := make(chan error, 1)
	go func() { errc <- app.Server.Serve() }()
	select {
	case err := <-errc:
		app.Close(context.Background())
		return err
	case <-ctx.Done():
	}
	app.Logger.Info("shutting down: waiting for requests in flight", "grace", shutdownGrace)
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := app.Close(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return <-errc
}
