package site

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/stdbridge/stdbridge/alerts"
	"github.com/stdbridge/stdbridge/auth"
	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
)

// The OpenAPI description (openapi.json) is checked three ways, so that it
// cannot drift from the handlers: against itself (references resolve,
// schemas compile, examples fit their schemas), against the routes
// registered in the source, and against the answers of the real handler
// over the seeded store, every one validated by the documented schema.

// docURL names openapi.json for the schema compiler; it is never fetched.
const docURL = "https://stdbridge.invalid/openapi.json"

// apiDoc is openapi.json decoded, with its schemas compiled on demand.
type apiDoc struct {
	root     map[string]any
	compiler *jsonschema.Compiler
	schemas  map[string]*jsonschema.Schema // by JSON pointer
}

func loadAPIDoc(t *testing.T) *apiDoc {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(openAPIJSON))
	if err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	root, ok := v.(map[string]any)
	if !ok {
		t.Fatal("openapi.json is not a JSON object")
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020) // OpenAPI 3.1's dialect
	c.AssertFormat()
	if err := c.AddResource(docURL, root); err != nil {
		t.Fatalf("openapi.json as a schema resource: %v", err)
	}
	return &apiDoc{root: root, compiler: c, schemas: map[string]*jsonschema.Schema{}}
}

// at is the value at a JSON pointer ("/components/schemas/Error").
func (d *apiDoc) at(ptr string) (any, bool) {
	var v any = d.root
	if ptr == "" {
		return v, true
	}
	for _, tok := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = x[tok]; !ok {
				return nil, false
			}
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(x) {
				return nil, false
			}
			v = x[i]
		default:
			return nil, false
		}
	}
	return v, true
}

// escapeToken escapes a key for a JSON pointer (RFC 6901).
func escapeToken(k string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(k)
}

// deref follows an OpenAPI $ref (of a response, parameter...) to the object
// and its pointer.
func (d *apiDoc) deref(t *testing.T, v any, ptr string) (map[string]any, string) {
	t.Helper()
	for range 10 {
		m, ok := v.(map[string]any)
		if !ok {
			t.Fatalf("%s is not an object", ptr)
		}
		ref, ok := m["$ref"].(string)
		if !ok {
			return m, ptr
		}
		ptr = strings.TrimPrefix(ref, "#")
		if v, ok = d.at(ptr); !ok {
			t.Fatalf("$ref %s: no such object", ref)
		}
	}
	t.Fatalf("%s: $ref loop", ptr)
	return nil, ""
}

// schema compiles the schema at ptr.
func (d *apiDoc) schema(t *testing.T, ptr string) *jsonschema.Schema {
	t.Helper()
	if s, ok := d.schemas[ptr]; ok {
		return s
	}
	s, err := d.compiler.Compile(docURL + "#" + url.PathEscape(ptr))
	if err != nil {
		t.Fatalf("schema %s: %v", ptr, err)
	}
	d.schemas[ptr] = s
	return s
}

// validate checks a Go value (an example) against the schema at ptr.
func (d *apiDoc) validate(t *testing.T, ptr string, v any) error {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return d.validateJSON(t, ptr, b)
}

func (d *apiDoc) validateJSON(t *testing.T, ptr string, b []byte) error {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		return fmt.Errorf("not JSON: %w", err)
	}
	return d.schema(t, ptr).Validate(v)
}

// apiOp is one documented operation.
type apiOp struct {
	method string // GET, POST...
	path   string // the path template, /api/standards/{number}
	ptr    string // its JSON pointer
	op     map[string]any
	params []apiParam // the path item's and the operation's
}

func (o apiOp) String() string { return o.method + " " + o.path }

type apiParam struct {
	name, in string
	required bool
	example  any
	hasEx    bool // whether example is given
	ptr      string
}

