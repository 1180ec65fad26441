package main

import (
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"tkm"
	"tkm/store"
	"tkm/store/storetest"
)

// TestShutdownFinishesUpload sends SIGTERM while an import file is being
// uploaded (the client holds back its second half): the server refuses
// new connections at once, yet takes the upload whole and answers 201,
// then exits 0.
func TestShutdownFinishesUpload(t *testing.T) {
	crashEngines(t, func(t *testing.T, dsn string) {
		env := crashEnv(t)
		db := openWith(t, dsn, env)
		email, password := addUser(t, db, tkm.RoleMinistry, "")
		c := storetest.Cohort(t, db, 2019)
		p := serveProcess(t, dsn, env)
		exited := make(chan error, 1)
		go func() { exited <- p.cmd.Wait() }()
		refs := make([]string, 100)
		for i := range refs {
			refs[i] = fmt.Sprintf("G%03d", i)
		}
		data := importCSV(refs, "51.03.05", 1) // 1,000 rows: the first half fills the client's buffers
		pw, answer := slowImport(t, p.url, apiLogin(t, p.url, email, password), c.ID, data)
		io.WriteString(pw, data[:len(data)/2])

		p.cmd.Process.Signal(syscall.SIGTERM)
		time.Sleep(300 * time.Millisecond)
		select {
		case err := <-exited:
			pw.Close()
			t.Fatalf("exited (%v) with an upload in flight: %+v", err, <-answer)
		default:
		}
		if c, err := net.Dial("tcp", strings.TrimPrefix(p.url, "http://")); err == nil {
			c.Close()
			t.Fatal("a new connection was accepted after SIGTERM")
		}
		io.WriteString(pw, data[len(data)/2:])
		pw.Close()
		if res := <-answer; res.Status != tkm.ImportQueued || res.ID == 0 {
			t.Fatalf("upload after SIGTERM: %+v", res)
		}
		waitExit(t, exited, 10*time.Second)
	})
}

// slowImport posts an import whose file the caller writes to the pipe
// once the server's handler runs; the answer arrives on the channel after
// the caller closes the pipe.
func slowImport(t *testing.T, url, token string, cohort tkm.ID, data string) (io.WriteCloser, <-chan tkm.ImportResult) {
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	req, _ := http.NewRequest("POST", url+"/api/v1/imports", pr)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Expect", "100-continue")
	answer := make(chan tkm.ImportResult, 1)
	go func() {
		var res tkm.ImportResult
		// The body goes only after the server's 100 Continue, sent when
		// the handler starts reading: from then on the request is in
		// flight (one whose handler has not started yet is dropped by a
		// shutdown, and the client may retry it).
		client := &http.Client{Transport: &http.Transport{ExpectContinueTimeout: time.Minute}}
		if resp, err := client.Do(req); err == nil {
			json.NewDecoder(resp.Body).Decode(&res)
			resp.Body.Close()
		}
		answer <- res
	}()
	mw.WriteField("cohort_id", cohort.String())
	fw, _ := mw.CreateFormFile("file", "kelompok.csv")
	return writeThenClose{fw, func() error { mw.Close(); return pw.Close() }}, answer
}

type writeThenClose struct {
	io.Writer
	close func() error
}

func (w writeThenClose) Close() error { return w.close() }

// waitExit waits for the process to exit 0 within limit.
func waitExit(t *testing.T, exited <-chan error, limit time.Duration) {
	t.Helper()
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v", err)
		}
	case <-time.After(limit):
		t.Fatalf("still running %v after the request ended", limit)
	}
}

// TestShutdownRequeuesImport stops the server with SIGTERM while it
// imports 20,000 groups: the job goes back in the queue, nothing of it
// written, and the next start imports the file whole, without the officer
// uploading it again.
func TestShutdownRequeuesImport(t *testing.T) {
	crashEngines(t, func(t *testing.T, dsn string) {
		b := startBigImport(t, dsn)
		exited := make(chan error, 1)
		go func() { exited <- b.p.cmd.Wait() }()
		time.Sleep(500 * time.Millisecond) // into the checking
		b.p.cmd.Process.Signal(syscall.SIGTERM)
		waitExit(t, exited, 30*time.Second)

		job, err := store.NewImportJobService(b.db).FindImportJob(storetest.As(operator), b.id)
		if err != nil {
			t.Fatal(err)
		}
		switch groups := countAll(t, b.db); {
		case job.Status == tkm.ImportQueued && groups == 0:
		case job.Status == tkm.ImportDone && groups == bigImportGroups:
			t.Log("the import had committed before SIGTERM")
		default:
			t.Fatalf("after SIGTERM: job %s with %d groups, want it queued with none", job.Status, groups)
		}

		res := b.restart(t, dsn)
		if groups := countAll(t, b.db); res.Status != tkm.ImportDone || res.GroupsCreated != bigImportGroups || groups != bigImportGroups {
			t.Fatalf("after the restart: job %s (%d groups created), %d groups in the registry", res.Status, res.GroupsCreated, groups)
		}
		consistent(t, b.db)
	})
}
