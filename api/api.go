// Package api serves tkm's JSON API under /api/v1: resources as bare JSON
// objects, lists as {"items","next_cursor"}, errors as problem+json
// (RFC 9457). Its route table is the site map, the OpenAPI description and,
// with the role rules, the authorization matrix.
package api

import (
	"io"
	"log/slog"
	"net/http"

	"tkm"
	"tkm/cache"
)

// API is the JSON API.
type API struct {
	Auth      tkm.AuthService
	Users     tkm.UserService
	Cohorts   tkm.CohortService
	Groups    tkm.GroupService
	Members   tkm.MemberService
	Audit     tkm.AuditService
	Persons   tkm.PersonService
	Workflow  tkm.WorkflowService
	Trainings tkm.TrainingService
	Aid       tkm.AidService
	Products  tkm.ProductService
	Files     tkm.FileService
	LPJs      tkm.LPJService
	Reports   tkm.ReportService
	Documents tkm.Documents
	Imports   tkm.ImportJobService
	Exports   tkm.ExportService
	Sheets    tkm.Spreadsheets
	Expos     tkm.ExpoService
	Stats     tkm.StatsService
	// Photos checks an uploaded image and makes its thumbnail; Attachments
	// checks a report's attachment (a PDF or an image). See package media.
	Photos      func(io.Reader) (*tkm.File, error)
	Attachments func(io.Reader) (*tkm.File, error)
	Regions     tkm.Regions
	Logger      *slog.Logger
	Version     string

	mux   *http.ServeMux
	slots chan struct{}            // uploads being checked
	pages *cache.Versioned[[]byte] // group list pages, see cachedJSON
}

// route is one endpoint: what serves it and what the OpenAPI description
// says of it.
type route struct {
	method, path string
	summary      string
	public       bool       // served without a login
	action       tkm.Action // what the caller's role must allow
	query        []param    // query parameters
	body         any        // a value of the request body's type, or nil
	status       int        // success status
	resp         any        // a value of the response body's type, or nil for none
	handle       func(w http.ResponseWriter, r *http.Request) error
}

type param struct{ name, desc string }

