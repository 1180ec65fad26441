// Command tkm runs the registry of Indonesia's Tenaga Kerja Mandiri
// programme: `tkm serve` for the web UI and API, and commands to migrate,
// add users, load demo data and more. Run `tkm help` for the list.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(Run(ctx, os.Args[1:], Stdio{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}))
}