func (d *apiDoc) ops(t *testing.T) []apiOp {
	t.Helper()
	// In this order, so that the examples read before they change.
	methods := []string{"get", "post", "put", "patch", "delete"}
	paths, _ := d.root["paths"].(map[string]any)
	var out []apiOp
	for path, item := range paths {
		itemPtr := "/paths/" + escapeToken(path)
		im, _ := item.(map[string]any)
		for _, m := range methods {
			op, ok := im[m].(map[string]any)
			if !ok {
				continue
			}
			o := apiOp{method: strings.ToUpper(m), path: path, ptr: itemPtr + "/" + m, op: op}
			for _, list := range []struct {
				v   any
				ptr string
			}{{im["parameters"], itemPtr + "/parameters"}, {op["parameters"], o.ptr + "/parameters"}} {
				ps, _ := list.v.([]any)
				for i, p := range ps {
					pm, pptr := d.deref(t, p, list.ptr+"/"+strconv.Itoa(i))
					name, _ := pm["name"].(string)
					in, _ := pm["in"].(string)
					req, _ := pm["required"].(bool)
					ex, hasEx := pm["example"]
					o.params = append(o.params, apiParam{name: name, in: in, required: req, example: ex, hasEx: hasEx, ptr: pptr})
				}
			}
			out = append(out, o)
		}
	}
	rank := func(m string) int { return slices.Index(methods, strings.ToLower(m)) }
	slices.SortFunc(out, func(a, b apiOp) int {
		if r := rank(a.method) - rank(b.method); r != 0 {
			return r
		}
		return strings.Compare(a.path, b.path)
	})
	return out
}

// response is the documented answer of op for a status, and the pointer
// of its JSON schema ("" when it has no body).
func (d *apiDoc) response(t *testing.T, o apiOp, status int) (map[string]any, string, bool) {
	t.Helper()
	rs, _ := o.op["responses"].(map[string]any)
	r, ok := rs[strconv.Itoa(status)]
	if !ok {
		return nil, "", false
	}
	rm, rptr := d.deref(t, r, o.ptr+"/responses/"+strconv.Itoa(status))
	if _, ok := d.at(rptr + "/content/application~1json/schema"); !ok {
		return rm, "", true
	}
	return rm, rptr + "/content/application~1json/schema", true
}

// success is the operation's documented 2xx status.
func (d *apiDoc) success(t *testing.T, o apiOp) int {
	t.Helper()
	rs, _ := o.op["responses"].(map[string]any)
	for code := range rs {
		if n, err := strconv.Atoi(code); err == nil && n >= 200 && n < 300 {
			return n
		}
	}
	t.Fatalf("%s documents no success", o)
	return 0
}

