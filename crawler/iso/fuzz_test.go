package iso

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/stdbridge/stdbridge/crawler/fixture"
)

// fixtureBody is the file a fixture of n generated deliverables serves.
func fixtureBody(t testing.TB, n int) []byte {
	t.Helper()
	rec := httptest.NewRecorder()
	fixture.NewISO(n).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, fixture.ISOPath, nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("fixture answered %d", rec.Code)
	}
	return rec.Body.Bytes()
}

func FuzzReadCatalogue(f *testing.F) {
	// The testdata files go in line by line, and in runs of four lines so
	// replaces/replacedBy resolve: the fuzzer minimises every new input,
	// which takes long for a whole file and leaves no time to fuzz.
	for _, name := range []string{"testdata/catalogue.jsonl", "testdata/relaton_sample.jsonl"} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		lines := bytes.SplitAfter(b, []byte("\n"))
		for i, line := range lines {
			f.Add(line)
			if i%4 == 0 {
				f.Add(bytes.Join(lines[i:min(i+4, len(lines))], nil))
			}
		}
	}
	f.Add(fixtureBody(f, 4))
	f.Add([]byte(`{"id":1,"reference":"ISO 90001:2015","currentStage":6060,"replaces":[1,2],"replacedBy":"2"}` + "\n" +
		`{"id":2,"reference":"ISO 90001:2008","currentStage":9599,"replacedBy":[1],"scope":"<p>a &amp; b</p>"}`))
	f.Add([]byte("<!DOCTYPE html><html></html>"))
	f.Add([]byte(`{"id":1,"reference":"ISO 90001:2015","title":{"en":`))
	f.Fuzz(func(t *testing.T, data []byte) {
		cat, err := ReadCatalogue(bytes.NewReader(data))
		if err != nil {
			if cat != nil {
				t.Fatalf("catalogue returned with error %v", err)
			}
			return
		}
		lines := bytes.Count(data, []byte("\n")) + 1
		for _, p := range cat.Problems {
			if p.Line < 1 || p.Line > lines || p.Reason == "" {
				t.Errorf("problem %+v: line out of 1..%d or no reason", p, lines)
			}
		}
		for _, d := range cat.Deliverables {
			if d.ID <= 0 || d.Reference == "" {
				t.Errorf("accepted deliverable without id or reference: %+v", d)
			}
		}
		recs, skipped, problems := cat.Standards()
		gaveNoRecord := 0
		for _, p := range problems {
			if !strings.Contains(p.Reason, "dropped") {
				gaveNoRecord++
			}
		}
		if len(recs)+skipped+gaveNoRecord != len(cat.Deliverables) {
			t.Errorf("%d records + %d skipped + %d problems != %d deliverables", len(recs), skipped, gaveNoRecord, len(cat.Deliverables))
		}
		for _, s := range recs {
			if err := s.Normalize(); err != nil {
				t.Errorf("accepted %q does not normalise: %v", s.Number, err)
			}
		}
	})
}
