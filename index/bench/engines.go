package bench

import (
	"github.com/stdbridge/stdbridge/index"
	"github.com/stdbridge/stdbridge/index/baseline"
	"github.com/stdbridge/stdbridge/index/zh"
)

// Stdbridge is stdbridge's own index set up as the server runs it: the
// glossary's query expansion, and the segmenter's dictionary with the
// glossary's Chinese terms (app.Concepts gives both), loaded by Prepare.
func Stdbridge(glossary []index.Concept, zhWords []string) NamedEngine {
	return NamedEngine{
		Name: "stdbridge",
		Prepare: func() error {
			_, err := zh.Load(zhWords)
			return err
		},
		Open: func(dir string) (index.Engine, error) {
			return index.Open(dir, index.Options{Glossary: glossary})
		},
	}
}

// BleveCJK is the baseline: bleve with its stock cjk analyzer.
func BleveCJK() NamedEngine {
	return NamedEngine{
		Name: "bleve-cjk",
		Open: func(dir string) (index.Engine, error) { return baseline.NewCJK(dir) },
	}
}
