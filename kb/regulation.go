package kb

import (
	"fmt"
	"strings"
)

// Regulation is a binding measure — an EU regulation or directive, a US
// CFR part, a national order — that references standards.
type Regulation struct {
	ID           string   `json:"id"`
	Jurisdiction string   `json:"jurisdiction,omitempty"`
	TitleZh      string   `json:"title_zh,omitempty"`
	TitleEn      string   `json:"title_en,omitempty"`
	Type         string   `json:"type,omitempty"`
	Adopted      Date     `json:"adopted,omitempty"`
	InForce      Date     `json:"in_force,omitempty"`
	Status       string   `json:"status,omitempty"`
	References   []string `json:"references,omitempty"`
	Summary      string   `json:"summary,omitempty"`
	URL          string   `json:"url,omitempty"`
	Verified     bool     `json:"verified,omitempty"`
	Sources      []string `json:"sources,omitempty"`
}

func (*Regulation) Kind() Kind { return KindRegulation }

// Key is the citation with white space and full-width characters folded.
func (r *Regulation) Key() string { return r.ID }

// Title is the title in the wanted language, falling back to the other.
func (r *Regulation) Title(lang string) string {
	if lang == "en" && r.TitleEn != "" || r.TitleZh == "" {
		return r.TitleEn
	}
	return r.TitleZh
}

func (r *Regulation) Normalize() error {
	var errs fieldErrors
	r.ID = collapseSpace(foldWidth(CleanText(r.ID)))
	if r.ID == "" {
		errs.addf("id", "required")
	} else if len(r.ID) > 200 {
		errs.addf("id", "longer than 200 characters")
	}
	if r.Jurisdiction != "" {
		code, err := MemberCode(r.Jurisdiction)
		errs.add("jurisdiction", err)
		r.Jurisdiction = code
	}
	for _, s := range []*string{&r.TitleZh, &r.TitleEn, &r.URL} {
		normLine(s)
	}
	r.Type = strings.ToLower(collapseSpace(r.Type))
	r.Status = strings.ToLower(collapseSpace(r.Status))
	switch r.Status {
	case "", "in_force", "proposed", "repealed":
	case "in force":
		r.Status = "in_force"
	default:
		errs.add("status", fmt.Errorf("%q: want in_force, proposed or repealed", r.Status))
	}
	normDate(&errs, "adopted", &r.Adopted)
	normDate(&errs, "in_force", &r.InForce)
	r.References = normList(r.References, CanonicalStandardNumber, &errs, "references")
	normText(&r.Summary)
	r.Sources = normSources(r.Sources)
	return errs.err()
}
