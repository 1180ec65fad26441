// Command spreadsheets is the benchmark harness of tkm's import (issue 5,
// item 8): it writes import files of any size from the demo generator, runs
// the bare loader that is the import's ceiling, and times a child process
// with its peak memory. bench/spreadsheets.sh drives it.
//
//	spreadsheets gen -rows N -format csv|xlsx -o FILE
//	spreadsheets bare -rows N -db DSN
//	spreadsheets time -- COMMAND ARGS…
package main

import (
	"context"
	"fmt"
	"os"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: spreadsheets gen|bare|time …")
		os.Exit(2)
	}
	var err error
	ctx := context.Background()
	switch cmd, args := os.Args[1], os.Args[2:]; cmd {
	case "gen":
		err = runGen(args)
	case "bare":
		err = runBare(ctx, args)
	case "time":
		err = runTime(args)
	default:
		err = fmt.Errorf("unknown command %q", cmd)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "spreadsheets:", err)
		os.Exit(1)
	}
}
