// Package ui is tkm's web interface: server-rendered HTML pages in
// Indonesian (English on request) for the officers, mentors and group
// leaders who keep the registry, and for the public (the product
// catalogue, the groups' and the expos' pages, the online application),
// built to work on a phone in the field and without JavaScript.
//
// Templates, the message catalog and the static assets are embedded and
// parsed once by New. Handlers return errors; one adapter turns them into
// an error page. The services decide who may do what; the pages only hide
// what a user cannot do.
package ui

import (
	"context"
	"io"
	"log/slog"
	"net/http"

	"tkm"
)

// SessionCookie names the cookie holding the session secret; the server
// reads it to authenticate.
const SessionCookie = "tkm_session"

// maxBody caps the body of every request the UI reads.
const maxBody = 1 << 20

// Handler serves the web UI.
type Handler struct {
	Auth    tkm.AuthService
	Users   tkm.UserService
	Cohorts tkm.CohortService
	Groups  tkm.GroupService
	Members tkm.MemberService
	Audit   tkm.AuditService
	Persons tkm.PersonService
	Regions tkm.Regions
	Logger  *slog.Logger
	Version string
	// View, when set, runs fn with every read of the store in one read
	// transaction (store.DB.View): the pages that gather a record from
	// several services read it as of one moment.
	View func(ctx context.Context, fn func(ctx context.Context) error) error

	// The empowerment workflow: stages, trainings, aid, products, LPJ and
	// monitoring, and the files uploaded with them.
	Workflow  tkm.WorkflowService
	Trainings tkm.TrainingService
	Aid       tkm.AidService
	Products  tkm.ProductService
	Files     tkm.FileService
	LPJs      tkm.LPJService
	Reports   tkm.ReportService
	Documents tkm.Documents
	// Photos checks an uploaded image and makes its thumbnail; Attachments
	// checks an LPJ's attachment (a PDF or an image). See package media.
	Photos      func(io.Reader) (*tkm.File, error)
	Attachments func(io.Reader) (*tkm.File, error)

	// Spreadsheets in and out: import jobs run by the server's worker,
	// streamed exports, and the CSV and XLSX files (see package sheet).
	Imports tkm.ImportJobService
	Exports tkm.ExportService
	Sheets  tkm.Spreadsheets

	// The dashboard's figures, and its reports to download (Documents and
	// Sheets write them).
	Stats tkm.StatsService

	// The expos and the public: the officers' expo pages, the product
	// catalogue, the groups' and the expos' public pages, the profiles the
	// groups write for them, and the online application.
	Expos      tkm.ExpoService
	Public     tkm.PublicService
	Profiles   tkm.ProfileService
	Applicants tkm.Applicants
	ExpoDocs   tkm.ExpoDocuments
	// BaseURL is the site's public address ("https://tkm.kemnaker.go.id"),
	// which the expos' QR codes lead to; empty, each request's own.
	BaseURL string
	// FormSecret signs the time a public form was served, to refuse
	// sign-ups sent faster than a person types or long after; every server
	// sharing a database needs the same. Empty, New makes one for this
	// process alone.
	FormSecret []byte

	views  *views
	assets *assets
	mux    *http.ServeMux
	slots  chan struct{} // uploads being checked
}

// New returns a ready handler: every template parsed, every asset
// fingerprinted. A broken template fails here, not on the first request.
func New(h Handler) (*Handler, error) {
	if h.Logger == nil {
		h.Logger = slog.Default()
	}
	if err := checkBaseURL(h.BaseURL); err != nil {
		return nil, err
	}
	if len(h.FormSecret) == 0 {
		h.FormSecret = tkm.NewKey()
	}
	var err error
	if h.assets, err = newAssets(staticFS); err != nil {
		return nil, err
	}
	if h.views, err = parseViews(templateFS, h.assets, h.Regions); err != nil {
		return nil, err
	}
	h.slots = make(chan struct{}, imageSlots)
	h.mux = http.NewServeMux()
	h.routes(h.mux)
	return &h, nil
}

// ServeHTTP serves the UI.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mux.ServeHTTP(w, r)
}

