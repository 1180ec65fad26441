package ui

import (
	"bytes"
	"net/http"
	"strconv"

	"tkm"
)

// aidFormView is the form that records facility aid handed over to a
// group, with its items.
type aidFormView struct {
	base
	Group      *tkm.Group
	Form       *aidForm
	Methods    []option
	Categories []option
	AidAmount  string // the cohort's aid and equipment share, for the hints
	Share      int
	Sent       bool // the form was sent: show what the items add up to
}

// Rows are the item rows.
func (v *aidFormView) Rows() []aidItemRow {
	rows := make([]aidItemRow, len(v.Form.Items))
	for i, it := range v.Form.Items {
		rows[i] = aidItemRow{Prefix: itemPrefix(i), N: i + 1, Item: it, Errors: v.Errors, Categories: v.Categories}
	}
	return rows
}

// MoreRows reports whether the form may take more item rows.
func (v *aidFormView) MoreRows() bool { return len(v.Form.Items) < maxItemRows }

// aidNewPage shows the aid form: the cohort's amount, today, and empty
// item rows.
func (h *Handler) aidNewPage(w http.ResponseWriter, r *http.Request) error {
	g, err := h.findGroup(r)
	if err != nil {
		return err
	}
	if err := tkm.Authorize(r.Context(), tkm.RecordAid); err != nil {
		return err
	}
	c, err := h.Cohorts.FindCohortByID(r.Context(), g.CohortID)
	if err != nil {
		return err
	}
	f := &aidForm{Amount: tkm.FormatNumber(c.AidAmount), DisbursedOn: lastDay().String(), Method: string(tkm.AidTransfer)}
	f.addRows(startItemRows)
	return h.showAidForm(w, r, http.StatusOK, g, c, f, nil)
}

// aidCreate records aid. The button that adds rows shows the form again,
// as typed, without saving. A warning (the equipment share below the
// cohort's) rides along to the group page.
func (h *Handler) aidCreate(w http.ResponseWriter, r *http.Request) error {
	g, err := h.findGroup(r)
	if err != nil {
		return err
	}
	if err := writeForm(r, tkm.RecordAid); err != nil {
		return err
	}
	c, err := h.Cohorts.FindCohortByID(r.Context(), g.CohortID)
	if err != nil {
		return err
	}
	f := readAidForm(r.PostForm)
	if r.PostForm.Get("action") == "rows" {
		f.addRows(moreItemRows)
		return h.showAidForm(w, r, http.StatusOK, g, c, f, nil)
	}
	a, bad := f.aid()
	warnings, err := h.createAid(r, g, c, a, bad)
	if err != nil {
		return h.showAidForm(w, r, failStatus(err), g, c, f, err)
	}
	p := h.views.cat.printer(langOf(r))
	setFlash(w, flash{key: "aid.created.flash", arg: a.HandoverNo, warnings: warnings, messages: true,
		who: func(tkm.Warning) string { return p.T("aid.items") }})
	return redirect(w, r, "/kelompok/"+g.ID.String())
}

// createAid records a, unless the form already found problems: then the
// domain's checks run without saving, so that every problem shows at once.
func (h *Handler) createAid(r *http.Request, g *tkm.Group, c *tkm.Cohort, a *tkm.Aid, bad tkm.Fields) ([]tkm.Warning, error) {
	if len(bad) == 0 {
		return h.Aid.CreateAid(r.Context(), g.ID, a)
	}
	_, verr := a.Validate(c, lastDay())
	return nil, invalid(bad, verr)
}

// showAidForm shows the aid form with the problems of err, if any.
func (h *Handler) showAidForm(w http.ResponseWriter, r *http.Request, status int, g *tkm.Group, c *tkm.Cohort, f *aidForm, err error) error {
	v := &aidFormView{base: h.base(w, r), Group: g, Form: f, AidAmount: tkm.FormatRupiah(c.AidAmount),
		Share: c.EquipmentSharePct, Sent: r.Method == http.MethodPost}
	v.Methods = options(v.printer, "aid.method.", string(tkm.AidTransfer), string(tkm.AidInKind))
	v.Categories = options(v.printer, "aid.category.", string(tkm.Equipment), string(tkm.Material))
	if err != nil {
		if v.Errors, err = v.formErrorsOf(err, f.fields(v.printer)); err != nil {
			return err
		}
	}
	h.render(w, r, status, "aid_form", v)
	return nil
}

// aidBAST sends the handover document (BAST) of one of the group's aid
// records as a PDF to keep.
func (h *Handler) aidBAST(w http.ResponseWriter, r *http.Request) error {
	g, err := h.findGroup(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "aid")
	if err != nil {
		return err
	}
	d, err := tkm.LoadBAST(r.Context(), h.Aid, h.Groups, h.Cohorts, h.Regions, id)
	if err != nil {
		return err
	}
	if d.Aid.GroupID != g.ID {
		return tkm.Errorf(tkm.ENOTFOUND, "Data bantuan tidak ditemukan.", "Aid record not found.")
	}
	var buf bytes.Buffer
	if err := h.Documents.BAST(&buf, d); err != nil {
		return err
	}
	hd := w.Header()
	hd.Set("Content-Type", "application/pdf")
	hd.Set("Content-Disposition", contentDisposition("attachment", h.Documents.BASTFilename(d.Aid)))
	hd.Set("Content-Length", strconv.Itoa(buf.Len()))
	hd.Set("Cache-Control", "private, no-store")
	hd.Set("X-Content-Type-Options", "nosniff")
	_, err = buf.WriteTo(w)
	return err
}
