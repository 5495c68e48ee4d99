package iso

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stdbridge/stdbridge/internal/golden"
	"github.com/stdbridge/stdbridge/kb"
)

// result is what the golden files hold: everything a crawl would use.
type result struct {
	Deliverables     int            `json:"deliverables"`
	LineProblems     []string       `json:"line_problems"`
	Skipped          int            `json:"skipped_drafts"`
	StandardProblems []string       `json:"standard_problems"`
	Standards        []*kb.Standard `json:"standards"`
}

func readResult(t testing.TB, data []byte) result {
	t.Helper()
	cat, err := ReadCatalogue(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("ReadCatalogue: %v", err)
	}
	recs, skipped, problems := cat.Standards()
	res := result{Deliverables: len(cat.Deliverables), Skipped: skipped, Standards: recs}
	for _, p := range cat.Problems {
		res.LineProblems = append(res.LineProblems, p.String())
	}
	for _, p := range problems {
		res.StandardProblems = append(res.StandardProblems, p.String())
	}
	return res
}

// checkNormalize fails for any record that does not normalise, and leaves
// the records normalised.
func checkNormalize(t testing.TB, recs []*kb.Standard) {
	t.Helper()
	for _, s := range recs {
		if err := s.Normalize(); err != nil {
			t.Errorf("%s does not normalise: %v", s.Number, err)
		}
	}
}

func marshal(t testing.TB, v any) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadCatalogueGolden(t *testing.T) {
	data, err := os.ReadFile("testdata/catalogue.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	res := readResult(t, data)
	golden.Check(t, "catalogue.golden", marshal(t, res))
	checkNormalize(t, res.Standards)
	golden.Check(t, "catalogue.normalized.golden", marshal(t, res.Standards))
}

func TestReadCatalogueErrors(t *testing.T) {
	good, err := os.ReadFile("testdata/catalogue.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	firstLine := good[:bytes.IndexByte(good, '\n')+1]
	for _, tc := range []struct {
		name, in, want string
	}{
		{"empty", "", "empty input"},
		{"blank lines", "\n\n  \n", "empty input"},
		{"html error page", "<!DOCTYPE html>\n<html><body>502 Bad Gateway</body></html>\n", "not JSON Lines but markup"},
		{"azure xml error", "\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>BlobNotFound</Code></Error>", "not JSON Lines but markup"},
		{"json array", `[{"id":1,"reference":"ISO 90001:2015"}]` + "\n", "no line is a JSON object"},
		{"pretty printed", "{\n  \"id\": 1,\n  \"reference\": \"ISO 90001:2015\"\n}\n", "no line is a JSON object"},
		{"csv", "id,reference\n1,ISO 90001:2015\n", "no line is a JSON object"},
		{"cut mid-line", string(good[:len(good)/2]), "cut off"},
		{"cut in the first line", string(firstLine[:40]), "cut off"},
		{"cut after a comma", string(firstLine[:bytes.IndexByte(firstLine, ',')+1]), "cut off"},
		{"garbage", strings.Repeat("\x00\x01garbage\n", sniffLines+1), "none of the first 100 lines"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cat, err := ReadCatalogue(strings.NewReader(tc.in))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want one containing %q", err, tc.want)
			}
			if cat != nil {
				t.Errorf("got a catalogue with the error")
			}
		})
	}
}

func TestReadCatalogueLineEnds(t *testing.T) {
	line := `{"id":1,"deliverableType":"IS","reference":"ISO 90001:2015","currentStage":6060}`
	for _, tc := range []struct{ name, in string }{
		{"no final line end", line},
		{"final line end", line + "\n"},
		{"crlf", line + "\r\n" + strings.Replace(line, `"id":1`, `"id":2`, 1) + "\r\n"},
		{"bom", "\uFEFF" + line + "\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cat, err := ReadCatalogue(strings.NewReader(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if len(cat.Problems) > 0 || len(cat.Deliverables) == 0 || cat.Deliverables[0].Reference != "ISO 90001:2015" {
				t.Errorf("got %+v", cat)
			}
		})
	}
}

