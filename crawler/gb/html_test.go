package gb

import (
	"testing"
)

func TestText(t *testing.T) {
	tests := []struct{ in, want string }{
		{`<p>电动<font color="red">玩具</font>安全要求</p>`, "电动玩具安全要求"},
		{`<table><tr><td>共</td><td>4</td></tr></table>`, "共 4"},
		{"<div>a&nbsp;&nbsp;b\n\t c</div>", "a b c"},
		{`<div>x<script>var a = '尚未收录';</script><style>.a{}</style>y</div>`, "xy"},
		{`<div>GB/T 1.1-2020<br>采</div>`, "GB/T 1.1-2020 采"},
		{`<div>a<!-- comment -->b</div>`, "ab"},
	}
	for _, tt := range tests {
		doc, err := parseHTML([]byte(tt.in))
		if err != nil {
			t.Fatal(err)
		}
		if got := text(doc, nil); got != tt.want {
			t.Errorf("text(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
