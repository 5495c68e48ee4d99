package ingest

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stdbridge/stdbridge/kb"
)

// checkAccepted holds for whatever a reader accepts: normalising again
// changes nothing, and the records survive a JSON Lines round trip
// byte for byte.
func checkAccepted(t *testing.T, recs []kb.Record) {
	t.Helper()
	for _, r := range recs {
		data, err := json.Marshal(r)
		if err != nil {
			t.Fatalf("marshal %s %q: %v", r.Kind(), r.Key(), err)
		}
		again := reflect.New(reflect.TypeOf(r).Elem()).Interface().(kb.Record)
		if err := json.Unmarshal(data, again); err != nil {
			t.Fatalf("unmarshal %s: %v", data, err)
		}
		if err := again.Normalize(); err != nil {
			t.Fatalf("accepted %s, but normalising it again fails: %v", data, err)
		}
		if diff := cmp.Diff(r, again); diff != "" {
			t.Fatalf("Normalize is not idempotent on %s (-once +twice):\n%s", data, diff)
		}
	}
	var first bytes.Buffer
	if err := WriteJSONL(&first, recs...); err != nil {
		t.Fatal(err)
	}
	back, err := ReadJSONL(bytes.NewReader(first.Bytes()), "written.jsonl")
	if err != nil {
		t.Fatalf("written file does not read back: %v\n%s", err, first.Bytes())
	}
	var second bytes.Buffer
	if err := WriteJSONL(&second, back...); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Fatalf("round trip changed the file:\n%s\n---\n%s", first.Bytes(), second.Bytes())
	}
}

func addSeeds(f *testing.F, names ...string) {
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
		if strings.HasSuffix(name, ".jsonl") {
			for _, line := range bytes.Split(data, []byte("\n")) {
				f.Add(line)
			}
		}
	}
}

func FuzzReadJSONL(f *testing.F) {
	addSeeds(f, "good.jsonl", "bad.jsonl", "good.export.golden", "eping.export.golden")
	f.Add([]byte(`{"kind":"notification","member":"EU","area":"tbt","distributed":"2025","title":"x"}`))
	f.Add([]byte(`{"kind":"standard","number":"GB/T 1.1-2020","adopts":[{"number":"ISO/IEC Directives, Part 2","degree":"NEQ"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, err := ReadJSONL(bytes.NewReader(data), "fuzz.jsonl")
		if err != nil {
			if _, ok := err.(*FileError); !ok {
				t.Fatalf("error %v is a %T, want *FileError", err, err)
			}
			return
		}
		checkAccepted(t, recs)
	})
}

func FuzzReadEpingCSV(f *testing.F) {
	addSeeds(f, "eping.csv", "eping_bad.csv")
	f.Add([]byte("Notifying Member,Distribution date,Document symbol,Title,Objectives,Notification type,HS code(s)\n" +
		"Kenya,45818,\"G/TBT/N/BDI/1, G/TBT/N/KEN/2\",Soap,Quality requirements (TBT),Regular notification,34011 - - Soap\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, err := ReadEpingCSV(bytes.NewReader(data), "fuzz.csv")
		if err != nil {
			return
		}
		checkAccepted(t, recs)
	})
}