// routes lists every endpoint: the site map of the API.
func (a *API) routes() []route {
	return []route{
		{method: "POST", path: "/api/v1/auth/token", summary: "Log in and get a bearer token", public: true,
			body: loginRequest{}, status: 201, resp: tokenResponse{}, handle: a.createToken},
		{method: "DELETE", path: "/api/v1/auth/token", action: tkm.UseAccount, summary: "Log out: revoke the token in use",
			status: 204, handle: a.deleteToken},
		{method: "GET", path: "/api/v1/me", action: tkm.UseAccount, summary: "The logged-in user", resp: tkm.User{}, handle: a.me},
		{method: "GET", path: "/api/v1/regions", action: tkm.ReadRegistry, summary: "Regions: provinces, or the children of a parent code",
			query: []param{{"parent", "a region code; empty lists the provinces"}}, resp: regionList{}, handle: a.regions},

		{method: "GET", path: "/api/v1/cohorts", action: tkm.ReadRegistry, summary: "List cohorts", resp: cohortList{}, handle: a.listCohorts},
		{method: "POST", path: "/api/v1/cohorts", action: tkm.WriteCohort, summary: "Create a cohort", body: tkm.Cohort{}, status: 201, resp: tkm.Cohort{}, handle: a.createCohort},
		{method: "GET", path: "/api/v1/cohorts/{id}", action: tkm.ReadRegistry, summary: "Get a cohort", resp: tkm.Cohort{}, handle: a.getCohort},
		{method: "PATCH", path: "/api/v1/cohorts/{id}", action: tkm.WriteCohort, summary: "Change a cohort", body: tkm.CohortUpdate{}, resp: tkm.Cohort{}, handle: a.updateCohort},

		{method: "GET", path: "/api/v1/groups", action: tkm.ReadRegistry, summary: "List groups in your scope", query: groupQuery,
			resp: tkm.GroupPage{}, handle: a.listGroups},
		{method: "POST", path: "/api/v1/groups", action: tkm.WriteGroup, summary: "Register a group, with its members", body: tkm.Group{},
			status: 201, resp: groupResponse{}, handle: a.createGroup},
		{method: "GET", path: "/api/v1/groups/{id}", action: tkm.ReadRegistry, summary: "Get a group with its members", resp: tkm.Group{}, handle: a.getGroup},
		{method: "PATCH", path: "/api/v1/groups/{id}", action: tkm.WriteGroup, summary: "Change a group", body: tkm.GroupUpdate{}, resp: groupResponse{}, handle: a.updateGroup},
		{method: "DELETE", path: "/api/v1/groups/{id}", action: tkm.DeleteGroup, summary: "Delete a group not yet approved", status: 204, handle: a.deleteGroup},

		{method: "POST", path: "/api/v1/groups/{id}/members", action: tkm.WriteGroup, summary: "Add a member to a group", body: tkm.Member{},
			status: 201, resp: memberResponse{}, handle: a.createMember},
		{method: "PATCH", path: "/api/v1/groups/{id}/members/{member_id}", action: tkm.WriteGroup, summary: "Change a member", body: tkm.MemberUpdate{},
			resp: memberResponse{}, handle: a.updateMember},
		{method: "DELETE", path: "/api/v1/groups/{id}/members/{member_id}", action: tkm.WriteGroup, summary: "Remove a member", status: 204, handle: a.deleteMember},
		{method: "GET", path: "/api/v1/members", action: tkm.ReadRegistry, summary: "Find a person by NIK", query: []param{{"nik", "the 16-digit NIK"}},
			resp: memberList{}, handle: a.findMembers},

		{method: "POST", path: "/api/v1/groups/{id}/transitions", action: tkm.MoveGroup,
			summary: "Move a group to its next stage (or reject/drop it); 422 lists every unmet gate", body: tkm.TransitionRequest{},
			resp: tkm.Group{}, handle: a.transition},
		{method: "POST", path: "/api/v1/transitions", action: tkm.MoveGroup, summary: "Move many groups at once, with a result per group",
			body: batchRequest{}, resp: batchResponse{}, handle: a.transitionMany},
		{method: "GET", path: "/api/v1/groups/{id}/history", action: tkm.ReadRegistry, summary: "A group's moves, with the gates judged",
			resp: historyList{}, handle: a.history},
		{method: "GET", path: "/api/v1/groups/{id}/gates", action: tkm.ReadRegistry, summary: "The gates of a stage (default: the next) for a group, met or not",
			query: []param{{"to", "a stage; default the group's next"}}, resp: gateList{}, handle: a.gates},

		{method: "GET", path: "/api/v1/trainings", action: tkm.ReadRegistry, summary: "Trainings inviting groups in your scope",
			query: []param{{"group", "group ID"}, {"kind", "pembekalan or kelembagaan"}}, resp: trainingList{}, handle: a.listTrainings},
		{method: "POST", path: "/api/v1/trainings", action: tkm.RunTrainings, summary: "Schedule a training and invite groups",
			body: trainingRequest{}, status: 201, resp: tkm.Training{}, handle: a.createTraining},
		{method: "GET", path: "/api/v1/trainings/{id}", action: tkm.ReadRegistry, summary: "A training with its attendance", resp: tkm.Training{}, handle: a.getTraining},
		{method: "PUT", path: "/api/v1/trainings/{id}/attendance", action: tkm.TakeRegister,
			summary: "Record who attended (replaces the attendance of the members you may reach)", body: attendanceRequest{},
			resp: tkm.Training{}, handle: a.setAttendance},

		{method: "POST", path: "/api/v1/groups/{id}/aid", action: tkm.RecordAid, summary: "Record facility aid with its items and handover number",
			body: aidRequest{}, status: 201, resp: aidResponse{}, handle: a.createAid},
		{method: "GET", path: "/api/v1/groups/{id}/aid", action: tkm.ReadRegistry, summary: "A group's aid records", resp: aidList{}, handle: a.listAid},
		{method: "GET", path: "/api/v1/aid/{id}", action: tkm.ReadRegistry, summary: "One aid record", resp: tkm.Aid{}, handle: a.getAid},
		{method: "GET", path: "/api/v1/aid/{id}/bast.pdf", action: tkm.ReadRegistry, summary: "The handover document (BAST) of an aid record, as PDF",
			handle: a.bast},

		{method: "POST", path: "/api/v1/groups/{id}/products", action: tkm.WriteGroup, summary: "Add a product", body: productRequest{},
			status: 201, resp: tkm.Product{}, handle: a.createProduct},
		{method: "GET", path: "/api/v1/groups/{id}/products", action: tkm.ReadRegistry, summary: "A group's products with their photos",
			resp: productList{}, handle: a.listProducts},
		{method: "POST", path: "/api/v1/products/{id}/photos", action: tkm.WriteGroup, summary: "Add a photo (multipart part \"file\": JPEG or PNG, up to 8 MB)",
			status: 201, resp: tkm.File{}, handle: a.addProductPhoto},
		{method: "GET", path: "/api/v1/files/{id}", action: tkm.ReadRegistry, summary: "An uploaded file; ?thumb=1 for an image's thumbnail",
			query: []param{{"thumb", "any value: the thumbnail"}}, handle: a.getFile},

		{method: "POST", path: "/api/v1/groups/{id}/lpj", action: tkm.WriteGroup, summary: "Submit an accountability report (LPJ)",
			body: lpjRequest{}, status: 201, resp: tkm.LPJ{}, handle: a.submitLPJ},
		{method: "GET", path: "/api/v1/groups/{id}/lpj", action: tkm.ReadRegistry, summary: "A group's accountability reports", resp: lpjList{}, handle: a.listLPJs},
		{method: "POST", path: "/api/v1/lpj/{id}/review", action: tkm.ReviewLPJ, summary: "Accept an LPJ, or return it with a note",
			body: tkm.LPJReview{}, resp: tkm.LPJ{}, handle: a.reviewLPJ},
		{method: "POST", path: "/api/v1/lpj/{id}/attachments", action: tkm.WriteGroup, summary: "Attach a file to an LPJ (PDF, JPEG or PNG)",
			status: 201, resp: tkm.File{}, handle: a.addLPJAttachment},

		{method: "POST", path: "/api/v1/groups/{id}/reports", action: tkm.WriteGroup, summary: "File a monthly monitoring report",
			body: reportRequest{}, status: 201, resp: tkm.Report{}, handle: a.createReport},
		{method: "GET", path: "/api/v1/groups/{id}/reports", action: tkm.ReadRegistry, summary: "A group's monitoring reports", resp: reportList{}, handle: a.listReports},
		{method: "POST", path: "/api/v1/reports/{id}/photos", action: tkm.WriteGroup, summary: "Add a photo to a monitoring report",
			status: 201, resp: tkm.File{}, handle: a.addReportPhoto},

		{method: "POST", path: "/api/v1/imports", action: tkm.ImportGroups,
			summary: "Queue an import (multipart: file (CSV or XLSX), cohort_id, dry_run, partial); poll GET /imports/{id}",
			status:  201, resp: tkm.ImportResult{}, handle: a.createImport},
		{method: "GET", path: "/api/v1/imports/{id}", action: tkm.ImportGroups, summary: "An import's status, progress, counts and first errors",
			resp: tkm.ImportResult{}, handle: a.getImport},
		{method: "GET", path: "/api/v1/imports/{id}/errors.xlsx", action: tkm.ImportGroups,
			summary: "The import file back, with a column of each row's errors", handle: a.importErrors},
		{method: "GET", path: "/api/v1/imports/template.xlsx", action: tkm.ImportGroups, summary: "The import template (XLSX)",
			handle: a.importTemplate},
		{method: "GET", path: "/api/v1/exports/{list}", action: tkm.Export,
			summary: "Every group or member (list: groups or members) matching the filters, streamed as CSV or XLSX; audited",
			query:   exportQuery, handle: a.export},

		{method: "GET", path: "/api/v1/expos", action: tkm.ReadRegistry, summary: "Expos, the latest first", resp: expoList{}, handle: a.listExpos},
		{method: "POST", path: "/api/v1/expos", action: tkm.ManageExpos, summary: "Create an expo", body: expoRequest{},
			status: 201, resp: tkm.Expo{}, handle: a.createExpo},
		{method: "GET", path: "/api/v1/expos/{id}", action: tkm.ReadRegistry, summary: "An expo with its exhibitors", resp: tkm.Expo{}, handle: a.getExpo},
		{method: "POST", path: "/api/v1/expos/{id}/exhibitors", action: tkm.ManageExpos,
			summary: "Give a group a booth; only groups at institutional or graduated (else 422 product_evidence)",
			body:    exhibitorRequest{}, status: 201, resp: tkm.Exhibitor{}, handle: a.addExhibitor},
		{method: "POST", path: "/api/v1/expos/{id}/sales", action: tkm.RecordSales, summary: "Record a sale of an exhibitor",
			body: saleRequest{}, status: 201, resp: tkm.Sale{}, handle: a.recordSale},
		{method: "GET", path: "/api/v1/expos/{id}/report", action: tkm.ReadExpos,
			summary: "An expo's figures (exhibitors by province, products, sales); ?format=xlsx for a spreadsheet",
			query:   []param{{"format", "xlsx, or empty for JSON"}}, resp: tkm.ExpoReport{}, handle: a.expoReport},

		{method: "GET", path: "/api/v1/stats", action: tkm.ReadRegistry, summary: "The programme's figures for your scope",
			query: statsQuery, resp: tkm.Stats{}, handle: a.stats},

		{method: "GET", path: "/api/v1/users", action: tkm.AssignMentors, summary: "List users (mentors only, for officers who assign them)",
			query: []param{{"role", "only users of this role"}}, resp: userList{}, handle: a.listUsers},
		{method: "POST", path: "/api/v1/users", action: tkm.ManageUsers, summary: "Create a user", body: userRequest{},
			status: 201, resp: tkm.User{}, handle: a.createUser},
		{method: "GET", path: "/api/v1/users/{id}", action: tkm.UseAccount, summary: "Get a user you may see", resp: tkm.User{}, handle: a.getUser},
		{method: "PATCH", path: "/api/v1/users/{id}", action: tkm.ManageUsers, summary: "Change, disable or enable a user",
			body: tkm.UserUpdate{}, resp: tkm.User{}, handle: a.updateUser},
		{method: "PUT", path: "/api/v1/users/{id}/password", action: tkm.UseAccount, summary: "Set a password: your own, or anyone's as administrator; ends the user's sessions",
			body: passwordRequest{}, status: 204, handle: a.setPassword},
		{method: "GET", path: "/api/v1/me/sessions", action: tkm.UseAccount, summary: "Your sessions and tokens", resp: sessionList{}, handle: a.listSessions},
		{method: "DELETE", path: "/api/v1/me/sessions/{id}", action: tkm.UseAccount, summary: "End one of your sessions or tokens",
			status: 204, handle: a.revokeSession},

		{method: "GET", path: "/api/v1/audit", action: tkm.ReadAudit, summary: "The audit log, newest first", query: auditQuery,
			resp: tkm.AuditPage{}, handle: a.listAudit},
		{method: "POST", path: "/api/v1/person-report", action: tkm.ReportPerson,
			summary: "Everything held about one person and every access to it (UU 27/2022), as a file; the request is audited",
			body:    personRequest{}, resp: tkm.PersonReport{}, handle: a.personReport},

		{method: "GET", path: "/api/v1/openapi.json", action: tkm.UseAccount, summary: "This API's OpenAPI 3.1 description", resp: map[string]any{}, handle: a.openAPI},
	}
}

