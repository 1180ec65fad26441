package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"tkm"
)

// maxJSONBody caps a JSON request body.
const maxJSONBody = 1 << 20

// statuses maps each error code to its HTTP status.
var statuses = map[string]int{
	tkm.EMALFORMED:    http.StatusBadRequest,
	tkm.EUNAUTHORIZED: http.StatusUnauthorized,
	tkm.EFORBIDDEN:    http.StatusForbidden,
	tkm.ENOTFOUND:     http.StatusNotFound,
	tkm.ECONFLICT:     http.StatusConflict,
	tkm.ETOOLARGE:     http.StatusRequestEntityTooLarge,
	tkm.EINVALID:      http.StatusUnprocessableEntity,
	tkm.ERATELIMITED:  http.StatusTooManyRequests,
	tkm.EINTERNAL:     http.StatusInternalServerError,
}

// problem is an RFC 9457 problem document.
type problem struct {
	Type   string           `json:"type"`
	Title  string           `json:"title"`
	Status int              `json:"status"`
	Detail string           `json:"detail"`
	Errors []tkm.FieldError `json:"errors"`
}

// writeError answers with err as problem+json. Only server faults are
// logged, and their details never leave the server.
func (a *API) writeError(w http.ResponseWriter, r *http.Request, err error) {
	code := tkm.ErrorCode(err)
	status := statuses[code]
	p := problem{Type: "urn:tkm:problem:" + code, Title: http.StatusText(status), Status: status, Errors: []tkm.FieldError{}}
	var e *tkm.Error
	if errors.As(err, &e) {
		p.Detail, p.Errors = e.Message, e.Fields
		if english(r) {
			p.Detail, p.Errors = e.English, englishFields(e.Fields)
		}
	} else {
		a.Logger.ErrorContext(r.Context(), "api", "err", err, "method", r.Method, "path", r.URL.Path)
		p.Detail = "Terjadi kesalahan internal; coba lagi nanti."
	}
	if p.Errors == nil {
		p.Errors = []tkm.FieldError{}
	}
	w.Header().Set("Content-Type", "application/problem+json")
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="tkm"`)
	}
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(p)
}

// english reports whether the client prefers English to Indonesian.
func english(r *http.Request) bool {
	return strings.HasPrefix(strings.ToLower(r.Header.Get("Accept-Language")), "en")
}

func englishFields(fs []tkm.FieldError) []tkm.FieldError {
	out := make([]tkm.FieldError, len(fs))
	for i, f := range fs {
		f.Message = f.English
		out[i] = f
	}
	return out
}

// writeJSON answers with v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	return json.NewEncoder(w).Encode(v)
}

// decode reads a JSON body into v. Unknown fields, trailing data and
// oversized bodies are refused with a message that names the problem.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxJSONBody))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil && dec.Decode(&struct{}{}) != io.EOF {
		err = errors.New("data after the JSON object")
	}
	if err == nil {
		return nil
	}
	var tooBig *http.MaxBytesError
	var e *tkm.Error
	switch {
	case errors.As(err, &tooBig):
		return tkm.Errorf(tkm.ETOOLARGE, "Isi permintaan melebihi 1 MB.", "The request body is over 1 MB.")
	case errors.As(err, &e):
		e.Code = tkm.EMALFORMED
		return e
	}
	return malformed(err)
}

// malformed explains a body that is not the JSON expected.
func malformed(err error) error {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		var f tkm.Fields
		f.Add(typeErr.Field, "type_invalid", fmt.Sprintf("Harus bertipe %s.", typeErr.Type), fmt.Sprintf("Must be of type %s.", typeErr.Type))
		return &tkm.Error{Code: tkm.EMALFORMED, Message: "JSON tidak sesuai skema.", English: "JSON does not fit the schema.", Fields: f}
	}
	return tkm.Errorf(tkm.EMALFORMED, "JSON tidak dapat dibaca: %v.", "Cannot read the JSON: %v.", err)
}

// pathID reads an ID from the named path segment; a bad one is not found.
func pathID(r *http.Request, name string) (tkm.ID, error) {
	return tkm.ParseID(r.PathValue(name))
}
