package api_test

import (
	"strings"
	"testing"

	"tkm"
	"tkm/store"
	"tkm/store/storetest"
)

// TestOpenAPI checks that every route the API serves is described with a
// summary and responses, and that every described route is served.
func TestOpenAPI(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		c := login(t, db, newServer(t, db), tkm.RoleAuditor, "")
		var doc struct {
			OpenAPI string `json:"openapi"`
			Paths   map[string]map[string]struct {
				Summary   string
				Responses map[string]any
			}
			Components struct{ Schemas map[string]map[string]any }
		}
		c.do("GET", "/api/v1/openapi.json", "", 200, &doc)
		if doc.OpenAPI != "3.1.0" {
			t.Fatalf("openapi %q", doc.OpenAPI)
		}
		n := 0
		for path, ops := range doc.Paths {
			for method, op := range ops {
				n++
				if op.Summary == "" || len(op.Responses) == 0 {
					t.Errorf("%s %s: no summary or responses", method, path)
				}
				// Every described route is served: an unknown one would
				// answer 404 or 405.
				if method == "get" && !strings.Contains(path, "{") {
					if s := c.status("GET", path); s == 404 || s == 405 {
						t.Errorf("GET %s: %d", path, s)
					}
				}
			}
		}
		if n < 18 {
			t.Errorf("only %d operations described", n)
		}
		group := doc.Components.Schemas["Group"]["properties"].(map[string]any)
		for _, f := range []string{"id", "cohort_id", "name", "region_code", "stage", "members", "mentor_id", "previous_group_id", "ref", "created_at"} {
			if group[f] == nil {
				t.Errorf("Group schema lacks %q", f)
			}
		}
		c.do("GET", "/api/v1/no-such-thing", "", 404, nil)
	})
}
