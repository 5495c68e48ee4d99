package auth

import (
	"errors"
	"regexp"
	"strings"
	"testing"
)

// cheap keeps tests fast; real hashes use DefaultParams.
var cheap = Params{Memory: 64, Time: 1, Threads: 1}

func TestHashVerify(t *testing.T) {
	h := cheap.Hash("correct horse battery")
	if !regexp.MustCompile(`^\$argon2id\$v=19\$m=64,t=1,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$`).MatchString(h) {
		t.Fatalf("hash %q is not in the PHC argon2id form", h)
	}
	if h2 := cheap.Hash("correct horse battery"); h2 == h {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
	tests := []struct {
		password string
		want     bool
	}{
		{"correct horse battery", true},
		{"correct horse batterY", false},
		{"correct horse battery ", false},
		{"", false},
	}
	for _, tt := range tests {
		ok, err := Verify(h, tt.password)
		if err != nil || ok != tt.want {
			t.Errorf("Verify(%q) = %v, %v; want %v", tt.password, ok, err, tt.want)
		}
	}
}

func TestDefaultParams(t *testing.T) {
	if testing.Short() {
		t.Skip("hashes with the real cost")
	}
	h := Hash("correct horse battery")
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("default hash %q: want OWASP's m=19456,t=2,p=1", h)
	}
	if ok, err := Verify(h, "correct horse battery"); !ok || err != nil {
		t.Errorf("Verify = %v, %v", ok, err)
	}
}

func TestVerifyRejectsBadHashes(t *testing.T) {
	good := cheap.Hash("correct horse battery")
	parts := strings.Split(good, "$")
	with := func(i int, v string) string {
		p := append([]string(nil), parts...)
		p[i] = v
		return strings.Join(p, "$")
	}
	for _, h := range []string{
		"",
		"correct horse battery",
		"$2a$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234", // bcrypt
		with(1, "argon2i"),
		with(2, "v=16"),
		with(3, "m=64,t=1"),
		with(3, "t=1,m=64,p=1"),
		with(3, "m=64,t=1,p=1,x=2"),
		with(3, "m=0,t=1,p=1"),
		with(3, "m=99999999,t=1,p=1"), // would take 95 GiB
		with(3, "m=64,t=0,p=1"),
		with(3, "m=64,t=1000,p=1"),
		with(3, "m=64,t=1,p=0"),
		with(3, "m=64,t=1,p=300"),
		with(3, "m=-64,t=1,p=1"),
		with(3, "m=+64,t=1,p=1"),
		with(4, "!!!"),
		with(4, "c2FsdA"), // 4 bytes
		with(5, "aGFzaA"),
		with(5, parts[5]+"="),
		good + "$",
	} {
		if ok, err := Verify(h, "correct horse battery"); err == nil || ok {
			t.Errorf("Verify(%q) = %v, %v; want an error", h, ok, err)
		}
	}
}

func TestCheckPassword(t *testing.T) {
	tests := []struct {
		password string
		want     error
	}{
		{"", ErrPasswordTooShort},
		{"elevenchars", ErrPasswordTooShort},
		{"twelve chars", nil},
		{"十二个汉字的密码也够长的", nil}, // characters, not bytes
		{"十一个汉字的密码不够长", ErrPasswordTooShort},
		{strings.Repeat("a", MaxPasswordLength), nil},
		{strings.Repeat("a", MaxPasswordLength+1), ErrPasswordTooLong},
	}
	for _, tt := range tests {
		if err := CheckPassword(tt.password); !errors.Is(err, tt.want) {
			t.Errorf("CheckPassword(%q) = %v, want %v", tt.password, err, tt.want)
		}
	}
}