// TestOpenAPIDocument checks the description on its own: an OpenAPI 3.1
// document whose references resolve, whose schemas compile against JSON
// Schema 2020-12, and whose examples fit their schemas.
func TestOpenAPIDocument(t *testing.T) {
	d := loadAPIDoc(t)
	if v, _ := d.root["openapi"].(string); !strings.HasPrefix(v, "3.1.") {
		t.Errorf("openapi = %q; want 3.1.x", v)
	}
	// Every $ref resolves; every example in the schemas fits its schema.
	var walk func(v any, ptr string)
	walk = func(v any, ptr string) {
		switch v := v.(type) {
		case map[string]any:
			if ref, ok := v["$ref"].(string); ok {
				if _, ok := d.at(strings.TrimPrefix(ref, "#")); !strings.HasPrefix(ref, "#/") || !ok {
					t.Errorf("%s: $ref %q does not resolve", ptr, ref)
				}
			}
			if ex, ok := v["example"]; ok && strings.HasPrefix(ptr, "/components/schemas/") {
				if err := d.validate(t, ptr, ex); err != nil {
					t.Errorf("%s: its example does not fit: %v", ptr, err)
				}
			}
			for k, x := range v {
				walk(x, ptr+"/"+escapeToken(k))
			}
		case []any:
			for i, x := range v {
				walk(x, ptr+"/"+strconv.Itoa(i))
			}
		}
	}
	walk(d.root, "")
	comps, _ := d.at("/components/schemas")
	for name := range comps.(map[string]any) {
		d.schema(t, "/components/schemas/"+name)
	}

	ids := map[string]string{}
	reParam := regexp.MustCompile(`\{([^}]+)\}`)
	for _, o := range d.ops(t) {
		id, _ := o.op["operationId"].(string)
		if id == "" {
			t.Errorf("%s has no operationId", o)
		} else if other, dup := ids[id]; dup {
			t.Errorf("%s and %s share operationId %q", o, other, id)
		}
		ids[id] = o.String()
		// Path parameters: exactly those of the template, required.
		var inPath, declared []string
		for _, m := range reParam.FindAllStringSubmatch(o.path, -1) {
			inPath = append(inPath, m[1])
		}
		for _, p := range o.params {
			if p.in == "path" {
				declared = append(declared, p.name)
				if !p.required {
					t.Errorf("%s: path parameter %s is not required", o, p.name)
				}
			}
			if _, ok := d.at(p.ptr + "/schema"); !ok {
				t.Errorf("%s: parameter %s has no schema", o, p.name)
			} else if p.hasEx {
				if err := d.validate(t, p.ptr+"/schema", p.example); err != nil {
					t.Errorf("%s: the example of %s does not fit its schema: %v", o, p.name, err)
				}
			}
			if p.required && !p.hasEx {
				t.Errorf("%s: required parameter %s has no example to test with", o, p.name)
			}
		}
		if diff := cmp.Diff(inPath, declared); diff != "" {
			t.Errorf("%s: path parameters (-template +declared):\n%s", o, diff)
		}
		if ex, ok := d.at(o.ptr + "/requestBody/content/application~1json/example"); ok {
			if err := d.validate(t, o.ptr+"/requestBody/content/application~1json/schema", ex); err != nil {
				t.Errorf("%s: the request body's example does not fit its schema: %v", o, err)
			}
		} else if _, body := o.op["requestBody"]; body {
			t.Errorf("%s: the request body has no example to test with", o)
		}
		if sec, ok := o.op["security"].([]any); ok {
			for _, req := range sec {
				for name := range req.(map[string]any) {
					if _, ok := d.at("/components/securitySchemes/" + name); !ok {
						t.Errorf("%s: security scheme %s is not defined", o, name)
					}
				}
			}
		}
		rs, _ := o.op["responses"].(map[string]any)
		if len(rs) == 0 {
			t.Errorf("%s documents no response", o)
		}
		for code := range rs {
			status, err := strconv.Atoi(code)
			if err != nil {
				t.Errorf("%s: response %q is not a status code", o, code)
				continue
			}
			rm, schema, _ := d.response(t, o, status)
			if desc, _ := rm["description"].(string); desc == "" {
				t.Errorf("%s: response %d has no description", o, status)
			}
			if schema != "" {
				d.schema(t, schema)
			} else if status != http.StatusNotModified {
				t.Errorf("%s: response %d has no JSON schema", o, status)
			}
		}
	}
}

// reRoute finds the JSON routes registered in the site's source: every
// /api/ pattern, and /healthz.
var reRoute = regexp.MustCompile(`mux\.Handle(?:Func)?\(\s*"([A-Z]+) (/api/[^"]*|/healthz)"`)

// TestOpenAPICoversRoutes checks that every JSON route registered in the
// source is documented and every documented one is registered.
func TestOpenAPICoversRoutes(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var registered []string
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range reRoute.FindAllStringSubmatch(string(src), -1) {
			// ServeMux's {name...} is OpenAPI's {name}; {$} only anchors.
			path := strings.ReplaceAll(strings.ReplaceAll(m[2], "...}", "}"), "{$}", "")
			registered = append(registered, m[1]+" "+path)
		}
	}
	if len(registered) < 10 {
		t.Fatalf("found %d routes in the source; has the registration changed shape?\n%v", len(registered), registered)
	}
	var documented []string
	for _, o := range loadAPIDoc(t).ops(t) {
		documented = append(documented, o.String())
	}
	slices.Sort(registered)
	slices.Sort(documented)
	if diff := cmp.Diff(registered, documented); diff != "" {
		t.Errorf("JSON routes (-registered in site +documented in openapi.json):\n%s", diff)
	}
}

// apiEnv is the fixture's site with every part configured (sign-in, the
// alert desk, the crawler's runs), as `stdbridge serve` builds it.
type apiEnv struct {
	f      *fixture
	h      http.Handler
	desk   *alerts.Desk
	ready  error
	bearer string // the manage token of owner, as a header value
}

