package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tkm"
	"tkm/store"
	"tkm/store/storetest"
)

// startApp boots the real program on port 0 with a fresh database.
func startApp(t *testing.T, dsn string) *App {
	t.Helper()
	t.Setenv("TKM_SECRET_KEY", "")
	t.Setenv("TKM_DATA_DIR", t.TempDir())
	app := &App{DSN: dsn, Addr: "127.0.0.1:0", Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if err := app.Open(context.Background()); err != nil {
		t.Fatalf("open app: %v", err)
	}
	go app.Server.Serve()
	t.Cleanup(func() { app.Close(context.Background()) })
	return app
}

// chromium finds the browser: $TKM_CHROMIUM, else chromium on the PATH.
// Without one the test is skipped, or fails under CI.
func chromium(t *testing.T) string {
	if p := os.Getenv("TKM_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("CI=true but Chromium is not installed: the end-to-end tests must run in CI (apt-get install chromium)")
	}
	t.Skip("end-to-end tests skipped: Chromium is not installed (apt-get install chromium, or set TKM_CHROMIUM)")
	return ""
}

// browser returns a context driving a fresh headless Chromium, sized as a phone.
func browser(t *testing.T) context.Context {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(412, 915))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// e2eEngines runs fn on each engine's database with the real program.
func e2eEngines(t *testing.T, fn func(t *testing.T, app *App)) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			dsn := storetest.SQLiteDSN(t)
			if engine == "postgres" {
				dsn = storetest.PostgresDSN(t)
			}
			fn(t, startApp(t, dsn))
		})
	}
}

// addUser makes a user directly in the database and returns their login.
func addUser(t *testing.T, db *store.DB, role tkm.Role, region string) (email, password string) {
	email, password = fmt.Sprintf("%s.%d@tkm.test", role, time.Now().UnixNano()), "correct horse battery staple"
	u := &tkm.User{Email: email, Name: "Petugas " + string(role), Role: role, Region: region}
	if err := store.NewUserService(db).CreateUser(context.Background(), u, password); err != nil {
		t.Fatal(err)
	}
	return email, password
}

type css = chromedp.CSS

func logIn(url, email, password string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.Navigate(url+"/masuk"),
		chromedp.SendKeys(css("#f-email"), email),
		chromedp.SendKeys(css("#f-password"), password),
		chromedp.Submit(css("#f-password")),
		chromedp.WaitReady(css(`form[action="/keluar"]`)),
	)
}

// fillMember types one member into row i of the new-group form.
func fillMember(i int, m *tkm.Member) chromedp.Action[chromedp.Void] {
	id := func(f string) css { return css(fmt.Sprintf("#f-members-%d-%s", i, f)) }
	return chromedp.Steps(
		chromedp.SetValue(id("nik"), m.NIK),
		chromedp.SetValue(id("name"), m.Name),
		chromedp.SetValue(id("sex"), string(m.Sex)),
		chromedp.SetValue(id("birth_date"), m.BirthDate.String()),
		chromedp.SetValue(id("role"), string(m.Role)),
	)
}

// save is the form's main button.
const save = css("button.button:not(.button--secondary):not(.visually-hidden)")

// text returns the text of the first element matching sel.
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(css(sel)))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