// ServeHTTP serves the API.
func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if a.mux == nil {
		a.mux = a.newMux()
	}
	a.mux.ServeHTTP(w, r)
}

func (a *API) newMux() *http.ServeMux {
	a.slots, a.pages = make(chan struct{}, imageSlots), newPageCache()
	mux := http.NewServeMux()
	for _, rt := range a.routes() {
		mux.Handle(rt.method+" "+rt.path, a.adapt(rt))
	}
	mux.Handle("/api/", a.adapt(route{public: true, handle: func(http.ResponseWriter, *http.Request) error {
		return tkm.Errorf(tkm.ENOTFOUND, "Alamat API tidak dikenal.", "Unknown API address.")
	}}))
	return mux
}

// adapt turns a route's handler into an http.Handler: it checks the login
// and writes any error as problem+json.
func (a *API) adapt(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var err error
		switch u := tkm.UserFromContext(r.Context()); {
		case rt.public:
			err = rt.handle(w, r)
		case u == nil:
			err = tkm.Errorf(tkm.EUNAUTHORIZED, "Silakan masuk: kirim header Authorization: Bearer TOKEN.",
				"Log in: send an Authorization: Bearer TOKEN header.")
		case !tkm.Can(u, rt.action):
			err = tkm.Errorf(tkm.EFORBIDDEN, "Peran Anda tidak berwenang untuk ini.", "Your role may not do this.")
		default:
			err = rt.handle(w, r)
		}
		if err != nil {
			a.writeError(w, r, err)
		}
	})
}
