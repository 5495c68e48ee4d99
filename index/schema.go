package index

import (
	"fmt"
	"strconv"
)

// schemaVersion names what documents hold and how they are analysed. It
// changes with the mapping, the document fields or the analyzers, so that
// an index built by an older binary is known to be outdated and rebuilt
// rather than searched with queries it cannot answer.
const schemaVersion = 4 // 4: mappings are indexed only once approved

// schemaKey is where an index records the schema and analysis it was
// built with.
var schemaKey = []byte("stdbridge.schema")

func (ix *Index) schema() string {
	return strconv.Itoa(schemaVersion) + "/" + ix.analysis
}

// Outdated says whether the index was built with another schema or
// analysis than this binary's (Options.Analysis): its documents must be
// indexed again.
func (ix *Index) Outdated() (bool, error) {
	v, err := ix.idx.GetInternal(schemaKey)
	if err != nil {
		return false, fmt.Errorf("read index schema: %w", err)
	}
	return string(v) != ix.schema(), nil
}

func (ix *Index) markSchema() error {
	if err := ix.idx.SetInternal(schemaKey, []byte(ix.schema())); err != nil {
		return fmt.Errorf("write index schema: %w", err)
	}
	return nil
}