const owner = "owner@example.cn"

func newAPIEnv(t *testing.T) *apiEnv {
	t.Helper()
	ctx := t.Context()
	f := newFixture(t)
	m, err := auth.New(f.store, auth.Options{Secret: []byte(strings.Repeat("k", 32)), Params: cheap})
	if err != nil {
		t.Fatal(err)
	}
	tokens, err := alerts.NewTokens([]byte(strings.Repeat("s", 32)))
	if err != nil {
		t.Fatal(err)
	}
	desk := &alerts.Desk{Store: f.store, Mail: &mailbox{}, Links: alerts.Links{Base: "https://stdbridge.example", Tokens: tokens},
		Now: func() time.Time { return testNow }}
	e := &apiEnv{f: f, desk: desk, bearer: "Bearer " + tokens.Sign(alerts.PurposeManage, owner)}
	e.h = New(Config{Store: f.store, Search: f.ix, Crawls: f.store, Auth: m, Writer: f.store, History: f.store,
		Alerts: f.store, Desk: desk, Now: func() time.Time { return testNow },
		Ready: func(context.Context) error { return e.ready }})

	// Crawl runs, one finished with a skipped page and one running, so
	// that /api/sources shows both shapes.
	t0 := testNow.Add(-2 * time.Hour)
	id, err := f.store.StartRun(ctx, "eping", t0)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.store.FinishRun(ctx, store.CrawlRun{ID: id, Source: "eping", Started: t0, Finished: t0.Add(time.Minute), Status: store.RunDone,
		CrawlCounts: store.CrawlCounts{Fetched: 3, New: 2, Failed: 1}, HighWater: "2026-02-28",
		Errors: []store.CrawlError{{URL: "https://eping.example/page=2", Reason: "truncated JSON"}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.StartRun(ctx, "gb", t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	return e
}

// subscription stores a subscription of email, confirmed or not.
func (e *apiEnv) subscription(t *testing.T, email string, confirm bool, req alerts.Request) store.Subscription {
	t.Helper()
	req.Email = email
	sub, err := e.desk.Subscribe(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	if confirm {
		if sub, err = e.desk.Confirm(t.Context(), e.desk.Links.Tokens.Sign(alerts.PurposeConfirm, strconv.FormatInt(sub.ID, 10))); err != nil {
			t.Fatal(err)
		}
	}
	return sub
}

// apiCall is one request to a documented operation.
type apiCall struct {
	op     string // the operation, "GET /api/standards/{number}"
	target string
	header []string // name, value pairs
	body   string
	status int
}

// call serves c and checks the answer against the description: its status
// is documented for the operation, and its body (JSON, of the documented
// content type) fits the documented schema. It returns the status.
func (e *apiEnv) call(t *testing.T, d *apiDoc, o apiOp, c apiCall) int {
	t.Helper()
	r := httptest.NewRequest(o.method, c.target, strings.NewReader(c.body))
	for i := 0; i+1 < len(c.header); i += 2 {
		r.Header.Set(c.header[i], c.header[i+1])
	}
	w := httptest.NewRecorder()
	e.h.ServeHTTP(w, r)
	resp := w.Result()
	b := w.Body.Bytes()
	if isNoRoute(resp.StatusCode, b) {
		t.Fatalf("%s %s: the site's no-route answer %d %s: the documented operation is not served", o.method, c.target, resp.StatusCode, b)
	}
	if resp.StatusCode != c.status {
		t.Errorf("%s %s: status %d; want %d\n%s", o.method, c.target, resp.StatusCode, c.status, b)
	}
	rm, schema, ok := d.response(t, o, resp.StatusCode)
	if !ok {
		t.Errorf("%s %s: status %d is not documented for %s", o.method, c.target, resp.StatusCode, o)
		return resp.StatusCode
	}
	if schema == "" {
		if len(b) != 0 {
			t.Errorf("%s %s: %d with a body, documented without one", o.method, c.target, resp.StatusCode)
		}
	} else {
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("%s %s: Content-Type %q; documented application/json", o.method, c.target, ct)
		}
		if err := d.validateJSON(t, schema, b); err != nil {
			t.Errorf("%s %s: %d answer does not fit %s: %v\n%s", o.method, c.target, resp.StatusCode, schema, err, b)
		}
	}
	if hs, ok := rm["headers"].(map[string]any); ok {
		for name := range hs {
			if resp.Header.Get(name) == "" {
				t.Errorf("%s %s: %d lacks the documented header %s", o.method, c.target, resp.StatusCode, name)
			}
		}
	}
	return resp.StatusCode
}

// isNoRoute reports whether an answer is the one the site gives a path or
// method it does not serve (apiNoRoute).
func isNoRoute(status int, body []byte) bool {
	var e apiErrorBody
	json.Unmarshal(body, &e)
	return (status == http.StatusNotFound && e.Error == "no such API endpoint") ||
		(status == http.StatusMethodNotAllowed && e.Error == "method not allowed")
}

// exampleCall is the request the description's examples make for o.
func exampleCall(t *testing.T, d *apiDoc, o apiOp, bearer string, rawSlashes bool) apiCall {
	t.Helper()
	path := o.path
	q := url.Values{}
	var header []string
	for _, p := range o.params {
		if !p.hasEx {
			continue
		}
		s := exampleString(p.example)
		switch p.in {
		case "path":
			esc := url.PathEscape(s)
			if rawSlashes {
				esc = strings.ReplaceAll(esc, "%2F", "/")
			}
			path = strings.Replace(path, "{"+p.name+"}", esc, 1)
		case "query":
			if list, ok := p.example.([]any); ok {
				for _, x := range list {
					q.Add(p.name, exampleString(x))
				}
			} else {
				q.Set(p.name, s)
			}
		case "header":
			header = append(header, p.name, s)
		}
	}
	c := apiCall{op: o.String(), target: path, header: header}
	if len(q) > 0 {
		c.target += "?" + q.Encode()
	}
	if _, ok := o.op["security"]; ok {
		c.header = append(c.header, "Authorization", bearer)
	}
	if ex, ok := d.at(o.ptr + "/requestBody/content/application~1json/example"); ok {
		b, err := json.Marshal(ex)
		if err != nil {
			t.Fatal(err)
		}
		c.body = string(b)
		c.header = append(c.header, "Content-Type", "application/json")
	}
	return c
}

func exampleString(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	case bool:
		return strconv.FormatBool(v)
	}
	panic(fmt.Sprintf("example %v: not a string, number or boolean", v))
}

// TestOpenAPIAgainstHandlers calls every documented operation with the
// description's examples, then with the table's requests (errors among
// them), and validates each answer against the documented schema. Every
// documented status but 500 must be reached, so that none is stale.
func TestOpenAPIAgainstHandlers(t *testing.T) {
	d := loadAPIDoc(t)
	e := newAPIEnv(t)
	ops := map[string]apiOp{}
	for _, o := range d.ops(t) {
		ops[o.String()] = o
	}
	// The examples' subscription 1 is owner's, confirmed, so that it can
	// be paused; another address's and a pending one serve the errors.
	mine := e.subscription(t, owner, true, alerts.Request{Label: "toys", Conditions: kb.Subscription{Members: []string{"EU"}}})
	if mine.ID != 1 {
		t.Fatalf("the first subscription has id %d; the examples use 1", mine.ID)
	}
	theirs := e.subscription(t, "other@example.cn", true, alerts.Request{Channel: store.ChannelWebhook, WebhookURL: "https://hooks.example.com/x",
		Conditions: kb.Subscription{HS: []string{"9503"}}})
	pending := e.subscription(t, owner, false, alerts.Request{Conditions: kb.Subscription{Keywords: []string{"lead"}}})
	sub := func(id int64) string { return "/api/subscriptions/" + strconv.FormatInt(id, 10) }

	reached := map[string]bool{} // operation + " " + status
	run := func(t *testing.T, c apiCall) {
		t.Helper()
		o, ok := ops[c.op]
		if !ok {
			t.Fatalf("%s is not documented", c.op)
		}
		reached[c.op+" "+strconv.Itoa(e.call(t, d, o, c))] = true
	}

	t.Run("examples", func(t *testing.T) {
		for _, o := range d.ops(t) {
			c := exampleCall(t, d, o, e.bearer, false)
			c.status = d.success(t, o)
			run(t, c)
			// A client may also send the slashes of a key as they are.
			if raw := exampleCall(t, d, o, e.bearer, true); raw.target != c.target && o.method == http.MethodGet {
				raw.status = c.status
				run(t, raw)
			}
		}
	})

	// The site's answer to what it does not serve, which the examples
	// must never get.
	for _, c := range []struct{ method, target string }{{"GET", "/api/nothing"}, {"GET", "/api/subscriptions/1/x"}, {"PUT", "/api/subscriptions"}} {
		w := httptest.NewRecorder()
		e.h.ServeHTTP(w, httptest.NewRequest(c.method, c.target, nil))
		if !isNoRoute(w.Code, w.Body.Bytes()) {
			t.Errorf("%s %s = %d %s; want the no-route answer", c.method, c.target, w.Code, w.Body)
		}
	}

	asJSON := []string{"Content-Type", "application/json"}
	auth := func(extra ...string) []string { return append([]string{"Authorization", e.bearer}, extra...) }
	withJSON := auth(asJSON...)
	big := `{"label": "` + strings.Repeat("x", 70<<10) + `"}`
	calls := []apiCall{
		{op: "GET /api/search", target: "/api/search", status: 400},
		{op: "GET /api/search", target: "/api/search?q=toys&from=2025-13", status: 400},
		{op: "GET /api/search", target: "/api/search?q=toys&limit=0", status: 400},
		{op: "GET /api/search", target: "/api/search?member=Atlantis", status: 400},
		{op: "GET /api/search", target: "/api/search?kind=notification&member=eu&area=tbt&from=2025&to=2026-06&open=1&sort=deadline&facets=1&lang=zh", status: 200},
		{op: "GET /api/search", target: "/api/search?q=toys&kind=standard,regulation&status=current&offset=1&limit=2&facets=true", status: 200},
		{op: "GET /api/search", target: "/api/search?q=玩具+铅", status: 200},
		{op: "GET /api/standards/{number}", target: "/api/standards/xx", status: 400},
		{op: "GET /api/standards/{number}", target: "/api/standards/GB%209999-2099", status: 404},
		{op: "GET /api/standards/{number}", target: "/api/standards/GB/T%2019001-2008", status: 200},
		{op: "GET /api/standards/{number}", target: "/api/standards/EN%2071-1:2014+A1:2018", status: 200}, // known only as cited: standard is null
		{op: "GET /api/notifications/{key}", target: "/api/notifications/not-a-symbol", status: 400},
		{op: "GET /api/notifications/{key}", target: "/api/notifications/G/TBT/N/EU/9999", status: 404},
		{op: "GET /api/notifications/{key}", target: "/api/notifications/G%2FSPS%2FN%2FUSA%2F3500", status: 200},
		{op: "GET /api/regulations/{id}", target: "/api/regulations/" + strings.Repeat("x", 201), status: 400},
		{op: "GET /api/regulations/{id}", target: "/api/regulations/Regulation%20(EU)%209999/1", status: 404},
		{op: "GET /api/mappings", target: "/api/mappings", status: 400},
		{op: "GET /api/mappings", target: "/api/mappings?number=xx", status: 400},
		{op: "GET /api/mappings", target: "/api/mappings?number=ISO%209001:2015", status: 200},
		{op: "GET /api/requirements", target: "/api/requirements", status: 400},
		{op: "GET /api/requirements", target: "/api/requirements?topic=no-such-topic", status: 404},
		{op: "GET /api/requirements", target: "/api/requirements?source=GB%206675.4-2014", status: 200},
		{op: "GET /api/openapi.json", target: "/api/openapi.json", header: []string{"If-None-Match", `"` + newAPIDescription().hash + `"`}, status: 304},
		{op: "GET /api/subscriptions", target: "/api/subscriptions", status: 401},
		{op: "GET /api/subscriptions", target: "/api/subscriptions", header: []string{"Authorization", "Bearer nonsense"}, status: 401},
		{op: "GET /api/subscriptions/{id}", target: sub(pending.ID), status: 401},
		{op: "GET /api/subscriptions/{id}", target: sub(pending.ID), header: auth(), status: 200},
		{op: "GET /api/subscriptions/{id}", target: sub(theirs.ID), header: auth(), status: 403},
		{op: "GET /api/subscriptions/{id}", target: sub(9999), header: auth(), status: 404},
		{op: "POST /api/subscriptions", target: "/api/subscriptions", header: asJSON,
			body: `{"email": "nobody", "remind_days": 99, "conditions": {"hs": ["9x"]}}`, status: 400},
		{op: "POST /api/subscriptions", target: "/api/subscriptions", header: asJSON, body: `{"email": "a@example.cn", "frequncy": "daily"}`, status: 400},
		{op: "POST /api/subscriptions", target: "/api/subscriptions", header: asJSON, body: big, status: 413},
		{op: "POST /api/subscriptions", target: "/api/subscriptions", header: []string{"Content-Type", "text/plain"}, body: `{}`, status: 415},
		{op: "POST /api/subscriptions", target: "/api/subscriptions", header: asJSON,
			body: `{"email": "hooks@example.cn", "channel": "webhook", "webhook_url": "https://hooks.example.com/y", "conditions": {"areas": ["SPS"], "types": ["addendum"], "follow": ["G/SPS/N/USA/3500"]}}`, status: 202},
		{op: "PATCH /api/subscriptions/{id}", target: sub(pending.ID), header: withJSON, body: `{"status": "paused"}`, status: 409},
		{op: "PATCH /api/subscriptions/{id}", target: sub(pending.ID), header: withJSON, body: `{"conditions": {"hs": ["9x"]}}`, status: 400},
		{op: "PATCH /api/subscriptions/{id}", target: sub(pending.ID), header: withJSON, body: `{"email": "x@example.cn"}`, status: 400},
		{op: "PATCH /api/subscriptions/{id}", target: sub(pending.ID), header: withJSON, body: `{"label": "lead", "remind_days": 0}`, status: 200},
		{op: "PATCH /api/subscriptions/{id}", target: sub(pending.ID), header: asJSON, body: `{"label": "x"}`, status: 401},
		{op: "PATCH /api/subscriptions/{id}", target: sub(theirs.ID), header: withJSON, body: `{"label": "x"}`, status: 403},
		{op: "PATCH /api/subscriptions/{id}", target: sub(9999), header: withJSON, body: `{"label": "x"}`, status: 404},
		{op: "PATCH /api/subscriptions/{id}", target: sub(pending.ID), header: withJSON, body: big, status: 413},
		{op: "PATCH /api/subscriptions/{id}", target: sub(pending.ID), header: auth("Content-Type", "text/plain"), body: `{}`, status: 415},
		{op: "DELETE /api/subscriptions/{id}", target: sub(pending.ID), status: 401},
		{op: "DELETE /api/subscriptions/{id}", target: sub(theirs.ID), header: auth(), status: 403},
		{op: "DELETE /api/subscriptions/{id}", target: "/api/subscriptions/x", header: auth(), status: 404},
		{op: "GET /api/subscriptions", target: "/api/subscriptions", header: auth(), status: 200}, // with ended, paused and pending ones
	}
	t.Run("table", func(t *testing.T) {
		for _, c := range calls {
			run(t, c)
		}
	})
	t.Run("not ready", func(t *testing.T) {
		e.ready = errors.New("index is being built")
		defer func() { e.ready = nil }()
		run(t, apiCall{op: "GET /healthz", target: "/healthz", status: 503})
	})

	for _, o := range d.ops(t) {
		rs, _ := o.op["responses"].(map[string]any)
		for code := range rs {
			if code != "500" && !reached[o.String()+" "+code] {
				t.Errorf("%s: documented status %s is never reached by this test: add a call, or drop it from openapi.json", o, code)
			}
		}
	}
}

// TestOpenAPIServed checks /api/openapi.json: the embedded file, as JSON,
// cached like the static files.
func TestOpenAPIServed(t *testing.T) {
	f := newFixture(t)
	resp := f.get(t, "/api/openapi.json")
	b := []byte(body(t, resp))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /api/openapi.json = %d", resp.StatusCode)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type %q", ct)
	}
	if !bytes.Equal(b, openAPIJSON) {
		t.Errorf("served %d bytes, not the embedded openapi.json (%d bytes)", len(b), len(openAPIJSON))
	}
	var served, embedded any
	if err := json.Unmarshal(b, &served); err != nil {
		t.Fatalf("served description: %v", err)
	}
	if err := json.Unmarshal(openAPIJSON, &embedded); err != nil {
		t.Fatalf("embedded description: %v", err)
	}
	if diff := cmp.Diff(embedded, served); diff != "" {
		t.Errorf("served description (-embedded +served):\n%s", diff)
	}
	etag := resp.Header.Get("ETag")
	if etag == "" || resp.Header.Get("Cache-Control") != "public, max-age=300" {
		t.Errorf("ETag %q, Cache-Control %q; want an ETag and five minutes", etag, resp.Header.Get("Cache-Control"))
	}
	if r := f.get(t, "/api/openapi.json", "If-None-Match", etag); r.StatusCode != http.StatusNotModified {
		t.Errorf("with If-None-Match: %d; want 304", r.StatusCode)
	}
	v := strings.Trim(etag, `"`)
	if r := f.get(t, "/api/openapi.json?v="+v); r.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" {
		t.Errorf("versioned: Cache-Control %q", r.Header.Get("Cache-Control"))
	}
}