// routes is the site map: every page of the UI. Pages wrapped in public
// need no login; the rest send a visitor to /masuk first. The public
// area (the catalogue, the groups' and the expos' pages, the online
// application) has its own header, the same for a visitor and a user.
func (h *Handler) routes(mux *http.ServeMux) {
	pub, auth, upload, importing := h.public, h.private, h.uploading, h.importing

	mux.Handle("GET /static/{file}", pub(h.static))
	mux.Handle("GET /favicon.ico", pub(h.favicon))
	mux.Handle("GET /bahasa", pub(h.language))
	mux.Handle("GET /masuk", pub(h.loginPage))
	mux.Handle("POST /masuk", pub(h.login))
	mux.Handle("POST /keluar", pub(h.logout))
	mux.Handle("GET /{$}", pub(h.home))

	mux.Handle("GET /katalog", pub(h.catalogue))
	mux.Handle("GET /foto/{id}", pub(h.publicPhoto))
	mux.Handle("GET /foto/{id}/kecil", pub(h.publicThumbnail))
	mux.Handle("GET /usaha/{id}", pub(h.publicGroup))
	mux.Handle("GET /expo", pub(h.publicExpoList))
	mux.Handle("GET /expo/{id}", pub(h.publicExpo))
	mux.Handle("GET /expo/{id}/katalog.pdf", pub(h.expoCataloguePDF))
	mux.Handle("GET /expo/{id}/qr/{file}", pub(h.boothQR))

	mux.Handle("GET /daftar", pub(h.signupStart))
	mux.Handle("GET /daftar/akun", pub(h.signupAccountPage))
	mux.Handle("POST /daftar/akun", pub(h.signupAccount))
	mux.Handle("GET /daftar/angkatan", auth(h.signupCohortPage))
	mux.Handle("POST /daftar/angkatan", auth(h.signupCohort))
	mux.Handle("GET /daftar/wilayah", auth(h.signupRegionPage))
	mux.Handle("POST /daftar/wilayah", auth(h.signupRegion))
	mux.Handle("GET /daftar/kelompok", auth(h.signupGroupPage))
	mux.Handle("POST /daftar/kelompok", auth(h.signupGroup))
	mux.Handle("POST /daftar/kelompok/unggah", h.applying(h.signupUpload))
	mux.Handle("GET /daftar/templat.xlsx", auth(h.signupTemplate))
	mux.Handle("GET /daftar/terkirim/{id}", auth(h.signupDone))

	mux.Handle("GET /dasbor", auth(h.dashboard))
	mux.Handle("GET /dasbor/statistik.pdf", auth(h.statsPDF))
	mux.Handle("GET /dasbor/statistik.xlsx", auth(h.statsXLSX))

	mux.Handle("GET /kelompok", auth(h.groupList))
	mux.Handle("GET /kelompok/baru", auth(h.groupNewPage))
	mux.Handle("POST /kelompok/baru", auth(h.groupCreate))
	mux.Handle("GET /kelompok/{id}", auth(h.groupPage))
	mux.Handle("GET /kelompok/{id}/ubah", auth(h.groupEditPage))
	mux.Handle("POST /kelompok/{id}/ubah", auth(h.groupUpdate))
	mux.Handle("GET /kelompok/{id}/hapus", auth(h.groupDeletePage))
	mux.Handle("POST /kelompok/{id}/hapus", auth(h.groupDelete))

	mux.Handle("GET /kelompok/{id}/profil", auth(h.profilePage))
	mux.Handle("POST /kelompok/{id}/profil", auth(h.profileUpdate))

	mux.Handle("POST /kelompok/{id}/tahap", auth(h.groupMove))
	mux.Handle("POST /kelompok/pindah", auth(h.groupMoveMany))

	mux.Handle("GET /kelompok/{id}/anggota/baru", auth(h.memberNewPage))
	mux.Handle("POST /kelompok/{id}/anggota/baru", auth(h.memberCreate))
	mux.Handle("GET /kelompok/{id}/anggota/{mid}/ubah", auth(h.memberEditPage))
	mux.Handle("POST /kelompok/{id}/anggota/{mid}/ubah", auth(h.memberUpdate))
	mux.Handle("GET /kelompok/{id}/anggota/{mid}/hapus", auth(h.memberDeletePage))
	mux.Handle("POST /kelompok/{id}/anggota/{mid}/hapus", auth(h.memberDelete))

	mux.Handle("GET /kelompok/{id}/bantuan/baru", auth(h.aidNewPage))
	mux.Handle("POST /kelompok/{id}/bantuan/baru", auth(h.aidCreate))
	mux.Handle("GET /kelompok/{id}/bantuan/{aid}/bast.pdf", auth(h.aidBAST))

	mux.Handle("GET /kelompok/{id}/produk/baru", auth(h.productNewPage))
	mux.Handle("POST /kelompok/{id}/produk/baru", auth(h.productCreate))
	mux.Handle("GET /kelompok/{id}/produk/{pid}/foto", auth(h.productPhotoPage))
	mux.Handle("POST /kelompok/{id}/produk/{pid}/foto", upload(h.productPhoto))

	mux.Handle("GET /kelompok/{id}/lpj/baru", auth(h.lpjNewPage))
	mux.Handle("POST /kelompok/{id}/lpj/baru", auth(h.lpjSubmit))
	mux.Handle("GET /kelompok/{id}/lpj/{lid}/lampiran", auth(h.lpjAttachPage))
	mux.Handle("POST /kelompok/{id}/lpj/{lid}/lampiran", upload(h.lpjAttach))
	mux.Handle("GET /kelompok/{id}/lpj/{lid}/periksa", auth(h.lpjReviewPage))
	mux.Handle("POST /kelompok/{id}/lpj/{lid}/periksa", auth(h.lpjReview))

	mux.Handle("GET /kelompok/{id}/laporan/baru", auth(h.reportNewPage))
	mux.Handle("POST /kelompok/{id}/laporan/baru", auth(h.reportCreate))
	mux.Handle("GET /kelompok/{id}/laporan/{rid}/foto", auth(h.reportPhotoPage))
	mux.Handle("POST /kelompok/{id}/laporan/{rid}/foto", upload(h.reportPhoto))

	mux.Handle("GET /berkas/{id}", auth(h.file))
	mux.Handle("GET /berkas/{id}/kecil", auth(h.thumbnail))

	mux.Handle("GET /pelatihan", auth(h.trainingList))
	mux.Handle("GET /pelatihan/baru", auth(h.trainingNewPage))
	mux.Handle("POST /pelatihan/baru", auth(h.trainingCreate))
	mux.Handle("GET /pelatihan/{id}", auth(h.trainingPage))
	mux.Handle("GET /pelatihan/{id}/hadir", auth(h.attendancePage))
	mux.Handle("POST /pelatihan/{id}/hadir", auth(h.attendanceSave))

	mux.Handle("GET /impor", auth(h.importPage))
	mux.Handle("POST /impor", importing(h.importCreate))
	mux.Handle("GET /impor/templat.xlsx", auth(h.importTemplate))
	mux.Handle("GET /impor/{id}", auth(h.importJobPage))
	mux.Handle("GET /impor/{id}/kesalahan.xlsx", auth(h.importErrorFile))

	mux.Handle("GET /ekspor/{file}", auth(h.export))
	mux.Handle("POST /ekspor/anggota-nik-lengkap.xlsx", auth(h.exportFullNIK))

	mux.Handle("GET /pameran", auth(h.expoList))
	mux.Handle("GET /pameran/baru", auth(h.expoNewPage))
	mux.Handle("POST /pameran/baru", auth(h.expoCreate))
	mux.Handle("GET /pameran/{id}", auth(h.expoPage))
	mux.Handle("GET /pameran/{id}/peserta", auth(h.exhibitorNewPage))
	mux.Handle("POST /pameran/{id}/peserta", auth(h.exhibitorCreate))
	mux.Handle("GET /pameran/{id}/penjualan", auth(h.saleNewPage))
	mux.Handle("POST /pameran/{id}/penjualan", auth(h.saleCreate))
	mux.Handle("GET /pameran/{id}/laporan.pdf", auth(h.expoReportPDF))
	mux.Handle("GET /pameran/{id}/laporan.xlsx", auth(h.expoReportXLSX))

	mux.Handle("GET /angkatan", auth(h.cohortList))
	mux.Handle("GET /angkatan/baru", auth(h.cohortNewPage))
	mux.Handle("POST /angkatan/baru", auth(h.cohortCreate))
	mux.Handle("GET /angkatan/{id}/ubah", auth(h.cohortEditPage))
	mux.Handle("POST /angkatan/{id}/ubah", auth(h.cohortUpdate))

	mux.Handle("GET /pengguna", auth(h.userList))
	mux.Handle("GET /pengguna/baru", auth(h.userNewPage))
	mux.Handle("POST /pengguna/baru", auth(h.userCreate))
	mux.Handle("GET /pengguna/{id}/ubah", auth(h.userEditPage))
	mux.Handle("POST /pengguna/{id}/ubah", auth(h.userUpdate))
	mux.Handle("GET /pengguna/{id}/sandi", auth(h.userPasswordPage))
	mux.Handle("POST /pengguna/{id}/sandi", auth(h.userPassword))

	mux.Handle("GET /akun", auth(h.accountPage))
	mux.Handle("POST /akun/sandi", auth(h.accountPassword))
	mux.Handle("POST /akun/sesi/{id}/akhiri", auth(h.sessionRevoke))

	mux.Handle("GET /audit", auth(h.auditPage))
	mux.Handle("POST /audit", auth(h.auditSearch))

	mux.Handle("GET /data-pribadi", auth(h.personPage))
	mux.Handle("POST /data-pribadi", auth(h.personReport))

	mux.Handle("/", pub(h.notFound))
}
