package site

import (
	"context"
	"errors"
	"fmt"

	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/mapping"
	"github.com/stdbridge/stdbridge/store"
	"github.com/stdbridge/stdbridge/templates"
)

// suggestionsShown bounds the suggestions a page lists.
const suggestionsShown = 5

// corpus returns the mapping corpus, or nil when the site has none.
func (s *server) corpus(ctx context.Context) (*mapping.Corpus, error) {
	if s.mappings == nil {
		return nil, nil
	}
	return s.mappings.Corpus(ctx)
}

// suggestionViews turns suggestions into what pages show, in lang.
func suggestionViews(t func(string, ...any) string, lang string, sugs []mapping.Suggestion) []templates.SuggestionView {
	out := make([]templates.SuggestionView, 0, len(sugs))
	for _, sg := range sugs {
		v := templates.SuggestionView{Number: sg.Number, Title: pick(lang, sg.TitleZh, sg.TitleEn), Degree: sg.Degree}
		for _, e := range sg.Evidence {
			if e.Weight <= 0 {
				continue
			}
			if e.Kind == "adoption" || e.Kind == "mapping" {
				v.Recorded = true
			}
			v.Evidence = append(v.Evidence, evidenceText(t, e))
		}
		out = append(out, v)
	}
	return out
}

// evidenceText says one reason in the page's language.
func evidenceText(t func(string, ...any) string, e mapping.Evidence) string {
	arg := func(i int) string {
		if i < len(e.Args) {
			return e.Args[i]
		}
		return ""
	}
	switch e.Kind {
	case "adoption":
		return t("suggest.adoption", arg(0), arg(1), arg(2))
	case "mapping":
		status := t("suggest.proposed")
		if arg(3) == string(kb.MappingApproved) {
			status = t("suggest.approved")
		}
		return t("suggest.mapping", arg(0), arg(1), arg(2), status)
	case "number":
		return t("suggest.number")
	case "ics":
		return t("suggest.ics", arg(0))
	case "title":
		return t("suggest.title")
	case "title_zh":
		return t("suggest.titleZh")
	case "edition":
		return t("suggest.edition")
	case "cited":
		return t("suggest.cited", arg(0))
	case "national":
		return t("suggest.national")
	}
	return e.Detail
}

func pick(lang, zh, en string) string {
	if lang == langEn && en != "" || zh == "" {
		return en
	}
	return zh
}

// standardSuggestions ranks the standards on the other side of number.
func (s *server) standardSuggestions(ctx context.Context, lang, number string) ([]templates.SuggestionView, error) {
	c, err := s.corpus(ctx)
	if err != nil || c == nil {
		return nil, err
	}
	sugs, err := c.Suggest(number, suggestionsShown)
	if err != nil {
		return nil, fmt.Errorf("suggestions for %s: %w", number, err)
	}
	return suggestionViews(translator(lang), lang, sugs), nil
}

// citedViews lists the standards a notification cites — in its fields or
// in its text — each with the GB standards recorded as adopting it or
// mapped to it, their deviations and a comparison of indicators when one
// holds both.
func (s *server) citedViews(ctx context.Context, lang string, n *kb.Notification) ([]templates.CitedView, error) {
	cited := append(append([]string(nil), n.InternationalStandards...), mapping.Cited(n.Title+"\n"+n.Description+"\n"+n.Products)...)
	refs, err := s.citedStandards(ctx, dedupeNumbers(cited))
	if err != nil {
		return nil, err
	}
	c, err := s.corpus(ctx)
	if err != nil {
		return nil, err
	}
	topics, err := s.store.Topics(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]templates.CitedView, 0, len(refs))
	for _, ref := range refs {
		v := templates.CitedView{Ref: ref}
		number, err := kb.CanonicalStandardNumber(ref.Text)
		if err != nil || c == nil {
			out = append(out, v)
			continue
		}
		if std, err := s.store.Standard(ctx, number); err == nil {
			v.Title = std.Title(lang)
		}
		sugs, err := c.Suggest(number, suggestionsShown)
		if err != nil {
			return nil, err
		}
		for _, sg := range sugs {
			if !recorded(sg) {
				continue
			}
			eq := templates.EquivalentView{Number: sg.Number, Title: pick(lang, sg.TitleZh, sg.TitleEn), Degree: sg.Degree,
				CompareURL: compareURL(topics, number, sg.Number)}
			m, err := s.store.Mapping(ctx, number, sg.Number)
			switch {
			case err == nil && m.Status == kb.MappingApproved:
				eq.Deviations = renderMarkdown(s.md, m.Deviations)
			case err != nil && !errors.Is(err, store.ErrNotFound):
				return nil, err
			}
			v.Equivalents = append(v.Equivalents, eq)
		}
		out = append(out, v)
	}
	return out, nil
}

// recorded reports whether an adoption record or a mapping backs a
// suggestion: only those are shown as equivalents.
func recorded(sg mapping.Suggestion) bool {
	for _, e := range sg.Evidence {
		if e.Kind == "adoption" || e.Kind == "mapping" {
			return true
		}
	}
	return false
}

// compareURL is the comparison of a topic that has both standards among
// its sources (dated or not), or "".
func compareURL(topics []store.Topic, a, b string) string {
	ua, ub := undated(a), undated(b)
	for _, tp := range topics {
		hasA, hasB := false, false
		for _, src := range tp.Sources {
			u := undated(src)
			hasA = hasA || u == ua
			hasB = hasB || u == ub
		}
		if hasA && hasB {
			return templates.CompareURL(tp.Name)
		}
	}
	return ""
}

func undated(number string) string {
	n, err := kb.ParseStandardNumber(number)
	if err != nil {
		return number
	}
	return n.Undated()
}

func dedupeNumbers(list []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range list {
		key := x
		if c, err := kb.CanonicalStandardNumber(x); err == nil {
			key = c
		}
		if !seen[key] {
			seen[key] = true
			out = append(out, x)
		}
	}
	return out
}

// textSuggestions ranks GB standards by a notification's title, for
// notifications whose cited standards name none.
func (s *server) textSuggestions(ctx context.Context, lang string, n *kb.Notification) ([]templates.SuggestionView, error) {
	c, err := s.corpus(ctx)
	if err != nil || c == nil {
		return nil, err
	}
	title := n.Title
	if n.Products != "" {
		title += " " + n.Products
	}
	var sugs []mapping.Suggestion
	for _, sg := range c.SuggestForText(title, nil, suggestionsShown) {
		if sg.Score >= minTextScore {
			sugs = append(sugs, sg)
		}
	}
	return suggestionViews(translator(lang), lang, sugs), nil
}

// minTextScore keeps suggestions drawn from a title alone to those that
// share distinctive words: below it they are mostly noise.
const minTextScore = 1.5
