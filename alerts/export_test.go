package alerts

import (
	"testing"

	"github.com/stdbridge/stdbridge/kb"
)

// BenchData gives the external benchmarks (which may import the index's
// folder) the generated subscriptions and notifications of benchData.
func BenchData(b *testing.B, nsubs, nnotes int) ([]kb.Subscription, []kb.Notification) {
	return benchData(b, nsubs, nnotes)
}
