package ui

import (
	"net/http"
	"net/url"
	"strings"

	"tkm"
)

// lpjForm is the accountability report (LPJ) form as typed.
type lpjForm struct {
	TechnicalSummary, FinancialSummary, SpentEquipment, SpentMaterial string
}

// readLPJForm reads a posted LPJ form.
func readLPJForm(form url.Values) lpjForm {
	get := func(k string) string { return strings.TrimSpace(form.Get(k)) }
	return lpjForm{TechnicalSummary: form.Get("technical_summary"), FinancialSummary: form.Get("financial_summary"),
		SpentEquipment: get("spent_equipment"), SpentMaterial: get("spent_material")}
}

// lpj builds the report to submit, and the problems of amounts that cannot
// be read.
func (f lpjForm) lpj() (*tkm.LPJ, tkm.Fields) {
	var n numbers
	l := &tkm.LPJ{TechnicalSummary: f.TechnicalSummary, FinancialSummary: f.FinancialSummary,
		SpentEquipment: n.rupiah("spent_equipment", f.SpentEquipment), SpentMaterial: n.rupiah("spent_material", f.SpentMaterial)}
	return l, n.bad
}

// lpjFormView is the form that submits a group's LPJ.
type lpjFormView struct {
	base
	Group *tkm.Group
	Form  lpjForm
}

// lpjNewPage shows an empty LPJ form.
func (h *Handler) lpjNewPage(w http.ResponseWriter, r *http.Request) error {
	g, err := h.groupFor(r, tkm.WriteGroup)
	if err != nil {
		return err
	}
	return h.showLPJForm(w, r, http.StatusOK, g, lpjForm{}, nil)
}

// lpjSubmit submits an LPJ for review, then offers to attach its evidence.
func (h *Handler) lpjSubmit(w http.ResponseWriter, r *http.Request) error {
	g, err := h.groupFor(r, tkm.WriteGroup)
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	f := readLPJForm(r.PostForm)
	l, bad := f.lpj()
	if len(bad) > 0 {
		err = invalid(bad, l.Validate())
	} else {
		err = h.LPJs.SubmitLPJ(r.Context(), g.ID, l)
	}
	if err != nil {
		return h.showLPJForm(w, r, failStatus(err), g, f, err)
	}
	setFlash(w, flash{key: "lpj.submitted.flash"})
	return redirect(w, r, "/kelompok/"+g.ID.String()+"/lpj/"+l.ID.String()+"/lampiran")
}

// showLPJForm shows the LPJ form with the problems of err, if any.
func (h *Handler) showLPJForm(w http.ResponseWriter, r *http.Request, status int, g *tkm.Group, f lpjForm, err error) error {
	v := &lpjFormView{base: h.base(w, r), Group: g, Form: f}
	if err != nil {
		if v.Errors, err = v.formErrorsOf(err, sameField); err != nil {
			return err
		}
	}
	h.render(w, r, status, "lpj_form", v)
	return nil
}

// findLPJ returns the LPJ named in the path, one of g's.
func (h *Handler) findLPJ(r *http.Request, g *tkm.Group) (*tkm.LPJ, error) {
	id, err := pathID(r, "lid")
	if err != nil {
		return nil, err
	}
	ls, err := h.LPJs.FindLPJs(r.Context(), g.ID)
	if err != nil {
		return nil, err
	}
	for _, l := range ls {
		if l.ID == id {
			return l, nil
		}
	}
	return nil, tkm.Errorf(tkm.ENOTFOUND, "LPJ tidak ditemukan.", "Report not found.")
}

// lpjToAttach returns the LPJ named in the path, once the user may attach
// a file to it: one accepted is closed.
func (h *Handler) lpjToAttach(r *http.Request) (*tkm.Group, *tkm.LPJ, error) {
	g, err := h.groupFor(r, tkm.WriteGroup)
	if err != nil {
		return nil, nil, err
	}
	l, err := h.findLPJ(r, g)
	if err != nil {
		return nil, nil, err
	}
	if l.Status == tkm.LPJAccepted {
		return nil, nil, tkm.Errorf(tkm.ECONFLICT, "LPJ ini sudah diterima; lampirannya tidak dapat ditambah.",
			"This report was accepted; no file can be added to it.")
	}
	return g, l, nil
}