// TestE2ECreateGroup: an officer logs in on a phone-sized screen, registers
// a group with ten members, is told exactly which NIK is wrong, fixes it,
// and finds the group in the list.
func TestE2ECreateGroup(t *testing.T) {
	e2eEngines(t, func(t *testing.T, app *App) {
		ctx := browser(t)
		url := app.Server.URL()
		email, password := addUser(t, app.DB, tkm.RoleRegional, "51")
		cohort := storetest.Cohort(t, app.DB, 2019)
		g := storetest.Group(cohort.ID, "51.03.05", 10, 1)

		steps := []chromedp.Action[chromedp.Void]{
			logIn(url, email, password),
			chromedp.Navigate(url + "/kelompok/baru"),
			chromedp.SetValue(css("#f-cohort_id"), cohort.ID.String()),
			chromedp.SetValue(css("#f-name"), "KUB Tenun Ikat Sekar Jagat"),
			chromedp.SetValue(css("#f-region_code"), g.RegionCode),
			chromedp.SetValue(css("#f-sector"), "Tenun ikat"),
		}
		for i, m := range g.Members {
			steps = append(steps, fillMember(i, m))
		}
		steps = append(steps, chromedp.SetValue(css("#f-members-3-nik"), g.Members[3].NIK[:15]), // a digit short
			chromedp.Click(save), chromedp.WaitVisible(css(".error-summary")))
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("submit with a bad NIK: %v", err)
		}
		link, err := chromedp.Run(ctx, chromedp.AttributeValue(css(".error-summary a"), "href"))
		kept, err2 := chromedp.Run(ctx, chromedp.Value(css("#f-members-1-name")))
		if err != nil || err2 != nil {
			t.Fatal(err, err2)
		}
		if fieldErr := text(t, ctx, "#f-members-3-nik-error"); link.Value != "#f-members-3-nik" ||
			!strings.Contains(fieldErr, "16") || kept != g.Members[1].Name {
			t.Fatalf("summary links to %q, field error %q, kept name %q", link.Value, fieldErr, kept)
		}

		err = chromedp.Do(ctx,
			chromedp.SetValue(css("#f-members-3-nik"), g.Members[3].NIK),
			chromedp.Click(save),
			chromedp.WaitVisible(css("#stage")), // the group page

		)
		if err != nil {
			t.Fatalf("submit fixed: %v", err)
		}
		heading := text(t, ctx, "h1")
		if stage := text(t, ctx, "#stage"); stage != "Terdaftar" {
			t.Errorf("new group at stage %q, want Terdaftar", stage)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(url+"/kelompok")); err != nil {
			t.Fatal(err)
		}
		if listed := text(t, ctx, "main table"); !strings.Contains(heading, "KUB Tenun Ikat Sekar Jagat") ||
			!strings.Contains(listed, "KUB Tenun Ikat Sekar Jagat") {
			t.Fatalf("after saving: heading %q, list %q", heading, listed)
		}
	})
}

// TestE2ERegionalScope: a regional officer of Bali logs in, sees only
// Bali's groups, and gets the 404 page at a Jakarta group's address, as
// if it did not exist.
func TestE2ERegionalScope(t *testing.T) {
	e2eEngines(t, func(t *testing.T, app *App) {
		ctx := browser(t)
		url := app.Server.URL()
		_, ministry := storetest.User(t, app.DB, tkm.RoleMinistry, "")
		cohort := storetest.Cohort(t, app.DB, 2024)
		groups := store.NewGroupService(app.DB)
		bali, jakarta := storetest.Group(cohort.ID, "51.03.05", 2, 1), storetest.Group(cohort.ID, "31.71.01", 2, 11)
		bali.Name, jakarta.Name = "KUB Anyaman Bambu Kuta", "KUB Batik Gambir"
		for _, g := range []*tkm.Group{bali, jakarta} {
			if _, err := groups.CreateGroup(ministry, g); err != nil {
				t.Fatalf("create %s: %v", g.Name, err)
			}
		}
		email, password := addUser(t, app.DB, tkm.RoleRegional, "51")

		err := chromedp.Do(ctx, logIn(url, email, password), chromedp.Navigate(url+"/kelompok"),
			chromedp.WaitVisible(css("#groups")))
		if err != nil {
			t.Fatalf("log in and list: %v", err)
		}
		names, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
			`[...document.querySelectorAll("#groups tbody th[scope=row] a")].map(a => a.textContent.trim())`))
		if err != nil {
			t.Fatal(err)
		}
		if len(names) != 1 || names[0] != bali.Name {
			t.Errorf("the Bali officer's list shows %q, want only %q", names, bali.Name)
		}

		if err := chromedp.Do(ctx, chromedp.Navigate(url+"/kelompok/"+jakarta.ID.String()),
			chromedp.WaitVisible(css("h1"))); err != nil {
			t.Fatal(err)
		}
		title, err := chromedp.Run(ctx, chromedp.Title())
		if err != nil {
			t.Fatal(err)
		}
		if h1 := text(t, ctx, "h1"); h1 != "Halaman tidak ditemukan" || title != "Halaman tidak ditemukan – TKM" {
			t.Errorf("the Jakarta group's address shows %q titled %q, want the 404 page", h1, title)
		}
		if body := text(t, ctx, "main"); strings.Contains(body, jakarta.Name) {
			t.Error("the 404 page names the Jakarta group")
		}
	})
}