// TestOpenAPISchemasAreStrict checks that the schemas the answers are
// validated against reject what the handlers must not send: unknown
// fields, missing required ones, values outside an enum or a format.
func TestOpenAPISchemasAreStrict(t *testing.T) {
	d := loadAPIDoc(t)
	sub := func(conditions, created string) string {
		return `{"id": 1, "email": "a@example.cn", "lang": "zh", "label": "", "status": "active", "frequency": "daily", "remind_days": 7,
			"channel": "email", "feed_url": "https://stdbridge.example/alerts/feed/x", "conditions": ` + conditions + `,
			"created": "` + created + `", "updated": "2026-03-01T08:00:00Z"}`
	}
	all := `{"members": [], "areas": [], "types": [], "hs": [], "ics": [], "objectives": [], "keywords": [], "exclude": [], "follow": []}`
	tests := []struct {
		schema string
		body   string
		ok     bool
	}{
		{"Error", `{"error": "number: required"}`, true},
		{"Error", `{"error": "invalid subscription", "problems": [{"field": "email", "message": "no e-mail address"}]}`, true},
		{"Error", `{"error": "x", "detail": "y"}`, false},
		{"Error", `{}`, false},
		{"Date", `"2025-03"`, true},
		{"Date", `"2025-3-1"`, false},
		{"StandardAnswer", `{"number": "EN 71-1:2014", "standard": null, "inbound": []}`, true},
		{"StandardAnswer", `{"number": "EN 71-1:2014", "inbound": []}`, false},
		{"StandardAnswer", `{"number": "X", "standard": {"number": "X", "status": "obsolete"}, "inbound": []}`, false},
		{"SearchHit", `{"kind": "standard", "key": "k", "score": 1.5, "partial": false, "url": "/standards/k"}`, true},
		{"SearchHit", `{"kind": "book", "key": "k", "score": 1.5, "partial": false, "url": "/standards/k"}`, false},
		{"Stats", `{"kinds": {"book": 1}, "members": {}, "areas": {}, "publishers": {}, "change_count": 0}`, false},
		{"Subscription", sub(all, "2026-03-01T08:00:00Z"), true},
		{"Subscription", sub(`{"members": ["EU"]}`, "2026-03-01T08:00:00Z"), false},
		{"Subscription", sub(all, "yesterday"), false},
		{"NewSubscription", `{"email": "a@example.cn", "conditions": {"keywords": ["x"]}, "frequncy": "daily"}`, false},
	}
	for _, tt := range tests {
		err := d.validateJSON(t, "/components/schemas/"+tt.schema, []byte(tt.body))
		if (err == nil) != tt.ok {
			t.Errorf("%s accepts %s: %v; want %v (%v)", tt.schema, tt.body, err == nil, tt.ok, err)
		}
	}
}
