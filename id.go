package tkm

import (
	"bytes"
	"strconv"
)

// ID identifies a record. It is an integer in the database and an opaque
// string on the wire. The zero ID means "none": fields that may hold none
// are tagged omitzero, and a client clears one by sending "" or null.
type ID int64

func (id ID) String() string { return strconv.FormatInt(int64(id), 10) }

// ParseID reads an ID from its string form.
func ParseID(s string) (ID, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, Errorf(ENOTFOUND, "Data tidak ditemukan.", "Not found.")
	}
	return ID(n), nil
}

// MarshalText writes the ID as its decimal digits; JSON quotes them.
func (id ID) MarshalText() ([]byte, error) {
	return strconv.AppendInt(nil, int64(id), 10), nil
}

func (id *ID) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) || bytes.Equal(b, []byte(`""`)) {
		*id = 0
		return nil
	}
	s := string(bytes.Trim(b, `"`))
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return Errorf(EMALFORMED, "ID %q tidak sah.", "Invalid ID %q.", s)
	}
	*id = ID(n)
	return nil
}
