package site

import (
	"os"
	"testing"
)

func TestDumpTmp(t *testing.T) {
	f := newFixture(t)
	for name, u := range map[string]string{"home": "/", "std": "/standards/GB%206675.4-2014", "ntf": "/notifications/G/TBT/N/EU/1123", "cmp": "/compare?topic=toy-element-migration", "map": "/mapping?foreign=EN%2071-3:2019%2BA1:2021&domestic=GB%206675.4-2014", "search": "/search?q=lead"} {
		os.WriteFile("/tmp/page-"+name+".html", []byte(body(t, f.get(t, u))), 0o644)
	}
}
