package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"tkm"
	"tkm/store"
	"tkm/store/storetest"
)

var (
	buildOnce sync.Once
	builtTkm  string
	buildErr  error
)

// binary builds the tkm command once for the tests that run it as a process.
func binary(t *testing.T) string {
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "tkm-bin-")
		if err != nil {
			buildErr = err
			return
		}
		builtTkm = filepath.Join(dir, "tkm")
		if out, err := exec.Command("go", "build", "-o", builtTkm, ".").CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("%v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatalf("build: %v", buildErr)
	}
	return builtTkm
}

// process is a tkm serve running as its own process.
type process struct {
	cmd    *exec.Cmd
	stderr io.Reader
	url    string
}

// serveProcess starts tkm serve on dsn with a fixed key and data directory.
func serveProcess(t *testing.T, dsn string, env []string) *process {
	t.Helper()
	return spawnServe(t, dsn, env).await(t)
}

// spawnServe starts tkm serve without waiting for it to listen.
func spawnServe(t *testing.T, dsn string, env []string) *process {
	t.Helper()
	cmd := exec.Command(binary(t), "serve", "--addr", "127.0.0.1:0", "--db", dsn)
	cmd.Env = append(os.Environ(), env...)
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return &process{cmd: cmd, stderr: stderr}
}

// await waits until the server listens and notes its address.
func (p *process) await(t *testing.T) *process {
	t.Helper()
	lines := bufio.NewScanner(p.stderr)
	var said []string
	for lines.Scan() {
		if _, url, ok := strings.Cut(lines.Text(), "tkm is serving at "); ok {
			go io.Copy(io.Discard, p.stderr)
			p.url = url
			return p
		}
		said = append(said, lines.Text())
	}
	t.Fatalf("tkm serve did not start:\n%s", strings.Join(said, "\n"))
	return nil
}

func (p *process) kill() {
	p.cmd.Process.Signal(syscall.SIGKILL)
	p.cmd.Wait()
}

// crashEnv gives a server a fixed key, so that it can start again.
func crashEnv(t *testing.T) []string {
	return []string{"TKM_SECRET_KEY=" + strings.Repeat("ab", 32), "TKM_DATA_DIR=" + t.TempDir(), "TKM_LOG_LEVEL=error"}
}

// openWith opens the database in this process, with the servers' key.
func openWith(t *testing.T, dsn string, env []string) *store.DB {
	for _, e := range env {
		k, v, _ := strings.Cut(e, "=")
		t.Setenv(k, v)
	}
	db, err := openDB(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func crashEngines(t *testing.T, fn func(t *testing.T, dsn string)) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			dsn := storetest.SQLiteDSN(t)
			if engine == "postgres" {
				dsn = storetest.PostgresDSN(t)
			}
			fn(t, dsn)
		})
	}
}

// TestCrashDuringImport kills the server with SIGKILL while it imports
// 20,000 groups, starts it again, and finds the database consistent: the
// import whole or not at all, the job reported, the audit log intact, the
// counters equal to a recount.
func TestCrashDuringImport(t *testing.T) {
	crashEngines(t, func(t *testing.T, dsn string) {
		b := startBigImport(t, dsn)
		time.Sleep(1500 * time.Millisecond) // well into the checking, or the writing
		b.p.kill()

		res := b.restart(t, dsn)
		groups := countAll(t, b.db)
		switch {
		case res.Status == tkm.ImportFailed && groups == 0:
		case res.Status == tkm.ImportDone && groups == bigImportGroups:
			t.Log("the import had committed before the kill; its job says so")
		default:
			t.Fatalf("after the crash: job %s with %d groups", res.Status, groups)
		}
		consistent(t, b.db)
	})
}

// bigImport is a server running an import of bigImportGroups groups, the
// database it writes (opened here too) and the officer who uploaded it.
type bigImport struct {
	db              *store.DB
	env             []string
	p               *process
	email, password string
	id              tkm.ID
}

const bigImportGroups = 20000

