package ingest

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stdbridge/stdbridge/internal/golden"
	"github.com/stdbridge/stdbridge/kb"
)

func readTestFile(t *testing.T, name string) []kb.Record {
	t.Helper()
	recs, err := ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("ReadFile(%s): %v", name, err)
	}
	return recs
}

func TestReadJSONL(t *testing.T) {
	recs := readTestFile(t, "good.jsonl")
	want := []kb.Record{
		&kb.Standard{
			Number:      "GB 6675.4-2014",
			TitleZh:     "玩具安全 第4部分：特定元素的迁移",
			TitleEn:     "Safety of toys—Part 4: Migration of certain elements",
			ICS:         []string{"97.200.50"},
			CCS:         []string{"Y57"},
			Status:      kb.StatusCurrent,
			Issued:      "2014-05-06",
			Implemented: "2016-01-01",
			Adopts:      []kb.Adoption{{Number: "ISO 8124-3:2010", Degree: kb.DegreeMOD}},
			Sources:     []string{"https://openstd.samr.gov.cn/"},
		},
		&kb.Standard{
			Number:  "ISO 8124-3:2020/Amd 1:2021",
			TitleEn: "Safety of toys — Part 3: Migration of certain elements",
			ICS:     []string{"97.200.50"},
			Status:  kb.StatusCurrent,
		},
		&kb.Regulation{
			ID: "Directive 2009/48/EC", Jurisdiction: "EU", TitleEn: "Toy Safety Directive",
			Type: "directive", Status: "in_force", References: []string{"EN 71-3:2019+A1:2021"},
		},
		&kb.Notification{
			Symbol: "G/TBT/N/EU/1123/Add.2", Member: "EU", Area: kb.AreaTBT, Type: kb.TypeAddendum,
			Distributed: "2025-06-03", Title: "Draft Commission Regulation on toys",
			HS: []string{"9503.00"}, Objectives: []string{"Protection of human health or safety"},
		},
		&kb.Notification{
			Member: "THA", Area: kb.AreaSPS, Type: kb.TypeEmergency, Distributed: "2025-06-05",
			Title: "The DLD order on poultry from Poland", Keywords: []string{"Animal health", "Avian Influenza"},
		},
		&kb.Mapping{
			Foreign: "ISO 8124-3:2010", Domestic: "GB 6675.4-2014", Degree: kb.DegreeMOD,
			Deviations: "Adds a limit for **barium** in scraped-off material.",
			Status:     kb.MappingProposed, Provenance: "foreword of GB 6675.4-2014",
		},
		&kb.Requirement{
			Source: "GB 6675.4-2014", Topic: "toy-element-migration", Parameter: "lead",
			Scope: "category III (scraped-off)", ParameterZh: "铅", Comparator: kb.CmpLE, Limit: "90",
			Unit: "mg/kg", Clause: "Table 1", Verified: true,
		},
		&kb.Requirement{
			Source: "EN 71-3:2019+A1:2021", Topic: "toy-element-migration", Parameter: "lead",
			Scope: "category III (scraped-off)", Comparator: kb.CmpLE, Limit: "23", Unit: "mg/kg",
		},
	}
	if diff := cmp.Diff(want, recs); diff != "" {
		t.Errorf("ReadJSONL mismatch (-want +got):\n%s", diff)
	}
}

func TestReadJSONLBOMAndEmpty(t *testing.T) {
	for name, in := range map[string]string{
		"empty":         "",
		"only comments": "// nothing yet\n\n   \n// still nothing",
		"BOM":           "\uFEFF// exported by a Windows editor\n",
	} {
		recs, err := ReadJSONL(strings.NewReader(in), "x.jsonl")
		if err != nil || len(recs) != 0 {
			t.Errorf("%s: got %d records, %v; want none and no error", name, len(recs), err)
		}
	}
	recs, err := ReadJSONL(strings.NewReader("\uFEFF{\"kind\":\"standard\",\"number\":\"ISO 9001:2015\"}"), "x.jsonl")
	if err != nil || len(recs) != 1 {
		t.Errorf("BOM before the first object: %d records, %v", len(recs), err)
	}
}

