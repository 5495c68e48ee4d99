package site

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
	"github.com/stdbridge/stdbridge/templates"
)

// canonicalNotificationKey accepts a WTO symbol in any spelling, or the
// derived key of a notification known without one ("ePing-" and 12 hex
// digits).
func canonicalNotificationKey(raw string) (string, bool) {
	if sym, err := kb.ParseSymbol(raw); err == nil {
		return sym.String(), true
	}
	if hex, ok := strings.CutPrefix(raw, "ePing-"); ok && len(hex) == 12 && strings.Trim(hex, "0123456789abcdef") == "" {
		return raw, true
	}
	return "", false
}

// loadNotification fetches a notification and the chain it belongs to.
func (s *server) loadNotification(ctx context.Context, key string) (*kb.Notification, []*kb.Notification, error) {
	n, err := s.store.Notification(ctx, key)
	if err != nil {
		return nil, nil, fmt.Errorf("get notification %s: %w", key, err)
	}
	sym, ok := n.ParsedSymbol()
	if !ok {
		return n, nil, nil
	}
	root := sym.Root().String()
	chain, err := s.store.Chain(ctx, root)
	if err != nil {
		return nil, nil, fmt.Errorf("chain of %s: %w", root, err)
	}
	return n, chain, nil
}

func (s *server) notificationPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	lang := langFrom(ctx)
	raw := r.PathValue("key")
	key, ok := canonicalNotificationKey(raw)
	if !ok {
		s.notFound(w, r, translator(lang)("ntf.badKey", raw))
		return
	}
	if u := templates.NotificationURL(key); r.URL.EscapedPath() != u {
		redirectCanonical(w, r, u)
		return
	}
	n, chain, err := s.loadNotification(ctx, key)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	today := s.today()
	it := s.notificationItem(n, today)
	v := templates.NotificationView{
		N:        n,
		Member:   kb.LookupMember(n.Member),
		Open:     it.Open,
		DaysLeft: it.DaysLeft,
		Chain:    chain,
	}
	if v.Standards, err = s.citedViews(ctx, lang, n); err != nil {
		s.serverError(w, r, err)
		return
	}
	if !hasEquivalents(v.Standards) {
		if v.Suggested, err = s.textSuggestions(ctx, lang, n); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	title := templates.NotificationTitle(n, lang)
	if n.Symbol != "" {
		title = n.Symbol + " " + title
	}
	s.render(w, r, http.StatusOK, templates.NotificationPage(s.page(r, title, ""), v))
}

// citedStandards links the standards a notification cites when the
// knowledge base has something to show for them; citations are free text
// ("Codex MRLs"), and many name standards no record knows.
func (s *server) citedStandards(ctx context.Context, cited []string) ([]templates.Ref, error) {
	var out []templates.Ref
	for _, c := range cited {
		ref := templates.Ref{Text: c}
		if number, err := kb.CanonicalStandardNumber(c); err == nil {
			_, err := s.loadStandard(ctx, number)
			switch {
			case err == nil:
				ref.URL = templates.StandardURL(number)
			case !errors.Is(err, store.ErrNotFound):
				return nil, err
			}
		}
		out = append(out, ref)
	}
	return out, nil
}

func hasEquivalents(cited []templates.CitedView) bool {
	for _, c := range cited {
		if len(c.Equivalents) > 0 {
			return true
		}
	}
	return false
}
