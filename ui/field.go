package ui

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"tkm"
)

// formErrors are a form's problems: listed in the summary at the top of the
// page, each linking to its field, and each shown again beside the field.
type formErrors struct {
	Items   []errorItem
	byField map[string]string
}

// errorItem is one line of the error summary.
type errorItem struct {
	Href string // "#f-name"; empty when no field on the page matches
	Text string
	rank int // where its field sits on the page
}

// For returns the error of a form field, or "".
func (e *formErrors) For(name string) string {
	if e == nil {
		return ""
	}
	return e.byField[name]
}

// add records a problem; an empty name is a problem of the whole form.
// A field's second problem joins its first.
func (e *formErrors) add(name, prefix, text string) {
	item := errorItem{Text: prefix + text, rank: inputRank(name)}
	if name != "" {
		item.Href = "#" + fieldID(name)
		if old, dup := e.byField[name]; dup {
			text = old + " " + text
		}
		e.byField[name] = text
	}
	e.Items = append(e.Items, item)
}

// fieldMap tells where a domain field ("members[2].nik") sits on a form:
// the name of its input ("" when the form has none) and a prefix naming it
// in the summary ("Anggota 3: ").
type fieldMap func(field string) (name, prefix string)

// sameField maps every domain field to the input of the same name.
func sameField(field string) (string, string) { return field, "" }

// formErrorsOf turns an error about what the user typed (invalid,
// malformed or in conflict with other data) into the errors a form shows.
// Any other error is returned for the error page.
func (p printer) formErrorsOf(err error, m fieldMap) (*formErrors, error) {
	var e *tkm.Error
	if !errors.As(err, &e) || !slices.Contains([]string{tkm.EINVALID, tkm.EMALFORMED, tkm.ECONFLICT}, e.Code) {
		return nil, err
	}
	fe := &formErrors{byField: map[string]string{}}
	for _, f := range e.Fields {
		name, prefix := m(f.Field)
		fe.add(name, prefix, p.pick(f.Message, f.English))
	}
	if len(e.Fields) == 0 {
		fe.add("", "", p.pick(e.Message, e.English))
	}
	slices.SortStableFunc(fe.Items, func(a, b errorItem) int { return a.rank - b.rank })
	return fe, nil
}

// inputOrder is the order in which the forms show their inputs, so that
// the error summary lists problems top to bottom as the page does. One list
// serves every form: each form's inputs appear in it in that form's order.
var inputOrder = []string{"email", "user", "group", "cohort", "year", "tier", "cohort_id", "nik", "name", "venue", "sex",
	"birth_date", "province", "stage", "q", "region_code", "sector", "kbli", "group_size_min", "group_size_max",
	"aid_amount", "member_age_min", "member_age_max", "equipment_share_pct", "quotas", "phone", "role",
	"employment", "education", "address", "disability", "ref", "mentor_id", "region", "disabled",
	"old_password", "password", "action", "since", "until", "starts_on", "ends_on", "applications_open",
	"group_id", "booth", "amount", "note", "story", "public_names", "contact"}

// inputRank places an input on its form: a problem of the whole form
// first, then the inputs in order, a member row's after the group's own.
func inputRank(name string) int {
	if name == "" {
		return -1
	}
	if row, rest, ok := memberField(name); ok {
		return (row+1)*len(inputOrder) + inputRank(rest)
	}
	if i := slices.Index(inputOrder, name); i >= 0 {
		return i
	}
	return len(inputOrder) - 1
}

// invalid returns the problems a form found before the domain looked,
// together with the domain's own (from Validate); the form's problem wins
// where both name one field.
func invalid(parse tkm.Fields, domainErrs ...error) error {
	all := parse
	for _, err := range domainErrs {
		var e *tkm.Error
		if !errors.As(err, &e) {
			continue
		}
		for _, f := range e.Fields {
			if !hasField(parse, f.Field) {
				all = append(all, f)
			}
		}
	}
	return all.Err()
}

// hasField reports whether fs names field.
func hasField(fs tkm.Fields, field string) bool {
	for _, f := range fs {
		if f.Field == field {
			return true
		}
	}
	return false
}

// fieldID is the HTML id of a form input: "members[3].nik" is
// "f-members-3-nik".
func fieldID(name string) string {
	var b strings.Builder
	b.WriteString("f-")
	dash := false
	for _, c := range name {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
		if ok {
			b.WriteRune(c)
		} else if !dash {
			b.WriteByte('-')
		}
		dash = !ok
	}
	return strings.TrimSuffix(b.String(), "-")
}

// fieldView is what the input, select, textarea and checkbox templates
// draw: a label, an optional hint, the error if any, and the control.
type fieldView struct {
	ID, Name, Label, Hint, Error, Value string
	Type, Autocomplete, Inputmode, List string
	Accept                              string // the types a file input offers
	Width                               string // a CSS width class suffix: "4", "10", "20"
	Blank                               string // a select's first, empty choice ("Semua", "Pilih…")
	Required                            bool
	Options                             []option
}

// option is one choice of a select.
type option struct {
	Value, Label string
	Selected     bool // the field's value; set by With
}

// With returns the field with the choices of a select, the one holding
// the field's value selected.
func (f fieldView) With(opts []option) fieldView {
	f.Options = make([]option, len(opts))
	for i, o := range opts {
		o.Selected = o.Value == f.Value
		f.Options[i] = o
	}
	return f
}

// DescribedBy lists the ids of the hint and the error, for aria-describedby.
func (f fieldView) DescribedBy() string {
	var ids []string
	if f.Hint != "" {
		ids = append(ids, f.ID+"-hint")
	}
	if f.Error != "" {
		ids = append(ids, f.ID+"-error")
	}
	return strings.Join(ids, " ")
}

// field builds a fieldView in a template:
//
//	{{template "input" (field .Errors "name" "group.name" .Form.Name "required" "hint=group.name.hint")}}
//
// label and hint are catalog keys; the options are "required", "hint=KEY",
// "type=T", "autocomplete=A", "inputmode=M", "list=ID" (none when empty),
// "width=N", "accept=TYPES" for a file and, for a select, "blank=KEY" (an
// empty first choice).
func (p printer) field(errs *formErrors, name, label, value string, opts ...string) (fieldView, error) {
	f := fieldView{ID: fieldID(name), Name: name, Value: value, Type: "text", Error: errs.For(name)}
	var err error
	if f.Label, err = p.t(label); err != nil {
		return f, err
	}
	for _, o := range opts {
		if err := p.setOption(&f, o); err != nil {
			return f, err
		}
	}
	return f, nil
}

// setOption applies one option of field.
func (p printer) setOption(f *fieldView, o string) (err error) {
	k, v, _ := strings.Cut(o, "=")
	switch k {
	case "required":
		f.Required = true
	case "hint":
		f.Hint, err = p.t(v)
	case "type":
		f.Type = v
	case "autocomplete":
		f.Autocomplete = v
	case "inputmode":
		f.Inputmode = v
	case "list":
		f.List = v
	case "accept":
		f.Accept = v
	case "width":
		f.Width = v
	case "blank":
		f.Blank, err = p.t(v)
	default:
		err = fmt.Errorf("ui: field %s: unknown option %q", f.Name, o)
	}
	return err
}
