// Package bench measures search engines on a realistic corpus: it
// generates one (Generate, Queries) or reads a real catalogue (Relaton,
// SampleQueries), indexes it into an engine (Load), opens the index afresh
// and times queries on it (Serve), and reports indexing rate, latency
// percentiles, memory and index size side by side (Report).
// `stdbridge bench` runs each engine's Load and Serve in processes of
// their own; the go test benchmarks of this package run them small.
package bench
