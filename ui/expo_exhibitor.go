package ui

import (
	"cmp"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"tkm"
)

// exhibitorForm is the form that gives a group a booth, as typed. The
// province narrows the groups to choose from.
type exhibitorForm struct {
	Province, GroupID, Booth string
}

// exhibitorFormView is the page that gives a group a booth.
type exhibitorFormView struct {
	base
	Expo      *tkm.Expo
	Form      exhibitorForm
	Provinces []option
	Groups    []option // the groups that may exhibit and have no booth yet
	More      bool     // there are more than listed: choose a province
}

// exhibitorNewPage shows the form that gives a group a booth.
func (h *Handler) exhibitorNewPage(w http.ResponseWriter, r *http.Request) error {
	e, err := h.findExpo(r)
	if err != nil {
		return err
	}
	if err := tkm.Authorize(r.Context(), tkm.ManageExpos); err != nil {
		return err
	}
	return h.showExhibitorForm(w, r, http.StatusOK, e, exhibitorForm{Province: r.URL.Query().Get("province")}, nil)
}

// exhibitorCreate gives a group a booth. The store refuses a group without
// proof of products (422 product_evidence) and a booth taken (409); the
// form shows why, beside the field.
func (h *Handler) exhibitorCreate(w http.ResponseWriter, r *http.Request) error {
	e, err := h.findExpo(r)
	if err != nil {
		return err
	}
	if err := writeForm(r, tkm.ManageExpos); err != nil {
		return err
	}
	get := func(k string) string { return strings.TrimSpace(r.PostForm.Get(k)) }
	f := exhibitorForm{Province: get("province"), GroupID: get("group_id"), Booth: get("booth")}
	if r.PostForm.Get("action") == "province" {
		return h.showExhibitorForm(w, r, http.StatusOK, e, f, nil)
	}
	var x *tkm.Exhibitor
	gid, err := optionalID(f.GroupID, "group_id", "Kelompok tidak dikenal.", "Unknown group.")
	if err == nil {
		x, err = h.Expos.AddExhibitor(r.Context(), e.ID, gid, f.Booth)
	}
	if err != nil {
		return h.showExhibitorForm(w, r, failStatus(err), e, f, err)
	}
	setFlash(w, flash{key: "expo.exhibitor.flash", arg: x.GroupName + " (" + x.Booth + ")"})
	return redirect(w, r, "/pameran/"+e.ID.String())
}

// optionalID reads an ID a select posted: "" is none (0), for the store
// to require; anything else must be an ID.
func optionalID(s, field, id, en string) (tkm.ID, error) {
	if s == "" {
		return 0, nil
	}
	v, err := tkm.ParseID(s)
	if err != nil {
		var f tkm.Fields
		f.Add(field, "id_invalid", id, en)
		return 0, f.Err()
	}
	return v, nil
}

// showExhibitorForm shows the booth form with the problems of err, if any.
func (h *Handler) showExhibitorForm(w http.ResponseWriter, r *http.Request, status int, e *tkm.Expo, f exhibitorForm, err error) error {
	v := &exhibitorFormView{base: h.base(w, r), Expo: e, Form: f, Provinces: regionOptions(h.Regions.Children(""))}
	if err != nil {
		if v.Errors, err = v.formErrorsOf(err, sameField); err != nil {
			return err
		}
	}
	province := f.Province
	if tkm.LevelOf(province) != tkm.LevelProvince {
		province = ""
	}
	if v.Groups, v.More, err = h.exhibitable(r, v.printer, e, province); err != nil {
		return err
	}
	h.render(w, r, status, "exhibitor_form", v)
	return nil
}

