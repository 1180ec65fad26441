package tkm

import (
	"errors"
	"fmt"
)

// Error codes: the machine-readable part of every error tkm shows to a user.
// Transport packages map each code to a status (HTTP 404 for ENOTFOUND, …).
const (
	EINVALID      = "invalid"      // a value broke a rule (422)
	EMALFORMED    = "malformed"    // the request could not be read at all (400)
	ENOTFOUND     = "not_found"    // absent or out of the caller's scope (404)
	ECONFLICT     = "conflict"     // clashes with existing data (409)
	EUNAUTHORIZED = "unauthorized" // not logged in (401)
	EFORBIDDEN    = "forbidden"    // logged in but not allowed (403)
	ETOOLARGE     = "too_large"    // body or file over the cap (413)
	ERATELIMITED  = "rate_limited" // too many attempts (429)
	EINTERNAL     = "internal"     // our fault (500); never shows details
)

// Error is tkm's one error type. Message is safe to show to the user, in
// Indonesian; English holds the same message in English for the English UI.
type Error struct {
	Code    string
	Message string
	English string
	Fields  []FieldError
}

// FieldError names one bad field: what was wrong (Code) and a message a
// person can act on, in Indonesian (Message) and English (English).
type FieldError struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
	English string `json:"-"`
}

// Warning rides along on a successful write: something worth a look that
// does not stop the work (a NIK whose birth date disagrees, say).
type Warning = FieldError

func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return fmt.Sprintf("tkm error: code=%s message=%s", e.Code, e.Message)
	}
	return fmt.Sprintf("tkm error: code=%s message=%s fields=%v", e.Code, e.Message, e.Fields)
}

// Errorf returns an *Error with a message in both languages.
func Errorf(code, id, en string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(id, args...), English: fmt.Sprintf(en, args...)}
}

// ErrorCode returns the code of err's *Error, or EINTERNAL for any other error.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-safe Indonesian message of err.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "Terjadi kesalahan internal."
}

// Fields collects field errors during validation.
type Fields []FieldError

// Add records a problem with one field.
func (f *Fields) Add(field, code, id, en string) {
	*f = append(*f, FieldError{Field: field, Code: code, Message: id, English: en})
}

// Err returns nil when nothing was added, else an EINVALID *Error listing them all.
func (f Fields) Err() error {
	if len(f) == 0 {
		return nil
	}
	return &Error{
		Code:    EINVALID,
		Message: "Data belum benar; periksa isian yang ditandai.",
		English: "Some fields need attention.",
		Fields:  f,
	}
}