// TestReadJSONLLineErrors checks the message for each way a line can be bad.
func TestReadJSONLLineErrors(t *testing.T) {
	tests := []struct {
		name, line, want string
	}{
		{"typo", `{"kind":"standard","number":"ISO 9001:2015","titel_zh":"质量管理体系"}`,
			`unknown field "titel_zh" (did you mean "title_zh"?)`},
		{"unknown field", `{"kind":"mapping","foreign":"ISO 9001:2015","domestic":"GB/T 19001-2016","confidence":0.9}`,
			`unknown field "confidence" for a mapping`},
		{"field of another kind", `{"kind":"regulation","id":"16 CFR Part 1303","number":"x"}`,
			`unknown field "number" for a regulation`},
		{"missing kind", `{"number":"ISO 9001:2015"}`, `missing "kind"`},
		{"unknown kind", `{"kind":"standards","number":"ISO 9001:2015"}`,
			`unknown kind "standards" (want standard, notification, regulation, mapping or requirement)`},
		{"kind not a string", `{"kind":1}`, `kind: want a string, got number`},
		{"array", `["standard","ISO 9001:2015"]`, `want a JSON object, got "[\"standard\",\"ISO 900"...`},
		{"not JSON", `kind=standard`, `want a JSON object, got "kind=standard"`},
		{"syntax", `{"kind":"standard","number":"ISO 9001:2015",}`,
			`invalid JSON at byte 45: invalid character '}' looking for beginning of object key string`},
		{"not closed", `{"kind":"standard","number":"ISO 9001:2015"`, `invalid JSON: the object is not closed`},
		{"wrong type", `{"kind":"standard","number":"ISO 9001:2015","ics":"03.120.10"}`,
			`ics: want an array, got string`},
		{"wrong nested type", `{"kind":"standard","number":"GB/T 19001-2016","adopts":[{"number":9001}]}`,
			`adopts.number: want a string, got number`},
		{"wrong bool", `{"kind":"mapping","foreign":"ISO 9001:2015","domestic":"GB/T 19001-2016","verified":"yes"}`,
			`verified: want true or false, got string`},
		{"two objects", `{"kind":"standard","number":"ISO 9001:2015"} {"kind":"standard","number":"ISO 14001:2015"}`,
			`unexpected "{\"kind\":\"standard\",\""... after the object (one object per line)`},
		{"invalid UTF-8", "{\"kind\":\"standard\",\"number\":\"GB/T 19001-2016\",\"title_zh\":\"\xd6\xca\xc1\xbf\"}",
			`invalid UTF-8 at byte 59`},
		{"normalize", `{"kind":"standard","number":"19001-2016","issued":"2016-02-30","status":"obsolete"}`,
			`number: standard number "19001-2016": no publisher prefix (such as GB/T, ISO, EN); status: status "obsolete": want current, upcoming or withdrawn; issued: date "2016-02-30": no such date`},
		{"unknown member", `{"kind":"notification","symbol":"G/TBT/N/EU/1123","member":"Atlantis"}`,
			`member: unknown WTO member "Atlantis" (use its code, e.g. EU, USA, CHN)`},
		{"notification without symbol", `{"kind":"notification","member":"EU","area":"TBT","title":"Toys"}`,
			`distributed: required when there is no symbol`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadJSONL(strings.NewReader("\n"+tt.line+"\n"), "in.jsonl")
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("error %v (%T), want a *FileError", err, err)
			}
			if len(fe.Lines) != 1 || fe.Lines[0].Line != 2 {
				t.Fatalf("line errors %+v, want one on line 2", fe.Lines)
			}
			if got, want := err.Error(), "in.jsonl:2: "+tt.want; got != want {
				t.Errorf("error\n got %s\nwant %s", got, want)
			}
		})
	}
}

// TestReadJSONLReport reads a file with many problems: all are reported,
// in line order, in one error.
func TestReadJSONLReport(t *testing.T) {
	_, err := ReadFile(filepath.Join("testdata", "bad.jsonl"))
	var fe *FileError
	if !errors.As(err, &fe) {
		t.Fatalf("ReadFile(bad.jsonl) = %v, want a *FileError", err)
	}
	golden.Check(t, "bad.jsonl.golden", []byte(err.Error()+"\n"))
}

func TestReadJSONLDuplicates(t *testing.T) {
	in := strings.Join([]string{
		`{"kind":"standard","number":"GB/T 19001-2016"}`,
		`{"kind":"standard","number":"GB/T19001—2016","title_en":"Quality management systems"}`,
		`{"kind":"mapping","foreign":"ISO 9001:2015","domestic":"GB/T 19001-2016"}`,
		`{"kind":"notification","member":"EU","area":"TBT","distributed":"2025-06-03","title":"Toys: draft regulation"}`,
		`{"kind":"notification","symbol":"G/TBT/N/EU/1123","member":"EU","distributed":"2025-06-03","title":"Toys - draft regulation."}`,
		`{"kind":"mapping","foreign":"iso 9001 2015","domestic":"gb/t 19001 2016","degree":"IDT"}`,
	}, "\n")
	_, err := ReadJSONL(strings.NewReader(in), "dup.jsonl")
	want := `dup.jsonl:2: duplicate standard "GB/T 19001-2016" (first on line 1)
dup.jsonl:5: same notification as line 4 (member, area, distributed and title match, and one has no symbol)
dup.jsonl:6: duplicate mapping "ISO 9001:2015 ~ GB/T 19001-2016" (first on line 3)`
	if err == nil || err.Error() != want {
		t.Errorf("error:\n%v\nwant:\n%s", err, want)
	}
}

