package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stdbridge/stdbridge/auth"
	"github.com/stdbridge/stdbridge/store"
	"github.com/stdbridge/stdbridge/store/sqlite"
)

// passwordFile writes content to a file and returns its path.
func passwordFile(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// storedUser reads an account straight from the data directory's store.
func storedUser(t *testing.T, data, name string) store.User {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(data, "stdbridge.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	u, err := s.UserByName(context.Background(), name)
	if err != nil {
		t.Fatalf("user %s: %v", name, err)
	}
	return u
}

func TestUserCommands(t *testing.T) {
	data := t.TempDir()
	pw := passwordFile(t, "correct horse battery\r\nsecond line is ignored\n")
	newPW := passwordFile(t, "another long passphrase")
	steps := []struct {
		args []string
		code int
		out  string // a regexp stdout or stderr must match
	}{
		{[]string{"list"}, 0, `no users`},
		{[]string{"add", "-role", "Reviewer", "-password-file", pw, "li.wei"}, 0, `^added li\.wei \(reviewer\)\n$`},
		{[]string{"add", "-role", "curator", "-password-file", pw, "zhang"}, 0, `added zhang \(curator\)`},
		{[]string{"add", "-role", "reader", "-password-file", pw, "LI.WEI"}, 1, `already a user "LI.WEI"`},
		{[]string{"list"}, 0, `(?m)^NAME +ROLE +CREATED +DISABLED\nli\.wei +reviewer +\d{4}-\d\d-\d\d \d\d:\d\d UTC +no\nzhang +curator .* no\n$`},
		{[]string{"disable", "zhang"}, 0, `disabled zhang`},
		{[]string{"list"}, 0, `(?m)^zhang +curator .* yes$`},
		{[]string{"enable", "zhang"}, 0, `enabled zhang`},
		{[]string{"list"}, 0, `(?m)^zhang +curator .* no$`},
		{[]string{"passwd", "-password-file", newPW, "Li.Wei"}, 0, `changed the password of li\.wei`},
		{[]string{"passwd", "-password-file", newPW, "nobody"}, 1, `no user "nobody"`},
		{[]string{"disable", "nobody"}, 1, `no user "nobody"`},
		{[]string{"add", "-role", "reader", "-password-file", passwordFile(t, "elevenchars\n"), "short"}, 1, `shorter than 12`},
		{[]string{"add", "-role", "reader", "-password-file", passwordFile(t, ""), "empty"}, 1, `shorter than 12`},
		{[]string{"add", "-role", "reader", "-password-file", filepath.Join(data, "missing"), "x"}, 1, `read password`},
	}
	for _, s := range steps {
		args := append([]string{"user"}, s.args[0])
		args = append(append(args, "-data", data), s.args[1:]...)
		out, errOut, code := stdbridge(t, args...)
		if code != s.code || !regexp.MustCompile(s.out).MatchString(out+errOut) {
			t.Errorf("%s: exit %d, want %d matching %q\nstdout: %s\nstderr: %s", strings.Join(s.args, " "), code, s.code, s.out, out, errOut)
		}
	}

	u := storedUser(t, data, "li.wei")
	if u.Role != store.RoleReviewer || u.Disabled {
		t.Errorf("stored %+v", u)
	}
	if !strings.HasPrefix(u.PasswordHash, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q is not argon2id at the default cost", u.PasswordHash)
	}
	for pw, want := range map[string]bool{"another long passphrase": true, "correct horse battery": false} {
		if ok, err := auth.Verify(u.PasswordHash, pw); err != nil || ok != want {
			t.Errorf("Verify(%q) after passwd = %v, %v; want %v", pw, ok, err, want)
		}
	}
	for _, name := range []string{"short", "empty"} {
		s, _ := sqlite.Open(context.Background(), filepath.Join(data, "stdbridge.db"))
		if _, err := s.UserByName(context.Background(), name); err == nil {
			t.Errorf("user %s was added with a refused password", name)
		}
		s.Close()
	}
}

func TestUserUsageErrors(t *testing.T) {
	data := t.TempDir()
	pw := passwordFile(t, "correct horse battery")
	tests := []struct {
		args []string
		want string
	}{
		{nil, "name a subcommand"},
		{[]string{"frob"}, `unknown subcommand "frob"`},
		{[]string{"add", "-password-file", pw, "x"}, "-role is required"},
		{[]string{"add", "-role", "owner", "-password-file", pw, "x"}, `unknown role "owner"`},
		{[]string{"add", "-role", "reader", "x"}, "-password-file is required"},
		{[]string{"add", "-role", "reader", "-password-file", pw}, "name one user"},
		{[]string{"add", "-role", "reader", "-password-file", pw, "a", "b"}, "name one user"},
		{[]string{"add", "x", "-role", "reader", "-password-file", pw}, "flags go before the name"},
		{[]string{"add", "-role", "reader", "-password-file", pw, "li wei"}, "not allowed"},
		{[]string{"add", "-bogus"}, "flag provided but not defined"},
		{[]string{"passwd", "x"}, "-password-file is required"},
		{[]string{"disable"}, "name one user"},
		{[]string{"enable", "a", "b"}, "name one user"},
		{[]string{"list", "extra"}, `unexpected argument "extra"`},
	}
	for _, tt := range tests {
		args := append([]string{"user"}, tt.args...)
		if len(tt.args) > 0 {
			args = append([]string{"user", tt.args[0], "-data", data}, tt.args[1:]...)
		}
		_, errOut, code := stdbridge(t, args...)
		if code != 2 || !strings.Contains(errOut, tt.want) {
			t.Errorf("user %s: exit %d, want 2 and %q in:\n%s", strings.Join(tt.args, " "), code, tt.want, errOut)
		}
	}
	// Nothing was opened, so nothing was created.
	if _, err := os.Stat(filepath.Join(data, "stdbridge.db")); !os.IsNotExist(err) {
		t.Errorf("a refused command created the store: %v", err)
	}
}

func TestUserHelp(t *testing.T) {
	out, _, code := stdbridge(t, "user", "help")
	if code != 0 || !strings.Contains(out, "stdbridge user add") {
		t.Errorf("user help: exit %d\n%s", code, out)
	}
	if out, _, _ := stdbridge(t, "help"); !strings.Contains(out, "stdbridge user ") {
		t.Error("the main usage does not mention user")
	}
}
