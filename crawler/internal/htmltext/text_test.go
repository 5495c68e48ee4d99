package htmltext

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"
)

func TestCollapse(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"  \t\n ", ""},
		{" a  b\n\tc ", "a b c"},
		{"a\u00a0\u00a0b", "a b"}, // NBSP
		{"a\u3000b", "a b"},       // ideographic space
		{"标准\r\n号", "标准 号"},
	}
	for _, tt := range tests {
		if got := Collapse(tt.in); got != tt.want {
			t.Errorf("Collapse(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTextAndLines(t *testing.T) {
	skipLabels := func(n *html.Node) bool { return HasClass(n, "label") }
	tests := []struct {
		name  string
		in    string
		skip  func(*html.Node) bool
		text  string
		lines []string
	}{
		{
			name:  "inline joins, blocks break",
			in:    `<p>电动<b>玩具</b>安全</p><p>要求</p>`,
			text:  "电动玩具安全 要求",
			lines: []string{"电动玩具安全", "要求"},
		},
		{
			name:  "table cells",
			in:    `<table><tr><td>共</td><td>4</td></tr></table>`,
			text:  "共 4",
			lines: []string{"共", "4"},
		},
		{
			name:  "br inside text",
			in:    `<div>GB/T 1.1-2020<br>采</div>`,
			text:  "GB/T 1.1-2020 采",
			lines: []string{"GB/T 1.1-2020", "采"},
		},
		{
			name:  "white space and entities",
			in:    "<div>a&nbsp;&nbsp;b\n\t c</div>",
			text:  "a b c",
			lines: []string{"a b c"},
		},
		{
			name:  "scripts, styles and comments",
			in:    `<div>x<script>var a = 'y';</script><style>.a{}</style><!-- z -->y</div>`,
			text:  "xy",
			lines: []string{"xy"},
		},
		{
			name:  "skipped subtree",
			in:    `<h1><span class="label">标准号：</span>GB 1-2020</h1>`,
			skip:  skipLabels,
			text:  "GB 1-2020",
			lines: []string{"GB 1-2020"},
		},
		{
			name:  "empty blocks drop out",
			in:    `<div><p> </p><p></p>a</div>`,
			text:  "a",
			lines: []string{"a"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := mustParse(t, tt.in)
			if got := Text(doc, blocks, tt.skip); got != tt.text {
				t.Errorf("Text = %q, want %q", got, tt.text)
			}
			if diff := cmp.Diff(tt.lines, Lines(doc, blocks, tt.skip)); diff != "" {
				t.Errorf("Lines (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTextNoBlocks(t *testing.T) {
	doc := mustParse(t, `<p>a</p><p>b</p>`)
	if got := Text(doc, nil, nil); got != "ab" {
		t.Errorf("Text without blocks = %q, want %q", got, "ab")
	}
}

func TestTextNil(t *testing.T) {
	if got := Text(nil, blocks, nil); got != "" {
		t.Errorf("Text(nil) = %q, want empty", got)
	}
	if got := Lines(nil, blocks, nil); got != nil {
		t.Errorf("Lines(nil) = %q, want nil", got)
	}
}