// exhibitable lists the groups in the user's scope that may exhibit (with
// proof of products) and have no booth at e yet, by name, in province if
// one is given; more is set when there are more than one page of them.
func (h *Handler) exhibitable(r *http.Request, p printer, e *tkm.Expo, province string) (opts []option, more bool, err error) {
	taken := make(map[tkm.ID]bool, len(e.Exhibitors))
	for _, x := range e.Exhibitors {
		taken[x.GroupID] = true
	}
	for _, s := range tkm.Stages {
		if !tkm.CanExhibit(s) {
			continue
		}
		page, err := h.Groups.FindGroups(r.Context(), tkm.GroupFilter{Stage: s, Province: province, Limit: tkm.MaxLimit})
		if err != nil {
			return nil, false, err
		}
		more = more || page.NextCursor != ""
		for _, g := range page.Items {
			if !taken[g.ID] {
				label := g.Name + " — " + regencyPath(h.Regions, g.RegionCode) + " (" + g.Stage.Label(p.en()) + ")"
				opts = append(opts, option{Value: g.ID.String(), Label: label})
			}
		}
	}
	slices.SortFunc(opts, func(a, b option) int { return cmp.Compare(a.Label, b.Label) })
	return opts, more, nil
}

// saleForm is the form that records a sale, as typed.
type saleForm struct {
	GroupID, Amount, Note string
}

// saleFormView is the page that records what an exhibitor sold.
type saleFormView struct {
	base
	Expo       *tkm.Expo
	Form       saleForm
	Exhibitors []option // the exhibitors in the user's scope
}

// saleNewPage shows the form that records a sale; ?kelompok= chooses the
// exhibitor.
func (h *Handler) saleNewPage(w http.ResponseWriter, r *http.Request) error {
	e, err := h.findExpo(r)
	if err != nil {
		return err
	}
	if err := tkm.Authorize(r.Context(), tkm.RecordSales); err != nil {
		return err
	}
	return h.showSaleForm(w, r, http.StatusOK, e, saleForm{GroupID: r.URL.Query().Get("kelompok")}, nil)
}

// saleCreate records a sale of an exhibitor in the user's scope.
func (h *Handler) saleCreate(w http.ResponseWriter, r *http.Request) error {
	e, err := h.findExpo(r)
	if err != nil {
		return err
	}
	if err := writeForm(r, tkm.RecordSales); err != nil {
		return err
	}
	f := readSaleForm(r.PostForm)
	var n numbers
	s := &tkm.Sale{Amount: n.rupiah("amount", f.Amount), Note: f.Note}
	s.GroupID, err = optionalID(f.GroupID, "group_id", "Kelompok tidak dikenal.", "Unknown group.")
	switch {
	case err != nil:
	case len(n.bad) > 0:
		err = n.bad.Err()
	default:
		err = h.Expos.RecordSale(r.Context(), e.ID, s)
	}
	if err != nil {
		return h.showSaleForm(w, r, failStatus(err), e, f, err)
	}
	setFlash(w, flash{key: "expo.sale.flash", arg: tkm.FormatRupiah(s.Amount) + " — " + exhibitorName(e, s.GroupID)})
	return redirect(w, r, "/pameran/"+e.ID.String())
}

// readSaleForm reads a posted sale form.
func readSaleForm(form url.Values) saleForm {
	get := func(k string) string { return strings.TrimSpace(form.Get(k)) }
	return saleForm{GroupID: get("group_id"), Amount: get("amount"), Note: get("note")}
}

// exhibitorName names the group of an exhibitor.
func exhibitorName(e *tkm.Expo, id tkm.ID) string {
	for _, x := range e.Exhibitors {
		if x.GroupID == id {
			return x.GroupName
		}
	}
	return id.String()
}

// showSaleForm shows the sale form with the problems of err, if any.
func (h *Handler) showSaleForm(w http.ResponseWriter, r *http.Request, status int, e *tkm.Expo, f saleForm, err error) error {
	v := &saleFormView{base: h.base(w, r), Expo: e, Form: f}
	if err != nil {
		if v.Errors, err = v.formErrorsOf(err, sameField); err != nil {
			return err
		}
	}
	in, err := h.exhibitorsInScope(r, e.Exhibitors)
	if err != nil {
		return err
	}
	for _, x := range sortedBooths(e.Exhibitors) {
		if in[x.GroupID] {
			v.Exhibitors = append(v.Exhibitors, option{Value: x.GroupID.String(), Label: v.T("expo.booth.label", x.Booth) + " — " + x.GroupName})
		}
	}
	h.render(w, r, status, "sale_form", v)
	return nil
}
