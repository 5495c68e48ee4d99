package main

import (
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// Small dictionaries in OpenCC's text form, one case per line.
const (
	testChars = "殘\t残\n" +
		"農\t农\n" +
		"藥\t药\n" +
		"乾\t干 乾\n" + // first candidate taken
		"甲\t甲\n" + // already simplified
		"鰊\t𬶠\n" + // 3 bytes → 4 bytes: dropped
		"薴\t苧\n" + "苧\t苎\n" + // chain
		"覆\t覆\n"
	testPhrases = "乾坤\t乾坤\n" + // not what the characters give (干坤)
		"扭轉乾坤\t扭转乾坤\n" + // its simplified form must stay
		"農藥\t农药\n" + // same as the characters: left out
		"覆露\t复露\n" +
		"二噁英\t二𫫇英\n" // longer: dropped
)

func TestRunGolden(t *testing.T) {
	dir := t.TempDir()
	chars := filepath.Join(dir, "TSCharacters.txt")
	phrases := filepath.Join(dir, "TSPhrases.txt")
	for name, text := range map[string]string{chars: testChars, phrases: testPhrases} {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "t2s_table.go")
	var log strings.Builder
	cfg := config{chars: chars, phrases: phrases, source: "libopencc-test 0.1", out: out, verbose: true}
	if err := run(cfg, &log); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "small.golden")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("generated table (-want +got):\n%s", diff)
	}
	for _, s := range []string{"dropped character 鰊", "dropped phrase 二噁英", "1 dropped for UTF-8 length"} {
		if !strings.Contains(log.String(), s) {
			t.Errorf("log lacks %q:\n%s", s, log.String())
		}
	}

	// Deterministic: a second run writes the same bytes.
	if err := run(cfg, io.Discard); err != nil {
		t.Fatal(err)
	}
	again, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if string(again) != string(got) {
		t.Error("second run wrote a different file")
	}
}

func TestBuildErrors(t *testing.T) {
	tests := []struct {
		name, chars, phrases, want string
	}{
		{"key of two characters", "殘留\t残留\n", "", "not one character"},
		{"value of two characters", "殘\t残留\n", "", "not one character"},
		{"one-character phrase", "", "殘\t残\n", "is one character"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs, err := parseDict(strings.NewReader(tt.chars))
			if err != nil {
				t.Fatal(err)
			}
			ps, err := parseDict(strings.NewReader(tt.phrases))
			if err != nil {
				t.Fatal(err)
			}
			_, err = build(cs, ps, "c", "p")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("build: error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestParseDict(t *testing.T) {
	tests := []struct {
		name, in string
		want     []entry
		wantErr  string
	}{
		{"candidates", "乾\t干 乾\n\n殘\t残\n", []entry{{1, "乾", []string{"干", "乾"}}, {3, "殘", []string{"残"}}}, ""},
		{"no tab", "殘 残\n", nil, "want key, tab, values"},
		{"no value", "殘\t \n", nil, "want key, tab, values"},
		{"duplicate", "殘\t残\n殘\t残\n", nil, "already defined on line 1"},
		{"not UTF-8", "\xff\t残\n", nil, "not UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseDict(strings.NewReader(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(entry{})); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// FuzzBuild feeds arbitrary dictionaries through parsing and building:
// either an error, or a table whose pairs all keep their length.
func FuzzBuild(f *testing.F) {
	f.Add(testChars, testPhrases)
	f.Add("a\tb\n", "ab\tcd\n")
	f.Fuzz(func(t *testing.T, chars, phrases string) {
		cs, err := parseDict(strings.NewReader(chars))
		if err != nil {
			return
		}
		ps, err := parseDict(strings.NewReader(phrases))
		if err != nil {
			return
		}
		tb, err := build(cs, ps, "c", "p")
		if err != nil {
			return
		}
		for _, p := range tb.chars {
			if utf8.RuneLen(p.t) != utf8.RuneLen(p.s) || p.t == p.s {
				t.Fatalf("character pair %q→%q", p.t, p.s)
			}
		}
		for _, p := range tb.phrases {
			if len(p.t) != len(p.s) {
				t.Fatalf("phrase pair %q→%q", p.t, p.s)
			}
		}
		if _, err := tb.render(); err != nil {
			t.Fatalf("render: %v", err)
		}
	})
}
