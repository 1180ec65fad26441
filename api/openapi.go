package api

import (
	"net/http"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"

	"tkm"
)

// openAPI describes the routes table as an OpenAPI 3.1 document, with
// schemas read off the Go types that the handlers decode and encode, so
// that the description cannot drift from the code.
func (a *API) openAPI(w http.ResponseWriter, r *http.Request) error {
	return writeJSON(w, http.StatusOK, a.openAPIDocument())
}

type object = map[string]any

func (a *API) openAPIDocument() object {
	schemas := object{}
	schemas["Problem"] = schemaOf(reflect.TypeFor[problem](), schemas)
	paths := object{}
	for _, rt := range a.routes() {
		item, _ := paths[rt.path].(object)
		if item == nil {
			item = object{}
			paths[rt.path] = item
		}
		item[strings.ToLower(rt.method)] = operation(rt, schemas)
	}
	return object{
		"openapi": "3.1.0",
		"info": object{"title": "tkm API", "version": a.Version,
			"description": "The registry of Indonesia's Tenaga Kerja Mandiri (TKM) programme."},
		"paths": paths,
		"components": object{
			"schemas":         schemas,
			"securitySchemes": object{"bearer": object{"type": "http", "scheme": "bearer"}},
		},
		"security": []any{object{"bearer": []any{}}},
	}
}

var pathParam = regexp.MustCompile(`\{([a-z_]+)\}`)

func operation(rt route, schemas object) object {
	op := object{"summary": rt.summary, "operationId": operationID(rt)}
	if rt.public {
		op["security"] = []any{}
	}
	var params []any
	for _, m := range pathParam.FindAllStringSubmatch(rt.path, -1) {
		params = append(params, object{"name": m[1], "in": "path", "required": true, "schema": object{"type": "string"}})
	}
	for _, q := range rt.query {
		params = append(params, object{"name": q.name, "in": "query", "description": q.desc, "schema": object{"type": "string"}})
	}
	if params != nil {
		op["parameters"] = params
	}
	if rt.body != nil {
		op["requestBody"] = object{"required": true, "content": object{"application/json": object{"schema": ref(rt.body, schemas)}}}
	}
	status := rt.status
	if status == 0 {
		status = http.StatusOK
	}
	ok := object{"description": http.StatusText(status)}
	if rt.resp != nil {
		ok["content"] = object{"application/json": object{"schema": ref(rt.resp, schemas)}}
	}
	responses := object{strconv.Itoa(status): ok}
	for _, s := range []int{400, 401, 403, 404, 409, 413, 422} {
		responses[strconv.Itoa(s)] = object{"description": http.StatusText(s),
			"content": object{"application/problem+json": object{"schema": object{"$ref": "#/components/schemas/Problem"}}}}
	}
	op["responses"] = responses
	return op
}

func operationID(rt route) string {
	s := strings.NewReplacer("/api/v1/", "", "/", "_", "{", "", "}", "", ".", "_").Replace(rt.path)
	return strings.ToLower(rt.method) + "_" + s
}

// ref registers v's type among the schemas and returns a reference to it.
func ref(v any, schemas object) object {
	t := reflect.TypeOf(v)
	if t.Kind() == reflect.Map {
		return object{"type": "object"}
	}
	name := t.Name()
	if _, done := schemas[name]; !done {
		schemas[name] = object{} // placeholder: stops recursion
		schemas[name] = schemaOf(t, schemas)
	}
	return object{"$ref": "#/components/schemas/" + name}
}

var (
	timeType = reflect.TypeFor[time.Time]()
	dateType = reflect.TypeFor[tkm.Date]()
	idType   = reflect.TypeFor[tkm.ID]()
)

// schemaOf returns the JSON Schema of a Go type as encoding/json writes it.
func schemaOf(t reflect.Type, schemas object) object {
	switch {
	case t.Kind() == reflect.Pointer:
		return schemaOf(t.Elem(), schemas)
	case t == timeType:
		return object{"type": "string", "format": "date-time"}
	case t == dateType:
		return object{"type": []string{"string", "null"}, "format": "date"}
	case t == idType:
		return object{"type": "string", "description": "opaque ID; absent or empty for none"}
	}
	switch t.Kind() {
	case reflect.String:
		return object{"type": "string"}
	case reflect.Bool:
		return object{"type": "boolean"}
	case reflect.Int, reflect.Int64, reflect.Int32:
		return object{"type": "integer"}
	case reflect.Slice:
		return object{"type": "array", "items": schemaOf(t.Elem(), schemas)}
	case reflect.Map:
		return object{"type": "object", "additionalProperties": schemaOf(t.Elem(), schemas)}
	case reflect.Struct:
		return structSchema(t, schemas)
	}
	return object{}
}

func structSchema(t reflect.Type, schemas object) object {
	props := object{}
	for f := range t.Fields() {
		tag := f.Tag.Get("json")
		name, _, _ := strings.Cut(tag, ",")
		switch {
		case f.Anonymous && tag == "":
			for k, v := range structSchema(derefType(f.Type), schemas)["properties"].(object) {
				props[k] = v
			}
		case name == "-" || !f.IsExported():
		default:
			if name == "" {
				name = f.Name
			}
			props[name] = fieldSchema(f.Type, schemas)
		}
	}
	return object{"type": "object", "properties": props}
}

// fieldSchema refers to named structs by $ref and describes the rest inline.
func fieldSchema(t reflect.Type, schemas object) object {
	d := derefType(t)
	if d.Kind() == reflect.Struct && d != timeType && d != dateType && d.Name() != "" && d.PkgPath() != "" {
		return ref(reflect.New(d).Elem().Interface(), schemas)
	}
	if t.Kind() == reflect.Slice {
		return object{"type": "array", "items": fieldSchema(t.Elem(), schemas)}
	}
	return schemaOf(t, schemas)
}

func derefType(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}
