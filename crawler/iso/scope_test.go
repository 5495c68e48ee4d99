package iso

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCleanScope(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"empty", "", ""},
		{"paragraphs", "<p>First.</p>\n<p>Second   one.</p>\n", "First. Second one."},
		{"no space between blocks", "<p>First.</p><p>Second.</p>", "First. Second."},
		{"inline stays joined", "<p>H<sub>2</sub>O and CO<sub>2</sub></p>", "H2O and CO2"},
		{"entities", "<p>paints &amp; varnishes&nbsp;&nbsp;&lt;5&nbsp;%&gt;</p>", "paints & varnishes <5 %>"},
		{"word conditional comments", `<p class="ListContinue1"><!-- [if !supportLists]--><span style="mso-list: Ignore;">—<span style="font: 7.0pt 'Times New Roman';">     </span></span><!--[endif]--><span lang="EN-GB">coatings;</span></p>`, "— coatings;"},
		{"style and script dropped", "<style>p{color:red}</style><p>Text</p><script>alert(1)</script>", "Text"},
		{"plain text", "  no markup\tat all \n", "no markup at all"},
		{"literal newline escape", `<p>One.</p>\n<p>Two.</p>`, `One. \n Two.`},
		{"broken markup", "<p>open <b>bold", "open bold"},
		{"lone less-than", "a < b and c > d", "a < b and c > d"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := cleanScope(tc.in, MaxScope); got != tc.want {
				t.Errorf("cleanScope(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestTruncateWords(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		max      int
		want     string
	}{
		{"fits", "short text", 10, "short text"},
		{"at a word", "one two three four", 12, "one two…"},
		{"drops trailing comma", "alpha beta, gamma delta", 13, "alpha beta…"},
		{"no spaces", strings.Repeat("x", 30), 10, strings.Repeat("x", 9) + "…"},
		{"multibyte", strings.Repeat("é", 30), 10, strings.Repeat("é", 9) + "…"},
		{"cjk", strings.Repeat("玩具安全", 10), 8, "玩具安全玩具安…"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := truncateWords(tc.in, tc.max)
			if got != tc.want {
				t.Errorf("truncateWords(%q, %d) = %q, want %q", tc.in, tc.max, got, tc.want)
			}
			if n := utf8.RuneCountInString(got); n > tc.max {
				t.Errorf("%d characters, want at most %d", n, tc.max)
			}
		})
	}
}

func TestCleanLine(t *testing.T) {
	for in, want := range map[string]string{
		"Safety of toys  —\n Part 3":           "Safety of toys — Part 3",
		"Glass &amp; <i>tempered</i> glass":    "Glass & tempered glass",
		"":                                     "",
		"Textiles — Tests for colour fastness": "Textiles — Tests for colour fastness",
	} {
		if got := cleanLine(in); got != want {
			t.Errorf("cleanLine(%q) = %q, want %q", in, got, want)
		}
	}
}
