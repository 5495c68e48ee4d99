package zh

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/token/stop"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
)

// AnalyzerName is the analyzer for Chinese text fields.
const AnalyzerName = "stdbridge_zh"

const stopName = "stdbridge_zh_stop"

// stopWords are single characters that carry no meaning for search
// (的, 和, 与 ...); longer words are never dropped.
var stopWords = []string{"的", "了", "和", "与", "及", "或", "在", "中", "对", "等", "之", "其", "为", "是", "由", "于", "以"}

func init() {
	// bleve looks analyzers up by name in its global registry when an index
	// is opened; registering is the one thing this package does on import.
	registry.RegisterTokenizer(TokenizerName, TokenizerConstructor)
	registry.RegisterTokenFilter(T2SFilterName, T2SFilterConstructor)
	registry.RegisterTokenMap(stopName, func(map[string]interface{}, *registry.Cache) (analysis.TokenMap, error) {
		m := analysis.NewTokenMap()
		for _, w := range stopWords {
			m.AddToken(w)
		}
		return m, nil
	})
	registry.RegisterTokenFilter(stopName, func(_ map[string]interface{}, cache *registry.Cache) (analysis.TokenFilter, error) {
		m, err := cache.TokenMapNamed(stopName)
		if err != nil {
			return nil, err
		}
		return stop.NewStopTokensFilter(m), nil
	})
	registry.RegisterAnalyzer(AnalyzerName, AnalyzerConstructor)
	registry.RegisterAnalyzer(BigramAnalyzerName, BigramAnalyzerConstructor)
	registry.RegisterAnalyzer(EnglishAnalyzerName, EnglishAnalyzerConstructor)
}

// AnalyzerConstructor builds the Chinese analyzer: gse words, lower case
// for Latin words inside Chinese text, traditional folded to simplified,
// meaningless single characters dropped.
func AnalyzerConstructor(_ map[string]interface{}, cache *registry.Cache) (analysis.Analyzer, error) {
	return pipeline(cache, TokenizerName, lowercase.Name, T2SFilterName, stopName)
}

// pipeline is the analyzer of a registered tokenizer followed by
// registered token filters, in order.
func pipeline(cache *registry.Cache, tokenizer string, filters ...string) (analysis.Analyzer, error) {
	tok, err := cache.TokenizerNamed(tokenizer)
	if err != nil {
		return nil, err
	}
	a := &analysis.DefaultAnalyzer{Tokenizer: tok}
	for _, name := range filters {
		f, err := cache.TokenFilterNamed(name)
		if err != nil {
			return nil, err
		}
		a.TokenFilters = append(a.TokenFilters, f)
	}
	return a, nil
}

// BigramAnalyzerName is the fallback analyzer for Chinese text: overlapping
// character pairs (bleve's cjk analyzer) of the simplified form, which
// matches however the segmenter cut a phrase.
const BigramAnalyzerName = "stdbridge_zh_bigram"

// BigramAnalyzerConstructor builds the bigram analyzer.
func BigramAnalyzerConstructor(_ map[string]interface{}, cache *registry.Cache) (analysis.Analyzer, error) {
	return pipeline(cache, unicode.Name, cjk.WidthName, lowercase.Name, T2SFilterName, cjk.BigramName)
}

// EnglishAnalyzerName is bleve's English analysis (possessives, lower
// case, stop words, Porter stems) with traditional Chinese folded to
// simplified, for the Chinese words English text quotes ("Apple (蘋果)").
const EnglishAnalyzerName = "stdbridge_en"

// EnglishAnalyzerConstructor builds the English analyzer.
func EnglishAnalyzerConstructor(_ map[string]interface{}, cache *registry.Cache) (analysis.Analyzer, error) {
	return pipeline(cache, unicode.Name, en.PossessiveName, lowercase.Name, T2SFilterName, en.StopName, porter.Name)
}
