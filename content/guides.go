package content

import (
	"bufio"
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

// Guide is one market guide, in one language.
type Guide struct {
	Slug    string // file name without language and extension: "eu-toys"
	Lang    string // "zh" or "en"
	Title   string
	Summary string
	Markets []string // WTO member codes the guide is about
	Sectors []string // e.g. "toys", "food"
	HTML    template.HTML
}

// Guides is the set of guides, looked up by slug and language.
type Guides struct {
	list []Guide
}

// LoadGuides parses and renders every guides/SLUG.LANG.md file of fsys.
// A guide starts with a front matter block between "---" lines holding
// title, summary, markets and sectors (comma separated).
func LoadGuides(fsys fs.FS) (*Guides, error) {
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
	names, err := fs.Glob(fsys, "*.md")
	if err != nil {
		return nil, err
	}
	g := &Guides{}
	for _, name := range names {
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("read guide %s: %w", name, err)
		}
		guide, err := parseGuide(md, name, src)
		if err != nil {
			return nil, fmt.Errorf("guide %s: %w", name, err)
		}
		g.list = append(g.list, guide)
	}
	sort.Slice(g.list, func(i, j int) bool {
		if g.list[i].Slug != g.list[j].Slug {
			return g.list[i].Slug < g.list[j].Slug
		}
		return g.list[i].Lang < g.list[j].Lang
	})
	return g, nil
}

func parseGuide(md goldmark.Markdown, name string, src []byte) (Guide, error) {
	base := strings.TrimSuffix(path.Base(name), ".md")
	slug, lang, ok := strings.Cut(base, ".")
	if !ok || (lang != "zh" && lang != "en") {
		return Guide{}, fmt.Errorf("file name must be SLUG.zh.md or SLUG.en.md")
	}
	g := Guide{Slug: slug, Lang: lang}
	body := src
	if rest, ok := bytes.CutPrefix(src, []byte("---\n")); ok {
		front, after, ok := bytes.Cut(rest, []byte("\n---\n"))
		if !ok {
			return Guide{}, fmt.Errorf("front matter is not closed by ---")
		}
		body = after
		sc := bufio.NewScanner(bytes.NewReader(front))
		for sc.Scan() {
			key, val, ok := strings.Cut(sc.Text(), ":")
			if !ok {
				continue
			}
			val = strings.TrimSpace(val)
			switch strings.TrimSpace(key) {
			case "title":
				g.Title = val
			case "summary":
				g.Summary = val
			case "markets":
				g.Markets = splitList(val)
			case "sectors":
				g.Sectors = splitList(val)
			default:
				return Guide{}, fmt.Errorf("unknown front matter key %q", key)
			}
		}
	}
	if g.Title == "" {
		return Guide{}, fmt.Errorf("no title in front matter")
	}
	var buf bytes.Buffer
	if err := md.Convert(body, &buf); err != nil {
		return Guide{}, fmt.Errorf("render: %w", err)
	}
	// goldmark escapes raw HTML by default (html.WithUnsafe is not set), so
	// the output is safe to embed.
	g.HTML = template.HTML(buf.String())
	return g, nil
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// All lists the guides in one language, falling back to the other language
// for a slug that has no translation.
func (g *Guides) All(lang string) []Guide {
	bySlug := map[string]Guide{}
	var order []string
	for _, x := range g.list {
		prev, seen := bySlug[x.Slug]
		if !seen {
			order = append(order, x.Slug)
		}
		if !seen || (x.Lang == lang && prev.Lang != lang) {
			bySlug[x.Slug] = x
		}
	}
	out := make([]Guide, 0, len(order))
	for _, s := range order {
		out = append(out, bySlug[s])
	}
	return out
}

// Get returns the guide with that slug in the wanted language, or in the
// other one when it has not been translated.
func (g *Guides) Get(slug, lang string) (Guide, bool) {
	var found Guide
	ok := false
	for _, x := range g.list {
		if x.Slug == slug {
			if x.Lang == lang {
				return x, true
			}
			found, ok = x, true
		}
	}
	return found, ok
}

// ForMarket lists the guides about a member, in the wanted language.
func (g *Guides) ForMarket(code, lang string) []Guide {
	var out []Guide
	for _, x := range g.All(lang) {
		for _, m := range x.Markets {
			if m == code {
				out = append(out, x)
				break
			}
		}
	}
	return out
}