// lpjAttachView is the page that takes an LPJ's attachments.
func (h *Handler) lpjAttachView(w http.ResponseWriter, r *http.Request, g *tkm.Group, l *tkm.LPJ) *uploadView {
	v := &uploadView{base: h.base(w, r), Group: g, Label: "upload.attachment", Hint: "upload.attachment.hint",
		Accept: "application/pdf,image/jpeg,image/png", Back: "/kelompok/" + g.ID.String(),
		Action: "/kelompok/" + g.ID.String() + "/lpj/" + l.ID.String() + "/lampiran"}
	v.Title, v.Intro = v.T("lpj.attach.title", v.longDate(l.SubmittedAt)), v.T("lpj.attach.intro")
	v.Submit, v.Empty = v.T("upload.attachment.submit"), v.T("upload.attachment.empty")
	v.Files = fileLines(v.printer, l.Attachments)
	return v
}

// lpjAttachPage shows an LPJ's attachments and the form to add one.
func (h *Handler) lpjAttachPage(w http.ResponseWriter, r *http.Request) error {
	g, l, err := h.lpjToAttach(r)
	if err != nil {
		return err
	}
	return h.showUpload(w, r, h.lpjAttachView(w, r, g, l), nil)
}

// lpjAttach keeps an LPJ's attachment: a PDF, or a photo checked by its
// content.
func (h *Handler) lpjAttach(w http.ResponseWriter, r *http.Request) error {
	g, l, err := h.lpjToAttach(r)
	if err != nil {
		return err
	}
	f, err := h.upload(r, "lpj", l.ID, h.Attachments)
	if err == nil {
		err = h.LPJs.AddLPJAttachment(r.Context(), l.ID, f)
	}
	if err != nil {
		return h.showUpload(w, r, h.lpjAttachView(w, r, g, l), err)
	}
	setFlash(w, flash{key: "upload.attachment.flash"})
	return redirect(w, r, "/kelompok/"+g.ID.String()+"/lpj/"+l.ID.String()+"/lampiran")
}

// lpjReviewView is the page on which an officer accepts an LPJ, or returns
// it with a note saying what to mend.
type lpjReviewView struct {
	base
	Group     *tkm.Group
	LPJ       lpjLine
	LPJID     string
	Status    string
	Note      string
	Decisions []option
}

// lpjReviewPage shows an LPJ with the review form.
func (h *Handler) lpjReviewPage(w http.ResponseWriter, r *http.Request) error {
	g, err := h.groupFor(r, tkm.ReviewLPJ)
	if err != nil {
		return err
	}
	l, err := h.findLPJ(r, g)
	if err != nil {
		return err
	}
	return h.showLPJReview(w, r, http.StatusOK, g, l, tkm.LPJReview{}, nil)
}

// lpjReview records the review of an LPJ.
func (h *Handler) lpjReview(w http.ResponseWriter, r *http.Request) error {
	g, err := h.groupFor(r, tkm.ReviewLPJ)
	if err != nil {
		return err
	}
	l, err := h.findLPJ(r, g)
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	review := tkm.LPJReview{Status: tkm.LPJStatus(r.PostForm.Get("status")), Note: r.PostForm.Get("note")}
	if _, err := h.LPJs.ReviewLPJ(r.Context(), l.ID, review); err != nil {
		return h.showLPJReview(w, r, failStatus(err), g, l, review, err)
	}
	setFlash(w, flash{key: "lpj.reviewed.flash." + string(review.Status)})
	return redirect(w, r, "/kelompok/"+g.ID.String())
}

// showLPJReview shows an LPJ and the review form, with the problems of
// err, if any.
func (h *Handler) showLPJReview(w http.ResponseWriter, r *http.Request, status int, g *tkm.Group, l *tkm.LPJ, rv tkm.LPJReview, err error) error {
	v := &lpjReviewView{base: h.base(w, r), Group: g, LPJID: l.ID.String(), Status: string(rv.Status), Note: rv.Note}
	v.LPJ = lpjLines(v.printer, []*tkm.LPJ{l}, g, false, false)[0]
	v.Decisions = options(v.printer, "lpj.decision.", string(tkm.LPJAccepted), string(tkm.LPJReturned))
	if err != nil {
		if v.Errors, err = v.formErrorsOf(err, sameField); err != nil {
			return err
		}
	}
	h.render(w, r, status, "lpj_review", v)
	return nil
}