func startBigImport(t *testing.T, dsn string) *bigImport {
	b := &bigImport{env: crashEnv(t)}
	b.db = openWith(t, dsn, b.env)
	b.email, b.password = addUser(t, b.db, tkm.RoleMinistry, "")
	c := storetest.Cohort(t, b.db, 2019)
	b.p = serveProcess(t, dsn, b.env)
	token := apiLogin(t, b.p.url, b.email, b.password)
	refs := make([]string, bigImportGroups)
	for i := range refs {
		refs[i] = fmt.Sprintf("G%05d", i)
	}
	b.id = postImport(t, b.p.url, token, c.ID, "besar.csv", importCSV(refs, "51.03.05", 1), false)
	waitRunning(t, b.p.url, token, b.id)
	return b
}

// restart starts the server again and waits for the import job to end.
func (b *bigImport) restart(t *testing.T, dsn string) *tkm.ImportResult {
	b.p = serveProcess(t, dsn, b.env)
	return waitImport(t, b.p.url, apiLogin(t, b.p.url, b.email, b.password), b.id)
}

// TestCrashDuringBatchMove kills the server during a move of 300 groups
// and checks that each group moved wholly (stage, history, audit, counters)
// or not at all.
func TestCrashDuringBatchMove(t *testing.T) {
	crashEngines(t, func(t *testing.T, dsn string) {
		env := crashEnv(t)
		db := openWith(t, dsn, env)
		_, ministry := storetest.User(t, db, tkm.RoleMinistry, "")
		email, password := addUser(t, db, tkm.RoleMinistry, "")
		c := storetest.Cohort(t, db, 2019)
		var ids []string
		for i := range 300 {
			g := storetest.Group(c.ID, "51.03.05", 10, 1+i*10)
			if _, err := store.NewGroupService(db).CreateGroup(ministry, g); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, `"`+g.ID.String()+`"`)
		}
		p := serveProcess(t, dsn, env)
		token := apiLogin(t, p.url, email, password)
		go func() {
			req, _ := http.NewRequest("POST", p.url+"/api/v1/transitions",
				strings.NewReader(`{"to":"verified","group_ids":[`+strings.Join(ids, ",")+`]}`))
			req.Header.Set("Authorization", "Bearer "+token)
			if resp, err := http.DefaultClient.Do(req); err == nil {
				resp.Body.Close()
			}
		}()
		waitMoved(t, db, ministry) // then kill at once: some moved, most not yet
		p.kill()

		page, err := store.NewGroupService(db).FindGroups(ministry, tkm.GroupFilter{Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		moved := 0
		for _, g := range page.Items {
			hist, err := store.NewWorkflowService(db).History(ministry, g.ID)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case g.Stage == tkm.StageVerified && len(hist) == 1:
				moved++
			case g.Stage == tkm.StageRegistered && len(hist) == 0:
			default:
				t.Fatalf("group %d at %s with %d history entries: half a move", g.ID, g.Stage, len(hist))
			}
		}
		t.Logf("%d of 300 groups had moved when the server was killed", moved)
		consistent(t, db)
	})
}

func consistent(t *testing.T, db *store.DB) {
	t.Helper()
	if _, err := store.NewAuditService(db).VerifyAudit(context.Background()); err != nil {
		t.Fatalf("audit log after the crash: %v", err)
	}
	if err := db.CheckCounters(context.Background()); err != nil {
		t.Fatalf("counters after the crash: %v", err)
	}
}

func countAll(t *testing.T, db *store.DB) int {
	st, err := store.NewStatsService(db).Stats(storetest.As(operator), tkm.StatsFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return st.Groups.Total
}

// waitRunning waits until a job has started.
func waitRunning(t *testing.T, url, token string, id tkm.ID) {
	for range 300 {
		var res tkm.ImportResult
		json.Unmarshal(get(t, url+"/api/v1/imports/"+id.String(), token), &res)
		if res.Status != tkm.ImportQueued {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("import %s did not start", id)
}

// waitMoved waits until the first group has moved.
func waitMoved(t *testing.T, db *store.DB, ctx context.Context) {
	for range 2000 {
		page, err := store.NewGroupService(db).FindGroups(ctx, tkm.GroupFilter{Stage: tkm.StageVerified, Limit: 1})
		if err == nil && len(page.Items) > 0 {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatal("no group moved")
}
