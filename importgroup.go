package tkm

import (
	"fmt"
	"slices"
)

// GroupFile is one group read from an import file for the online
// application: the group's columns from its first member row, and every
// member row as far as it could be read, with the problems of each row.
// Nothing is saved: the leader checks the form it fills in, then sends it.
type GroupFile struct {
	Group   Group
	Members []Member
	Rows    []int // Rows[i] is the spreadsheet row of Members[i]
	Errors  []RowError
}

// ReadGroupFile reads an import file that holds one group. The group's
// columns are read from its first member row and, as the form has a place
// only for those, left unchecked on the other rows. The template's example
// row is reported and left out. A file with rows for another ref_kelompok,
// or with more members than a group may have, is refused; so is one
// without a member row.
func ReadGroupFile(src ImportSource, regions Regions, today Date) (*GroupFile, error) {
	rows, err := src.Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	gf := &GroupFile{}
	if err := gf.read(rows, regions, today); err != nil {
		return nil, err
	}
	if len(gf.Rows) == 0 && len(gf.Errors) == 0 {
		return nil, groupFileError("file_no_members", "Berkas tidak berisi data anggota di bawah baris judul.",
			"The file holds no member rows below the header row.")
	}
	return gf, nil
}

// read takes the header row, then each member row.
func (gf *GroupFile) read(rows ImportRows, regions Regions, today Date) error {
	if !rows.Next() {
		return rows.Err()
	}
	cols, errs := ImportHeader(rows.Row())
	if gf.Errors = errs; len(errs) > 0 {
		return nil
	}
	for rows.Next() {
		if err := gf.add(rows.Row(), cols, regions, today); err != nil {
			return err
		}
	}
	return rows.Err()
}

// add reads one member row.
func (gf *GroupFile) add(row ImportRow, cols map[string]int, regions Regions, today Date) error {
	if row.Blank() {
		return nil
	}
	l, errs := ParseImportRow(row, cols, regions, today)
	switch {
	case l.Ref == ExampleRef:
		gf.Errors = append(gf.Errors, errs[0]) // the example row's, first
		return nil
	case len(gf.Rows) == MaxMembers:
		return groupFileError("too_many_members", fmt.Sprintf("Berkas berisi lebih dari %d anggota; satu kelompok paling banyak %d orang.", MaxMembers, MaxMembers),
			fmt.Sprintf("The file has more than %d members; a group has at most %d.", MaxMembers, MaxMembers))
	case len(gf.Rows) == 0:
		gf.Group = l.Group
	case l.Ref != "" && gf.Group.Ref != "" && l.Ref != gf.Group.Ref:
		return errManyGroups(row.Number, gf.Group.Ref, l.Ref)
	default:
		errs = memberErrors(errs)
		gf.Group.Ref = orElse(gf.Group.Ref, l.Ref)
	}
	gf.Members, gf.Rows = append(gf.Members, l.Member), append(gf.Rows, row.Number)
	gf.Errors = append(gf.Errors, errs...)
	return nil
}

// orElse returns a, or b when a is empty.
func orElse(a, b string) string {
	if a == "" {
		return b
	}
	return a
}

// memberErrors drops the problems of the group's columns.
func memberErrors(errs []RowError) []RowError {
	var out []RowError
	for _, e := range errs {
		if !slices.Contains(groupColumns, e.Column) {
			out = append(out, e)
		}
	}
	return out
}

// errManyGroups refuses a file with a second group's rows.
func errManyGroups(row int, first, other string) error {
	return groupFileError("many_groups",
		fmt.Sprintf("Baris %d, kolom ref_kelompok: berkas berisi lebih dari satu kelompok (%s dan %s). Satu berkas hanya untuk satu kelompok; hapus baris kelompok lain, lalu unggah lagi.", row, first, other),
		fmt.Sprintf("Row %d, column ref_kelompok: the file holds more than one group (%s and %s). A file is for one group only; delete the other group's rows, then upload it again.", row, first, other))
}

// groupFileError is a problem of the file as a whole.
func groupFileError(code, id, en string) error {
	var f Fields
	f.Add("file", code, id, en)
	return f.Err()
}

// Blank reports a row with no text in any cell.
func (r ImportRow) Blank() bool {
	for _, c := range r.Cells {
		if c.Text != "" {
			return false
		}
	}
	return true
}
