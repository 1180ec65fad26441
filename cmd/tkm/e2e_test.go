package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/makiuchi-d/gozxing"
	gozxingqr "github.com/makiuchi-d/gozxing/qrcode"

	"tkm"
	"tkm/media"
	"tkm/store"
	"tkm/store/storetest"
)

// startApp boots the real program on port 0 with a fresh database.
func startApp(t *testing.T, dsn string, options ...func(*App)) *App {
	t.Helper()
	t.Setenv("TKM_SECRET_KEY", "")
	t.Setenv("TKM_DATA_DIR", t.TempDir())
	app := &App{DSN: dsn, Addr: "127.0.0.1:0", Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	for _, o := range options {
		o(app)
	}
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
// stepRunner runs named browser steps, each within limit: a step that fails
// stops the test and shows what the page says.
func stepRunner(t *testing.T, ctx context.Context, limit time.Duration) func(step string, actions ...chromedp.Action[chromedp.Void]) {
	return func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		sctx, cancel := context.WithTimeout(ctx, limit)
		defer cancel()
		if err := chromedp.Do(sctx, actions...); err != nil {
			shown, _ := chromedp.Run(ctx, chromedp.Text(css("main")))
			t.Fatalf("%s: %v; the page shows: %.600s", step, err, shown)
		}
	}
}

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

// TestE2EWorkflow: a ministry officer takes a group of ten from registered
// to graduated through the UI on a phone-sized screen: verifies and
// approves it, schedules its pembekalan and ticks who came, records its aid
// and downloads the BAST, schedules its Bimtek kelembagaan, adds a product
// with a photo, has its LPJ accepted and files a monitoring report, moving
// it on at each step until the timeline shows it Mandiri.
func TestE2EWorkflow(t *testing.T) {
	e2eEngines(t, func(t *testing.T, app *App) {
		ctx := browser(t)
		url := app.Server.URL()
		email, password := addUser(t, app.DB, tkm.RoleMinistry, "")
		_, creator := storetest.User(t, app.DB, tkm.RoleMinistry, "")
		cohort := storetest.Cohort(t, app.DB, 2024)
		g := storetest.Group(cohort.ID, "51.03.05", 10, 1)
		g.Name = "KUB Tenun Ikat Sekar Jagat"
		if _, err := store.NewGroupService(app.DB).CreateGroup(creator, g); err != nil {
			t.Fatal(err)
		}
		page := url + "/kelompok/" + g.ID.String()
		photo := filepath.Join(t.TempDir(), "tenun.png")
		if err := os.WriteFile(photo, pngPhoto(t), 0o644); err != nil {
			t.Fatal(err)
		}
		run := stepRunner(t, ctx, 20*time.Second)
		move := func(to tkm.Stage) chromedp.Action[chromedp.Void] {
			return chromedp.Steps(chromedp.Navigate(page), chromedp.Click(css("#move-submit")),
				chromedp.WaitVisible(css("#stage-"+string(to)+"[aria-current=step]")))
		}

		run("log in, verify and approve", logIn(url, email, password), move(tkm.StageVerified), move(tkm.StageApproved))
		run("pembekalan", training(url, "pembekalan", "Pembekalan Kewirausahaan Bali", cohort.ID, g.ID),
			register(g.Members[:8]...))
		if got := text(t, ctx, "#invited tbody tr"); !strings.Contains(got, "hadir 8 dari 10 (80%)") {
			t.Fatalf("after the register: %q", got)
		}
		run("trained", move(tkm.StageTrained))

		run("aid", chromedp.Navigate(page+"/bantuan/baru"), chromedp.SetValue(css("#f-amount"), "20.000.000"),
			chromedp.SetValue(css("#f-handover_no"), "001/BAST/TKM/2024"), chromedp.SetValue(css("#f-place"), "Denpasar"),
			item(0, "Mesin tenun", "equipment", "2", "unit", "7.000.000"),
			item(1, "Benang katun", "material", "12", "gulung", "500.000"),
			chromedp.Click(save), chromedp.WaitVisible(css("a.bast-link")))
		kind, err := chromedp.Run(ctx, chromedp.Evaluate[string](
			`fetch(document.querySelector("a.bast-link").href).then(r => r.headers.get("content-type"))`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		head, err := chromedp.Run(ctx, chromedp.Evaluate[string](`fetch(document.querySelector("a.bast-link").href)
			.then(r => r.arrayBuffer()).then(b => new TextDecoder().decode(new Uint8Array(b).slice(0, 5)))`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		if kind != "application/pdf" || head != "%PDF-" {
			t.Fatalf("the BAST downloads as %q starting %q", kind, head)
		}
		run("aided", move(tkm.StageAided))

		run("kelembagaan", training(url, "kelembagaan", "Bimtek Kelembagaan Bali", cohort.ID, g.ID), register(g.Members[1:10]...))
		run("product with a photo", chromedp.Navigate(page+"/produk/baru"),
			chromedp.SetValue(css("#f-name"), "Kain Tenun Ikat"), chromedp.SetValue(css("#f-price"), "350.000"),
			chromedp.SetValue(css("#f-unit"), "lembar"), chromedp.SetValue(css("#f-monthly_capacity"), "40"),
			chromedp.Click(save), chromedp.WaitVisible(css("input#f-file")),
			chromedp.SetUploadFiles(css("input#f-file"), []string{photo}), chromedp.Click(save),
			chromedp.WaitVisible(css("#photos img")))
		run("institutional", move(tkm.StageInstitutional))

		run("LPJ", chromedp.Navigate(page+"/lpj/baru"),
			chromedp.SetValue(css("#f-technical_summary"), "Dua mesin tenun dibeli dan dipakai setiap hari."),
			chromedp.SetValue(css("#f-financial_summary"), "Bantuan Rp20.000.000 terpakai seluruhnya."),
			chromedp.SetValue(css("#f-spent_equipment"), "14.000.000"), chromedp.SetValue(css("#f-spent_material"), "6.000.000"),
			chromedp.Click(save), chromedp.WaitVisible(css("input#f-file")),
			chromedp.Navigate(page), chromedp.Click(css(`section[aria-labelledby=lpj-heading] a[href$="/periksa"]`)),
			chromedp.WaitVisible(css("#f-status-accepted")), chromedp.Click(css("#f-status-accepted")), chromedp.Click(save),
			chromedp.WaitVisible(css(".tag--lpj-accepted")))
		run("monitoring", chromedp.Navigate(page+"/laporan/baru"),
			chromedp.SetValue(css("#f-revenue"), "7.500.000"), chromedp.SetValue(css("#f-production"), "40 lembar kain"),
			chromedp.SetValue(css("#f-new_workers"), "1"), chromedp.Click(save), chromedp.WaitVisible(css("input#f-file")))
		run("graduated", move(tkm.StageGraduated))

		if got := text(t, ctx, "#timeline .timeline__step--current .timeline__label"); got != "Mandiri" {
			t.Errorf("the timeline's current stage is %q, want Mandiri", got)
		}
		if got := text(t, ctx, "#stage"); got != "Mandiri" {
			t.Errorf("stage %q", got)
		}
		if got := text(t, ctx, "#history tbody tr"); !strings.Contains(got, "Kelembagaan → Mandiri") {
			t.Errorf("newest move %q", got)
		}
	})
}

// training schedules a training of kind for the cohort's groups, inviting
// group id, and opens its register.
func training(url, kind, title string, cohort, id tkm.ID) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.Navigate(url+"/pelatihan/baru?kind="+kind),
		chromedp.SetValue(css("#f-title"), title),
		chromedp.SetValue(css("#f-starts_on"), "2024-05-06"),
		chromedp.SetValue(css("#f-ends_on"), "2024-05-08"),
		chromedp.SetValue(css("#f-location"), "BLK Denpasar"),
		chromedp.SetValue(css("#f-region_code"), "51.71"),
		chromedp.SetValue(css("#f-cohort"), cohort.String()),
		chromedp.Click(css("#list-groups")),
		chromedp.WaitVisible(css("#g-"+id.String())),
		chromedp.Click(css("#g-"+id.String())),
		chromedp.Click(save),
		chromedp.WaitVisible(css("a#register")),
		chromedp.Click(css("a#register")),
		chromedp.WaitVisible(css("#attendance-save")),
	)
}

// register ticks the members present on the open sheet and saves it.
func register(ms ...*tkm.Member) chromedp.Action[chromedp.Void] {
	var steps []chromedp.Action[chromedp.Void]
	for _, m := range ms {
		steps = append(steps, chromedp.Click(css("#m-"+m.ID.String())))
	}
	return chromedp.Steps(append(steps, chromedp.Click(css("#attendance-save")), chromedp.WaitVisible(css("#invited")))...)
}

// item types row i of the aid form.
func item(i int, desc, category, qty, unit, price string) chromedp.Action[chromedp.Void] {
	id := func(f string) css { return css(fmt.Sprintf("#f-items-%d-%s", i, f)) }
	return chromedp.Steps(
		chromedp.SetValue(id("description"), desc),
		chromedp.SetValue(id("category"), category),
		chromedp.SetValue(id("qty"), qty),
		chromedp.SetValue(id("unit"), unit),
		chromedp.SetValue(id("unit_price"), price),
	)
}

// pngPhoto is a small real photo to upload.
func pngPhoto(t *testing.T) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for x := range 64 {
		for y := range 48 {
			img.Set(x, y, color.RGBA{uint8(x * 4), uint8(y * 5), 90, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestE2EImport: an officer uploads a spreadsheet on a phone-sized screen
// and watches the job's page, which reloads itself with no script, until
// the server's worker has imported the file; then the counts are there
// and the page stops reloading.
func TestE2EImport(t *testing.T) {
	e2eEngines(t, func(t *testing.T, app *App) {
		ctx := browser(t)
		url := app.Server.URL()
		email, password := addUser(t, app.DB, tkm.RoleRegional, "51")
		cohort := storetest.Cohort(t, app.DB, 2019)
		file := filepath.Join(t.TempDir(), "kelompok.csv")
		if err := os.WriteFile(file, []byte(importCSV([]string{"A", "B"}, "51.03.05", 1)), 0o600); err != nil {
			t.Fatal(err)
		}
		err := chromedp.Do(ctx, logIn(url, email, password),
			chromedp.Navigate(url+"/impor"),
			chromedp.SetValue(css("#f-cohort_id"), cohort.ID.String()),
			chromedp.SetUploadFiles(css("input#f-file"), []string{file}),
			chromedp.Click(save),
			chromedp.WaitVisible(css("#import-status")),
		)
		if err != nil {
			t.Fatalf("upload: %v", err)
		}
		if notice := text(t, ctx, ".notice"); !strings.Contains(notice, "kelompok.csv") {
			t.Errorf("notice %q", notice)
		}
		if err := chromedp.Do(ctx, chromedp.WaitVisible(css("#import-status.tag--import-done"))); err != nil {
			t.Fatalf("the page never showed the import done: %v (status %q)", err, text(t, ctx, "#import-status"))
		}
		if created := text(t, ctx, "#count-groups_created dd"); created != "2" {
			t.Errorf("groups created %q, want 2", created)
		}
		refresh, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector('meta[http-equiv="refresh"]') !== null`))
		if err != nil || refresh {
			t.Errorf("a finished import's page still reloads itself (%v)", err)
		}
	})
}

// TestE2EApplyVerifyExpo: a group's leader applies online on a phone (an
// account, an open cohort, the regency, the group with ten members) and
// follows the group's stage; a regional officer of that province verifies
// it. Then a ministry officer gives a group that reached institutional a
// booth at a new expo, and a visitor opens the expo's page, reads the
// booth's QR code and lands on the group's public page with its product.
func TestE2EApplyVerifyExpo(t *testing.T) {
	e2eEngines(t, func(t *testing.T, app *App) {
		ctx := browser(t)
		url := app.Server.URL()
		run := stepRunner(t, ctx, 25*time.Second)
		cohort := openCohort(t, app.DB, 2025)
		g := storetest.Group(cohort.ID, "51.03.05", 10, 1)

		run("account", chromedp.Navigate(url+"/daftar"), chromedp.Click(css("a#start")),
			chromedp.WaitVisible(css("#f-email")),
			chromedp.SetValue(css("#f-email"), "ketua.sekar@contoh.id"),
			chromedp.SetValue(css("#f-name"), "Made Sari"),
			chromedp.SetValue(css("#f-password"), "kopi pagi di pantai kuta"),
			chromedp.Sleep(3500*time.Millisecond), // a person takes longer than a program
			chromedp.Click(save), chromedp.WaitVisible(css("#f-cohort_id-"+cohort.ID.String())))
		run("cohort", chromedp.Click(css("#f-cohort_id-"+cohort.ID.String())), chromedp.Click(save),
			chromedp.WaitVisible(css("#f-province")))
		run("region", chromedp.SetValue(css("#f-province"), "51"), chromedp.Click(css("#show-regencies")),
			chromedp.WaitReady(css(`#f-region_code option[value="51.03"]`)),
			chromedp.SetValue(css("#f-region_code"), "51.03"), chromedp.Click(save),
			chromedp.WaitVisible(css("#f-members-9-nik")))
		steps := []chromedp.Action[chromedp.Void]{
			chromedp.SetValue(css("#f-name"), "KUB Tenun Ikat Sekar Jagat"),
			chromedp.SetValue(css("#f-sector"), "Tenun ikat"),
		}
		for i, m := range g.Members {
			steps = append(steps, fillMember(i, m))
		}
		run("group", append(steps, chromedp.Click(save), chromedp.WaitVisible(css("#confirmation")))...)
		id := text(t, ctx, "#reference")
		run("follow", chromedp.Click(css("a#follow")), chromedp.WaitVisible(css("#timeline")))
		if stage := text(t, ctx, "#stage"); stage != "Terdaftar" {
			t.Errorf("the leader's new group is at %q, want Terdaftar", stage)
		}
		logOut := chromedp.Steps(chromedp.Click(css(`form[action="/keluar"] button`)), chromedp.WaitVisible(css("#f-email")))
		run("leader logs out", logOut)

		email, password := addUser(t, app.DB, tkm.RoleRegional, "51")
		run("verify", logIn(url, email, password), chromedp.Navigate(url+"/kelompok/"+id), chromedp.Click(css("#move-submit")),
			chromedp.WaitVisible(css("#stage-verified[aria-current=step]")))
		if stage := text(t, ctx, "#stage"); stage != "Terverifikasi" {
			t.Errorf("after verifying, stage %q", stage)
		}
		run("officer logs out", logOut)

		exhibitor, product := institutionalGroup(t, app.DB, cohort.ID)
		email, password = addUser(t, app.DB, tkm.RoleMinistry, "")
		run("expo", logIn(url, email, password), chromedp.Navigate(url+"/pameran/baru"),
			chromedp.SetValue(css("#f-name"), "Pameran Produk TKM 2025"),
			chromedp.SetValue(css("#f-venue"), "BNDCC Nusa Dua"),
			chromedp.SetValue(css("#f-province"), "51"),
			chromedp.SetValue(css("#f-starts_on"), "2025-11-19"),
			chromedp.SetValue(css("#f-ends_on"), "2025-11-21"),
			chromedp.Click(save), chromedp.WaitVisible(css("a#exhibitor-new")))
		run("booth", chromedp.Click(css("a#exhibitor-new")), chromedp.WaitVisible(css("#f-booth")),
			chromedp.SetValue(css("#f-group_id"), exhibitor.ID.String()),
			chromedp.SetValue(css("#f-booth"), "A1"),
			chromedp.Click(save), chromedp.WaitVisible(css("#booth-plan")))
		if booth := strings.Join(strings.Fields(text(t, ctx, "#booth-plan li")), " "); booth != "A1 "+exhibitor.Name+" Jawa Barat" {
			t.Errorf("booth plan %q", booth)
		}
		expo, err := chromedp.Run(ctx, chromedp.AttributeValue(css("a#public-page"), "href"))
		if err != nil {
			t.Fatal(err)
		}
		run("officer logs out", logOut)

		run("visitor", chromedp.Navigate(url+expo.Value), chromedp.WaitVisible(css("#stan-1 img.qr__img")))
		src, err := chromedp.Run(ctx, chromedp.AttributeValue(css("#stan-1 img.qr__img"), "src"))
		if err != nil {
			t.Fatal(err)
		}
		target := decodeQR(t, src.Value)
		if shown := text(t, ctx, "#stan-1 a.qr__url"); target != url+tkm.PublicGroupPath(exhibitor.ID) || shown != target {
			t.Fatalf("the QR code leads to %q, the page says %q; want %q", target, shown, url+tkm.PublicGroupPath(exhibitor.ID))
		}
		run("scan", chromedp.Navigate(target), chromedp.WaitVisible(css("#produk-"+product.ID.String())))
		if h1 := text(t, ctx, "h1"); h1 != exhibitor.Name {
			t.Errorf("the QR code opened %q, want %q", h1, exhibitor.Name)
		}
		if got := text(t, ctx, "#produk-"+product.ID.String()+" h3"); got != product.Name {
			t.Errorf("the group's page shows product %q", got)
		}
	})
}

// openCohort creates a cohort open for online applications.
func openCohort(t *testing.T, db *store.DB, year int) *tkm.Cohort {
	c := storetest.Cohort(t, db, year)
	open := true
	admin := storetest.As(&tkm.User{ID: 1, Role: tkm.RoleAdmin})
	c, err := store.NewCohortService(db).UpdateCohort(admin, c.ID, tkm.CohortUpdate{ApplicationsOpen: &open})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// institutionalGroup makes a group of ten in West Java with a product and
// its photo, taken to institutional past its gates by a ministry officer.
func institutionalGroup(t *testing.T, db *store.DB, cohort tkm.ID) (*tkm.Group, *tkm.Product) {
	_, ministry := storetest.User(t, db, tkm.RoleMinistry, "")
	g := storetest.Group(cohort, "32.09.01", 10, 500)
	g.Name = "KUB Batik Tulis Trusmi"
	if _, err := store.NewGroupService(db).CreateGroup(ministry, g); err != nil {
		t.Fatal(err)
	}
	p := &tkm.Product{Name: "Batik Tulis Mega Mendung", Price: 450_000, Unit: "lembar", MonthlyCapacity: 30}
	products := store.NewProductService(db)
	if err := products.CreateProduct(ministry, g.ID, p); err != nil {
		t.Fatal(err)
	}
	photo, err := media.ReadFile(bytes.NewReader(pngPhoto(t)))
	if err != nil {
		t.Fatal(err)
	}
	if err := products.AddProductPhoto(ministry, p.ID, photo); err != nil {
		t.Fatal(err)
	}
	wf := store.NewWorkflowService(db)
	for s := tkm.StageRegistered.Next(); ; s = s.Next() {
		if _, err := wf.Transition(ministry, g.ID, tkm.TransitionRequest{To: s, Override: true, Note: "Uji ujung ke ujung"}); err != nil {
			t.Fatalf("move to %s: %v", s, err)
		}
		if s == tkm.StageInstitutional {
			return g, p
		}
	}
}

// decodeQR reads the address in a QR code image the page carries as a
// data: URL, scaled up first: the page draws a pixel a module.
func decodeQR(t *testing.T, src string) string {
	t.Helper()
	b64, ok := strings.CutPrefix(src, "data:image/png;base64,")
	data, err := base64.StdEncoding.DecodeString(b64)
	if !ok || err != nil {
		t.Fatalf("QR code src %.80q: %v", src, err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	const k = 8
	big := image.NewGray(image.Rect(0, 0, img.Bounds().Dx()*k, img.Bounds().Dy()*k))
	for y := range big.Bounds().Dy() {
		for x := range big.Bounds().Dx() {
			big.Set(x, y, img.At(img.Bounds().Min.X+x/k, img.Bounds().Min.Y+y/k))
		}
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(big)
	if err != nil {
		t.Fatal(err)
	}
	res, err := gozxingqr.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("decode the QR code: %v", err)
	}
	return res.GetText()
}

// TestE2EDashboardProvince: a ministry officer logs in on a phone-sized
// screen, lands on the dashboard, clicks Bali on the map of provinces and
// gets the list of Bali's groups alone.
func TestE2EDashboardProvince(t *testing.T) {
	e2eEngines(t, func(t *testing.T, app *App) {
		ctx := browser(t)
		url := app.Server.URL()
		_, ministry := storetest.User(t, app.DB, tkm.RoleMinistry, "")
		cohort := storetest.Cohort(t, app.DB, 2019)
		groups := store.NewGroupService(app.DB)
		for i, region := range []string{"51.03.05", "51.71.01", "31.71.01", "32.73.01"} {
			g := storetest.Group(cohort.ID, region, 2, 1+10*i)
			if _, err := groups.CreateGroup(ministry, g); err != nil {
				t.Fatalf("create in %s: %v", region, err)
			}
		}
		email, password := addUser(t, app.DB, tkm.RoleMinistry, "")

		err := chromedp.Do(ctx, logIn(url, email, password), chromedp.WaitVisible(css("#map")))
		if err != nil {
			t.Fatalf("log in to the dashboard: %v", err)
		}
		label, err := chromedp.Run(ctx, chromedp.AttributeValue(css(`#map a[data-province="51"]`), "aria-label"))
		if err != nil || label.Value != "Bali: 2 kelompok" {
			t.Errorf("Bali's tile says %q (%v), want 2 groups", label.Value, err)
		}
		err = chromedp.Do(ctx, chromedp.Click(css(`#map a[data-province="51"]`)), chromedp.WaitVisible(css("#groups")))
		if err != nil {
			t.Fatalf("click Bali: %v", err)
		}
		at, err := chromedp.Run(ctx, chromedp.Location())
		if err != nil {
			t.Fatal(err)
		}
		regions, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
			`[...document.querySelectorAll("#groups tbody .code")].map(c => c.textContent.trim())`))
		if err != nil {
			t.Fatal(err)
		}
		if at != url+"/kelompok?province=51" || len(regions) != 2 || !strings.HasPrefix(regions[0], "51.") ||
			!strings.HasPrefix(regions[1], "51.") {
			t.Errorf("after clicking Bali: at %s, groups in %q; want Bali's two", at, regions)
		}
	})
}
