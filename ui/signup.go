package ui

import (
	"net/http"
	"strings"
	"time"

	"tkm"
)

// The online application (/daftar) asks one thing a page, in the manner
// of the GOV.UK Design System: the leader's account, the cohort, the
// regency, then the group and its members. What was chosen travels in the
// address (?angkatan=3&wilayah=51.03), so no server keeps a half-done
// application and any server sharing the database can take the next step.

// signupStartView is the application's start page.
type signupStartView struct {
	base
	Officer bool // a logged-in user who is not a group's leader
}

// signupStart explains the application to a visitor; a leader already
// logged in goes on to their group, or to apply for one.
func (h *Handler) signupStart(w http.ResponseWriter, r *http.Request) error {
	u := tkm.UserFromContext(r.Context())
	if u == nil || !isLeader(u) {
		return h.page(w, r, "signup_start", &signupStartView{base: h.publicBase(w, r), Officer: u != nil})
	}
	page, err := h.Groups.FindGroups(r.Context(), tkm.GroupFilter{Limit: 2})
	if err != nil {
		return err
	}
	switch len(page.Items) {
	case 0:
		return redirect(w, r, "/daftar/angkatan")
	case 1:
		return redirect(w, r, "/kelompok/"+page.Items[0].ID.String())
	}
	return redirect(w, r, "/kelompok")
}

// isLeader reports whether u applies for groups: a user who sees the
// groups they own.
func isLeader(u *tkm.User) bool { return tkm.ScopeOf(u).OwnerID != 0 }

// leader refuses the application's later steps to anyone but a group's
// leader: officers register groups with the new-group form.
func leader(r *http.Request) error {
	if !isLeader(tkm.UserFromContext(r.Context())) {
		return tkm.Errorf(tkm.EFORBIDDEN, "Pendaftaran daring hanya untuk ketua kelompok. Petugas mendaftarkan kelompok lewat menu Kelompok.",
			"The online application is for group leaders. Officers register groups from the Groups menu.")
	}
	return nil
}

// signupAccountView is the first step: the leader's account.
type signupAccountView struct {
	base
	Name, Email string
	Token       string // the signed time the form was served
}

// signupAccountPage shows the account form; someone logged in already
// has an account.
func (h *Handler) signupAccountPage(w http.ResponseWriter, r *http.Request) error {
	if tkm.UserFromContext(r.Context()) != nil {
		return redirect(w, r, "/daftar")
	}
	return h.page(w, r, "signup_account", &signupAccountView{base: h.publicBase(w, r), Token: h.formToken(time.Now())})
}

// signupAccount opens a leader's account and logs them in, unless a
// program sent the form (see formtoken.go) or the address opened too many
// accounts today. The form is checked here first, so that a mistake does
// not count against the address's limit.
func (h *Handler) signupAccount(w http.ResponseWriter, r *http.Request) error {
	if tkm.UserFromContext(r.Context()) != nil {
		return redirect(w, r, "/daftar")
	}
	if err := parseForm(r); err != nil {
		return err
	}
	v := &signupAccountView{base: h.publicBase(w, r), Name: strings.TrimSpace(r.PostForm.Get("name")),
		Email: strings.TrimSpace(r.PostForm.Get("email"))}
	password := r.PostForm.Get("password")
	token, err := h.checkHuman(r.PostForm, time.Now())
	v.Token = token
	if err != nil {
		return h.signupFailed(w, r, v, err)
	}
	u := &tkm.User{Name: v.Name, Email: v.Email, Role: tkm.RoleGroup}
	if err := invalid(nil, u.Validate(h.Regions), tkm.ValidatePassword(password)); err != nil {
		return h.signupFailed(w, r, v, err)
	}
	secret, sess, err := h.Applicants.SignUp(r.Context(), u, password)
	if err != nil {
		return h.signupFailed(w, r, v, err)
	}
	setSessionCookie(w, r, secret, sess.ExpiresAt)
	setFlash(w, flash{key: "signup.account.flash", arg: u.Email})
	return redirect(w, r, "/daftar/angkatan")
}