func TestReadJSONLLongLine(t *testing.T) {
	var in bytes.Buffer
	in.WriteString(`{"kind":"standard","number":"ISO 9001:2015","scope":"`)
	in.Write(bytes.Repeat([]byte("x"), MaxLineBytes))
	in.WriteString("\"}\n")
	in.WriteString(`{"kind":"standard","number":"ISO 14001:2015","issued":"soon"}` + "\n")
	_, err := ReadJSONL(&in, "long.jsonl")
	want := "long.jsonl:1: line longer than 4 MiB\nlong.jsonl:2: issued: date \"soon\": want YYYY-MM-DD"
	if err == nil || err.Error() != want {
		t.Errorf("error:\n%v\nwant:\n%s", err, want)
	}
	// Just under the limit is fine.
	in.Reset()
	in.WriteString(`{"kind":"standard","number":"ISO 9001:2015","scope":"`)
	in.Write(bytes.Repeat([]byte("x"), MaxLineBytes-100))
	in.WriteString(`"}`)
	if recs, err := ReadJSONL(&in, "big.jsonl"); err != nil || len(recs) != 1 {
		t.Errorf("line of %d bytes: %d records, %v", in.Len(), len(recs), err)
	}
}

func TestFileErrorCap(t *testing.T) {
	var in strings.Builder
	for i := 0; i < 60; i++ {
		in.WriteString(`{"kind":"standard"}` + "\n")
	}
	_, err := ReadJSONL(strings.NewReader(in.String()), "many.jsonl")
	var fe *FileError
	if !errors.As(err, &fe) || len(fe.Lines) != 60 {
		t.Fatalf("error %v, want a *FileError with 60 lines", err)
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != maxListed+1 {
		t.Fatalf("message has %d lines, want %d", len(lines), maxListed+1)
	}
	if got, want := lines[maxListed-1], "many.jsonl:50: number: required"; got != want {
		t.Errorf("last listed line %q, want %q", got, want)
	}
	if got, want := lines[maxListed], "many.jsonl: and 10 more bad lines"; got != want {
		t.Errorf("last line %q, want %q", got, want)
	}
}

func TestWriteJSONL(t *testing.T) {
	var buf bytes.Buffer
	err := WriteJSONL(&buf,
		&kb.Requirement{Source: "GB 6675.4-2014", Topic: "toy-element-migration", Parameter: "lead", Comparator: kb.CmpLE, Limit: "90", Unit: "mg/kg", Notes: "A & B <C>"},
		&kb.Mapping{Foreign: "ISO 9001:2015", Domestic: "GB/T 19001-2016", Degree: kb.DegreeIDT, Status: kb.MappingApproved, Verified: true},
		&kb.Notification{},
	)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"kind":"requirement","source":"GB 6675.4-2014","topic":"toy-element-migration","parameter":"lead","comparator":"<=","limit":"90","unit":"mg/kg","notes":"A & B <C>"}
{"kind":"mapping","foreign":"ISO 9001:2015","domestic":"GB/T 19001-2016","degree":"IDT","status":"approved","verified":true}
{"kind":"notification"}
`
	if diff := cmp.Diff(want, buf.String()); diff != "" {
		t.Errorf("WriteJSONL mismatch (-want +got):\n%s", diff)
	}
	if err := WriteJSONL(&buf, (*kb.Standard)(nil)); err == nil {
		t.Error("WriteJSONL(nil record) succeeded")
	}
}

// TestRoundTrip: what export writes, import reads back unchanged, and
// writing it again gives the same bytes.
func TestRoundTrip(t *testing.T) {
	for _, name := range []string{"good.jsonl", "eping.csv"} {
		t.Run(name, func(t *testing.T) {
			recs := readTestFile(t, name)
			var first bytes.Buffer
			if err := WriteJSONL(&first, recs...); err != nil {
				t.Fatal(err)
			}
			again, err := ReadJSONL(bytes.NewReader(first.Bytes()), "first.jsonl")
			if err != nil {
				t.Fatalf("reading the written file: %v", err)
			}
			if diff := cmp.Diff(recs, again); diff != "" {
				t.Errorf("records changed on the way (-before +after):\n%s", diff)
			}
			var second bytes.Buffer
			if err := WriteJSONL(&second, again...); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(first.Bytes(), second.Bytes()) {
				t.Errorf("second write differs:\n%s\n---\n%s", first.Bytes(), second.Bytes())
			}
			golden.Check(t, strings.TrimSuffix(name, filepath.Ext(name))+".export.golden", first.Bytes())
		})
	}
}

func BenchmarkReadJSONL(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "good.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	// Distinct numbers, so the file has no duplicates at any size.
	var in bytes.Buffer
	for i := 0; i < 200; i++ {
		in.WriteString(strings.NewReplacer("6675.4", "6675."+strconv.Itoa(i+1), "8124-3", "8124-"+strconv.Itoa(i+1),
			"2009/48", "2009/"+strconv.Itoa(i+100), "1123", strconv.Itoa(i+2000), "Poland", "Poland "+strconv.Itoa(i),
			`"lead"`, `"lead`+strconv.Itoa(i)+`"`).Replace(string(data)))
	}
	if _, err := ReadJSONL(bytes.NewReader(in.Bytes()), "bench.jsonl"); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(in.Len()))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadJSONL(bytes.NewReader(in.Bytes()), "bench.jsonl"); err != nil {
			b.Fatal(err)
		}
	}
}
