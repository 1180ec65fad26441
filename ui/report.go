package ui

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"tkm"
)

// reportForm is the monitoring report form as typed.
type reportForm struct {
	Period, Revenue, Production, ActiveMembers, NewWorkers, Notes string
}

// readReportForm reads a posted monitoring report form.
func readReportForm(form url.Values) reportForm {
	get := func(k string) string { return strings.TrimSpace(form.Get(k)) }
	return reportForm{Period: get("period"), Revenue: get("revenue"), Production: get("production"),
		ActiveMembers: get("active_members"), NewWorkers: get("new_workers"), Notes: form.Get("notes")}
}

// report builds the report to file, and the problems of numbers that
// cannot be read.
func (f reportForm) report() (*tkm.Report, tkm.Fields) {
	var n numbers
	rep := &tkm.Report{Period: f.Period, Revenue: n.rupiah("revenue", f.Revenue), Production: f.Production,
		ActiveMembers: n.int("active_members", f.ActiveMembers), NewWorkers: n.int("new_workers", f.NewWorkers), Notes: f.Notes}
	return rep, n.bad
}

// reportFormView is the form that files a month's monitoring report.
type reportFormView struct {
	base
	Group *tkm.Group
	Form  reportForm
}

// reportNewPage shows the report form for this month, every member of the
// group active.
func (h *Handler) reportNewPage(w http.ResponseWriter, r *http.Request) error {
	g, err := h.groupFor(r, tkm.WriteGroup)
	if err != nil {
		return err
	}
	f := reportForm{Period: lastDay().String()[:7], ActiveMembers: strconv.Itoa(len(g.Members)), NewWorkers: "0"}
	return h.showReportForm(w, r, http.StatusOK, g, f, nil)
}

// reportCreate files a monitoring report, then offers to add its photos.
func (h *Handler) reportCreate(w http.ResponseWriter, r *http.Request) error {
	g, err := h.groupFor(r, tkm.WriteGroup)
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	f := readReportForm(r.PostForm)
	rep, bad := f.report()
	if len(bad) > 0 {
		err = invalid(bad, rep.Validate(lastDay()))
	} else {
		err = h.Reports.CreateReport(r.Context(), g.ID, rep)
	}
	if err != nil {
		return h.showReportForm(w, r, failStatus(err), g, f, err)
	}
	p := h.views.cat.printer(langOf(r))
	setFlash(w, flash{key: "report.created.flash", arg: p.period(rep.Period)})
	return redirect(w, r, "/kelompok/"+g.ID.String()+"/laporan/"+rep.ID.String()+"/foto")
}

// showReportForm shows the report form with the problems of err, if any.
func (h *Handler) showReportForm(w http.ResponseWriter, r *http.Request, status int, g *tkm.Group, f reportForm, err error) error {
	v := &reportFormView{base: h.base(w, r), Group: g, Form: f}
	if err != nil {
		if v.Errors, err = v.formErrorsOf(err, sameField); err != nil {
			return err
		}
	}
	h.render(w, r, status, "report_form", v)
	return nil
}

// findReport returns the report named in the path, one of g's.
func (h *Handler) findReport(r *http.Request, g *tkm.Group) (*tkm.Report, error) {
	id, err := pathID(r, "rid")
	if err != nil {
		return nil, err
	}
	rs, err := h.Reports.FindReports(r.Context(), g.ID)
	if err != nil {
		return nil, err
	}
	for _, rep := range rs {
		if rep.ID == id {
			return rep, nil
		}
	}
	return nil, tkm.Errorf(tkm.ENOTFOUND, "Laporan tidak ditemukan.", "Report not found.")
}

// reportPhotoView is the page that takes a monitoring report's photos.
func (h *Handler) reportPhotoView(w http.ResponseWriter, r *http.Request, g *tkm.Group, rep *tkm.Report) *uploadView {
	v := &uploadView{base: h.base(w, r), Group: g, Label: "upload.photo", Hint: "upload.photo.hint", Accept: "image/jpeg,image/png",
		Action: "/kelompok/" + g.ID.String() + "/laporan/" + rep.ID.String() + "/foto", Back: "/kelompok/" + g.ID.String()}
	period := v.period(rep.Period)
	v.Title, v.Intro = v.T("report.photo.title", period), v.T("report.photo.intro")
	v.Submit, v.Empty = v.T("upload.photo.submit"), v.T("upload.photo.empty")
	v.Photos = photoLines(rep.Photos, v.T("report.photo.alt", period))
	return v
}

// reportPhotoPage shows a report's photos and the form to add one.
func (h *Handler) reportPhotoPage(w http.ResponseWriter, r *http.Request) error {
	g, err := h.groupFor(r, tkm.WriteGroup)
	if err != nil {
		return err
	}
	rep, err := h.findReport(r, g)
	if err != nil {
		return err
	}
	return h.showUpload(w, r, h.reportPhotoView(w, r, g, rep), nil)
}

// reportPhoto keeps a photo of a monitoring visit, checked by its content.
func (h *Handler) reportPhoto(w http.ResponseWriter, r *http.Request) error {
	g, err := h.groupFor(r, tkm.WriteGroup)
	if err != nil {
		return err
	}
	rep, err := h.findReport(r, g)
	if err != nil {
		return err
	}
	f, err := h.upload(r, "report", rep.ID, h.Photos)
	if err == nil {
		err = h.Reports.AddReportPhoto(r.Context(), rep.ID, f)
	}
	if err != nil {
		return h.showUpload(w, r, h.reportPhotoView(w, r, g, rep), err)
	}
	setFlash(w, flash{key: "upload.photo.flash"})
	return redirect(w, r, "/kelompok/"+g.ID.String()+"/laporan/"+rep.ID.String()+"/foto")
}
