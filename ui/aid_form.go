package ui

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"tkm"
)

// Item rows on the aid form: how many to start with, how many the "more
// rows" button adds, and the most it takes.
const (
	startItemRows = 5
	moreItemRows  = 5
	maxItemRows   = 100
)

// aidForm is the aid form as typed.
type aidForm struct {
	Amount, DisbursedOn, Method, HandoverNo, Place string
	Items                                          []aidItemForm
	rows                                           []int // rows[i] is the form row of the aid's i-th item
}

// aidItemForm is one item row as typed.
type aidItemForm struct {
	Description, Category, Qty, Unit, UnitPrice string
}

// itemPrefix is the name prefix of an item row's inputs.
func itemPrefix(row int) string { return fmt.Sprintf("items[%d].", row) }

// readAidForm reads a posted aid form with its item rows.
func readAidForm(form url.Values) *aidForm {
	get := func(k string) string { return strings.TrimSpace(form.Get(k)) }
	f := &aidForm{Amount: get("amount"), DisbursedOn: get("disbursed_on"), Method: get("method"),
		HandoverNo: get("handover_no"), Place: get("place")}
	n, err := strconv.Atoi(form.Get("rows"))
	if err != nil || n < 0 {
		n = 0
	}
	for i := range min(n, maxItemRows) {
		p := itemPrefix(i)
		f.Items = append(f.Items, aidItemForm{Description: get(p + "description"), Category: get(p + "category"),
			Qty: get(p + "qty"), Unit: get(p + "unit"), UnitPrice: get(p + "unit_price")})
	}
	return f
}

// addRows adds n empty item rows, up to the most the form takes.
func (f *aidForm) addRows(n int) {
	for range min(n, maxItemRows-len(f.Items)) {
		f.Items = append(f.Items, aidItemForm{Category: string(tkm.Equipment)})
	}
}

// empty reports a row left blank; its category starts chosen.
func (it aidItemForm) empty() bool {
	return it.Description == "" && it.Qty == "" && it.Unit == "" && it.UnitPrice == ""
}

// aid builds the aid to record from the rows filled in, and the problems
// of values that cannot be read, named as the domain names them.
func (f *aidForm) aid() (*tkm.Aid, tkm.Fields) {
	var n numbers
	on, bad := readDate("disbursed_on", f.DisbursedOn)
	a := &tkm.Aid{Amount: n.rupiah("amount", f.Amount), DisbursedOn: on, Method: tkm.AidMethod(f.Method),
		HandoverNo: f.HandoverNo, Place: f.Place}
	f.rows = nil
	for row, it := range f.Items {
		if it.empty() {
			continue
		}
		p := itemPrefix(len(a.Items))
		a.Items = append(a.Items, tkm.AidItem{Description: it.Description, Category: tkm.ItemCategory(it.Category),
			Qty: int64(n.int(p+"qty", it.Qty)), Unit: it.Unit, UnitPrice: n.rupiah(p+"unit_price", it.UnitPrice)})
		f.rows = append(f.rows, row)
	}
	return a, append(bad, n.bad...)
}

// Total is what the rows filled in add up to, as far as they can be read.
func (f *aidForm) Total() string {
	var sum int64
	for _, it := range f.Items {
		var n numbers
		qty, price := n.int("qty", it.Qty), n.rupiah("unit_price", it.UnitPrice)
		if len(n.bad) == 0 && qty > 0 && price > 0 && price < 1e12 && qty < 1e6 {
			sum += int64(qty) * price
		}
	}
	return tkm.FormatRupiah(sum)
}

// fields maps the domain's field names to the form's inputs: an item's
// index to the row it was typed in, named in the summary ("Baris 3: ").
func (f *aidForm) fields(p printer) fieldMap {
	return func(field string) (string, string) {
		rest, ok := strings.CutPrefix(field, "items[")
		if !ok {
			return field, ""
		}
		num, name, _ := strings.Cut(rest, "].")
		i, err := strconv.Atoi(num)
		if err != nil || i < 0 || i >= len(f.rows) {
			return "items", ""
		}
		return itemPrefix(f.rows[i]) + name, p.T("aid.item.n", f.rows[i]+1) + ": "
	}
}

// aidItemRow is what one row of item inputs draws.
type aidItemRow struct {
	Prefix     string
	N          int
	Item       aidItemForm
	Errors     *formErrors
	Categories []option
}