// signupFailed shows the account form again with what went wrong: 429
// when the address opened too many accounts.
func (h *Handler) signupFailed(w http.ResponseWriter, r *http.Request, v *signupAccountView, err error) error {
	status := failStatus(err)
	if tkm.ErrorCode(err) == tkm.ERATELIMITED {
		status, err = http.StatusTooManyRequests, onField("", err)
	}
	fe, err := v.formErrorsOf(err, sameField)
	if err != nil {
		return err
	}
	v.Errors = fe
	h.render(w, r, status, "signup_account", v)
	return nil
}

// signupCohortView is the second step: the cohort to apply to.
type signupCohortView struct {
	base
	Cohorts []option // open for applications
	Chosen  string
}

// signupCohortPage asks which cohort, among those open for applications.
func (h *Handler) signupCohortPage(w http.ResponseWriter, r *http.Request) error {
	if err := leader(r); err != nil {
		return err
	}
	return h.showSignupCohort(w, r, http.StatusOK, r.URL.Query().Get("angkatan"), nil)
}

// signupCohort takes the cohort chosen on to the regency.
func (h *Handler) signupCohort(w http.ResponseWriter, r *http.Request) error {
	if err := leader(r); err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	chosen := r.PostForm.Get("cohort_id")
	c, ok, err := h.openCohort(r, chosen)
	if err != nil {
		return err
	} else if !ok {
		var f tkm.Fields
		f.Add("cohort_id", "required", "Pilih angkatan yang dibuka untuk pendaftaran.", "Choose a cohort open for applications.")
		return h.showSignupCohort(w, r, http.StatusUnprocessableEntity, chosen, f.Err())
	}
	return redirect(w, r, signupPath("/daftar/wilayah", c.ID, ""))
}

// showSignupCohort shows the cohort step with the problems of err, if any.
func (h *Handler) showSignupCohort(w http.ResponseWriter, r *http.Request, status int, chosen string, err error) error {
	v := &signupCohortView{base: h.publicBase(w, r), Chosen: chosen}
	if err != nil {
		if v.Errors, err = v.formErrorsOf(err, sameField); err != nil {
			return err
		}
	}
	cs, err := h.openCohorts(r)
	if err != nil {
		return err
	}
	for _, c := range cs {
		v.Cohorts = append(v.Cohorts, option{Value: c.ID.String(), Label: v.cohortLabel(c)})
	}
	h.render(w, r, status, "signup_cohort", v)
	return nil
}

// cohortLabel describes a cohort to an applicant: its name and its rules
// on the group.
func (p printer) cohortLabel(c *tkm.Cohort) string {
	size := tkm.FormatNumber(int64(c.GroupSizeMin))
	if c.GroupSizeMax != c.GroupSizeMin {
		size += "–" + tkm.FormatNumber(int64(c.GroupSizeMax))
	}
	return p.T("signup.cohort.option", c.Name, size, c.MemberAgeMin, c.MemberAgeMax)
}

// openCohorts lists the cohorts open for applications.
func (h *Handler) openCohorts(r *http.Request) ([]*tkm.Cohort, error) {
	cs, err := h.Cohorts.FindCohorts(r.Context())
	if err != nil {
		return nil, err
	}
	var open []*tkm.Cohort
	for _, c := range cs {
		if c.ApplicationsOpen {
			open = append(open, c)
		}
	}
	return open, nil
}

// openCohort returns the cohort with ID s if it is open for applications;
// false for anything else.
func (h *Handler) openCohort(r *http.Request, s string) (*tkm.Cohort, bool, error) {
	id, err := tkm.ParseID(s)
	if err != nil {
		return nil, false, nil
	}
	c, err := h.Cohorts.FindCohortByID(r.Context(), id)
	switch {
	case tkm.ErrorCode(err) == tkm.ENOTFOUND:
		return nil, false, nil
	case err != nil:
		return nil, false, err
	}
	return c, c.ApplicationsOpen, nil
}
