package site

import (
	"bytes"
	"html"
	"html/template"
	"regexp"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// newMarkdown renders the Markdown written into records (mapping
// deviations). Records come from import files, so raw HTML in them is
// shown as text rather than dropped: a reviewer sees what was written,
// and nothing of it becomes markup. Unsafe link targets (javascript:) are
// removed by goldmark's default, non-unsafe mode.
func newMarkdown() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.GFM),
		goldmark.WithRendererOptions(
			renderer.WithNodeRenderers(util.Prioritized(escapeRawHTML{}, 0)),
		),
	)
}

// renderMarkdown renders src; an error leaves the text escaped in a <pre>.
func renderMarkdown(md goldmark.Markdown, src string) template.HTML {
	if src == "" {
		return ""
	}
	var buf bytes.Buffer
	if err := md.Convert([]byte(src), &buf); err != nil {
		return template.HTML("<pre>" + html.EscapeString(src) + "</pre>")
	}
	return scopeHeaders(template.HTML(buf.String()))
}

var reTableHeader = regexp.MustCompile(`<th([ >])`)

// scopeHeaders gives the header cells of Markdown tables a scope, which
// goldmark does not write. Markdown tables have one header row, so every
// <th> heads a column; text in the HTML is escaped, so only tags match.
func scopeHeaders(h template.HTML) template.HTML {
	return template.HTML(reTableHeader.ReplaceAllString(string(h), `<th scope="col"$1`))
}

// escapeRawHTML renders inline and block HTML as escaped text.
type escapeRawHTML struct{}

func (escapeRawHTML) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, renderRawHTML)
	reg.Register(ast.KindHTMLBlock, renderHTMLBlock)
}

func renderRawHTML(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.RawHTML)
	for i := 0; i < n.Segments.Len(); i++ {
		seg := n.Segments.At(i)
		w.WriteString(html.EscapeString(string(seg.Value(source))))
	}
	return ast.WalkSkipChildren, nil
}

func renderHTMLBlock(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.HTMLBlock)
	if entering {
		w.WriteString("<p>")
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			w.WriteString(html.EscapeString(string(seg.Value(source))))
		}
		if n.HasClosure() {
			w.WriteString(html.EscapeString(string(n.ClosureLine.Value(source))))
		}
		w.WriteString("</p>\n")
	}
	return ast.WalkContinue, nil
}
