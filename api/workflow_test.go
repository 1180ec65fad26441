package api_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	pdfreader "github.com/ledongthuc/pdf"

	"tkm"
	"tkm/store"
	"tkm/store/storetest"
)

// postFile uploads data as the multipart part "file".
func (c *client) postFile(path, name string, data []byte, status int, out any) {
	c.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequestWithContext(context.Background(), "POST", c.url+path, &body)
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != status {
		c.t.Fatalf("upload %s: %d, want %d: %s", path, resp.StatusCode, status, b)
	}
	if out != nil {
		decodeJSON(c.t, b, out)
	}
}

// getRaw fetches a path and returns its type and bytes.
func (c *client) getRaw(path string) (string, []byte) {
	c.t.Helper()
	req, _ := http.NewRequestWithContext(context.Background(), "GET", c.url+path, nil)
	req.Header.Set("Authorization", "Bearer "+c.token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		c.t.Fatalf("GET %s: %d: %s", path, resp.StatusCode, b)
	}
	return resp.Header.Get("Content-Type"), b
}

func pngOf(w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := range w {
		img.Set(x, h/2, color.RGBA{200, 80, 20, 255})
	}
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}

// pdfText reads the text of a PDF back through a PDF parser.
func pdfText(t *testing.T, data []byte) string {
	r, err := pdfreader.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a PDF: %v", err)
	}
	var s strings.Builder
	for i := 1; i <= r.NumPage(); i++ {
		text, _ := r.Page(i).GetPlainText(nil)
		s.WriteString(text)
	}
	return s.String()
}

func TestWorkflowAPI(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		c := login(t, db, newServer(t, db), tkm.RoleMinistry, "")
		cohort := storetest.Cohort(t, db, 2019)
		var g tkm.Group
		c.do("POST", "/api/v1/groups", mustJSON(groupBody(cohort.ID, "51.03.05", 10, 1)), 201, &g)
		gp := "/api/v1/groups/" + g.ID.String()

		var p problem
		c.do("POST", gp+"/transitions", `{"to":"approved"}`, 422, &p)
		if p.Errors[0].Code != "stage_skip" {
			t.Fatalf("skip: %+v", p)
		}
		c.do("POST", gp+"/transitions", `{"to":"verified"}`, 200, &g)
		c.do("POST", gp+"/transitions", `{"to":"approved"}`, 200, &g)
		c.do("POST", gp+"/transitions", `{"to":"trained"}`, 422, &p)
		if len(p.Errors) != 1 || p.Errors[0].Code != tkm.GateTrainingAttendance || !strings.Contains(p.Errors[0].Message, "0 dari 10") {
			t.Fatalf("unmet gate: %+v", p)
		}
		var gates struct {
			Stage tkm.Stage
			Items []tkm.GateResult
		}
		c.do("GET", gp+"/gates", "", 200, &gates)
		if gates.Stage != tkm.StageTrained || len(gates.Items) != 1 || gates.Items[0].Met {
			t.Fatalf("gates: %+v", gates)
		}

		// Aid, and its handover document read back as text.
		var aid struct {
			tkm.Aid
			Warnings []tkm.Warning
		}
		c.do("POST", gp+"/aid", `{"amount":20000000,"disbursed_on":"2019-11-19","method":"in_kind","handover_no":"001/BAST/TKM/XI/2019",
			"place":"Badung","items":[{"description":"Mesin jahit","category":"equipment","qty":2,"unit":"unit","unit_price":5000000},
			{"description":"Kain katun","category":"material","qty":50,"unit":"meter","unit_price":200000}]}`, 201, &aid)
		if len(aid.Warnings) != 1 || aid.Warnings[0].Code != "equipment_share_low" {
			t.Errorf("50%% equipment gave warnings %+v", aid.Warnings)
		}
		c.do("POST", gp+"/aid", `{"amount":5,"disbursed_on":"2019-11-19","method":"in_kind","handover_no":"x",
			"items":[{"description":"a","category":"equipment","qty":1,"unit":"u","unit_price":4}]}`, 422, &p)
		ctype, doc := c.getRaw("/api/v1/aid/" + aid.ID.String() + "/bast.pdf")
		text := pdfText(t, doc)
		if ctype != "application/pdf" || !strings.Contains(text, "dua puluh juta rupiah") || !strings.Contains(text, "Rp20.000.000") {
			t.Fatalf("BAST (%s) lacks the amount: %q", ctype, text)
		}

		// A product photo: checked, stored, served with its thumbnail.
		var prod tkm.Product
		c.do("POST", gp+"/products", `{"name":"Tas anyaman pandan","price":150000,"unit":"buah","monthly_capacity":120}`, 201, &prod)
		var photo tkm.File
		c.postFile("/api/v1/products/"+prod.ID.String()+"/photos", "tas.png", pngOf(900, 600), 201, &photo)
		if photo.Width != 900 || photo.ContentType != "image/png" {
			t.Fatalf("photo %+v", photo)
		}
		c.postFile("/api/v1/products/"+prod.ID.String()+"/photos", "virus.exe", []byte("MZ not an image"), 422, &p)
		if p.Errors[0].Field != "file" || p.Errors[0].Code != "file_type" {
			t.Errorf("a non-image: %+v", p)
		}
		if ctype, thumb := c.getRaw("/api/v1/files/" + photo.ID.String() + "?thumb=1"); ctype != "image/jpeg" || len(thumb) == 0 {
			t.Errorf("thumbnail %s, %d bytes", ctype, len(thumb))
		}

		// LPJ: submitted, returned with a note, then another accepted.
		var l tkm.LPJ
		c.do("POST", gp+"/lpj", `{"technical_summary":"Alat dipakai","financial_summary":"Sesuai RAB","spent_equipment":10000000,"spent_material":10000000}`, 201, &l)
		c.do("POST", "/api/v1/lpj/"+l.ID.String()+"/review", `{"status":"returned"}`, 422, nil)
		c.do("POST", "/api/v1/lpj/"+l.ID.String()+"/review", `{"status":"returned","note":"Lampirkan nota."}`, 200, &l)
		c.do("POST", "/api/v1/lpj/"+l.ID.String()+"/review", `{"status":"accepted"}`, 409, nil)

		var rep tkm.Report
		c.do("POST", gp+"/reports", `{"period":"2019-12","revenue":3500000,"active_members":10,"new_workers":1}`, 201, &rep)
		c.do("POST", gp+"/reports", `{"period":"2019-12","revenue":1,"active_members":10}`, 409, nil)
		c.do("POST", gp+"/reports", `{"period":"2019-13","active_members":10}`, 422, nil)

		var hist struct{ Items []tkm.Transition }
		c.do("GET", gp+"/history", "", 200, &hist)
		if len(hist.Items) != 2 || hist.Items[1].To != tkm.StageApproved || hist.Items[1].UserName == "" {
			t.Fatalf("history %+v", hist)
		}

		// Many at once: a result per group.
		var other tkm.Group
		c.do("POST", "/api/v1/groups", mustJSON(groupBody(cohort.ID, "51.71.01", 10, 11)), 201, &other)
		var batch struct{ Items []tkm.TransitionResult }
		c.do("POST", "/api/v1/transitions", `{"group_ids":["`+g.ID.String()+`","`+other.ID.String()+`","999"],"to":"verified"}`, 200, &batch)
		if len(batch.Items) != 3 || batch.Items[0].OK || !batch.Items[1].OK || batch.Items[2].Errors[0].Code != tkm.ENOTFOUND {
			t.Fatalf("batch %+v", batch.Items)
		}
	})
}