func TestReadCatalogueTooLongLine(t *testing.T) {
	in := `{"id":1,"reference":"ISO 90001:2015","currentStage":6060}` + "\n" +
		`{"id":2,"reference":"ISO 90002:2015","scope":{"en":"` + strings.Repeat("x", MaxLineBytes) + `"}}` + "\n" +
		`{"id":3,"reference":"ISO 90003:2015","currentStage":6060}` + "\n"
	cat, err := ReadCatalogue(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []Problem{{Line: 2, Reason: "line longer than 4 MiB"}}
	if diff := cmp.Diff(want, cat.Problems); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if len(cat.Deliverables) != 2 {
		t.Errorf("got %d deliverables, want 2", len(cat.Deliverables))
	}
}

func TestDeliverableDecoding(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     Deliverable
		wantErr  string
	}{
		{"real shape", `{"id":62085,"deliverableType":"IS","supplementType":null,"reference":"ISO 90001:2015","title":{"en":"A","fr":"B"},"publicationDate":"2015-09-22","edition":5,"icsCode":["03.120.10"],"ownerCommittee":"ISO/TC 176/SC 2","currentStage":9092,"replaces":[46486,54538],"replacedBy":[88464],"languages":["ar","en"],"pages":{"en":29},"scope":{"en":"<p>x</p>"}}`,
			Deliverable{ID: 62085, DeliverableType: "IS", Reference: "ISO 90001:2015", Title: Text{"en": "A", "fr": "B"}, PublicationDate: "2015-09-22", Edition: 5,
				ICSCode: []string{"03.120.10"}, OwnerCommittee: "ISO/TC 176/SC 2", CurrentStage: 9092, Replaces: []int{46486, 54538}, ReplacedBy: []int{88464},
				Languages: []string{"ar", "en"}, Pages: map[string]int{"en": 29}, Scope: Text{"en": "<p>x</p>"}}, ""},
		{"nulls", `{"id":1,"reference":"ISO/WD 90000","supplementType":null,"title":null,"publicationDate":null,"icsCode":null,"replaces":null,"languages":null,"pages":{"en":null},"scope":{"en":null}}`,
			Deliverable{ID: 1, Reference: "ISO/WD 90000"}, ""},
		{"strings for numbers", `{"id":" 7 ","reference":" ISO 90001:2015 ","edition":"2","currentStage":"6060","replaces":["5",null,6],"pages":{"en":"12"}}`,
			Deliverable{ID: 7, Reference: "ISO 90001:2015", Edition: 2, CurrentStage: 6060, Replaces: []int{5, 6}, Pages: map[string]int{"en": 12}}, ""},
		{"floats for numbers", `{"id":7.0,"reference":"ISO 90001:2015","currentStage":6060.0}`,
			Deliverable{ID: 7, Reference: "ISO 90001:2015", CurrentStage: 6060}, ""},
		{"single values for lists", `{"id":7,"reference":"ISO 90001:2015","icsCode":"97.200.50","replacedBy":9,"languages":"en"}`,
			Deliverable{ID: 7, Reference: "ISO 90001:2015", ICSCode: []string{"97.200.50"}, ReplacedBy: []int{9}, Languages: []string{"en"}}, ""},
		{"title as string", `{"id":7,"reference":"ISO 90001:2015","title":"Toys"}`,
			Deliverable{ID: 7, Reference: "ISO 90001:2015", Title: Text{"en": "Toys"}}, ""},
		{"fractional id", `{"id":7.5,"reference":"ISO 90001:2015"}`, Deliverable{Reference: "ISO 90001:2015"}, "want an integer"},
		{"title as number", `{"id":7,"reference":"ISO 90001:2015","title":3}`, Deliverable{ID: 7, Reference: "ISO 90001:2015"}, "want an object keyed by language"},
		{"ics as number", `{"id":7,"reference":"ISO 90001:2015","icsCode":[97]}`, Deliverable{ID: 7, Reference: "ISO 90001:2015"}, "cannot unmarshal"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var d Deliverable
			err := json.Unmarshal([]byte(tc.in), &d)
			if tc.wantErr == "" && err != nil {
				t.Fatal(err)
			}
			if tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Fatalf("err = %v, want one containing %q", err, tc.wantErr)
			}
			if diff := cmp.Diff(tc.want, d); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
