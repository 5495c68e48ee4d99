package storetest

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/stdbridge/stdbridge/store"
)

// The stores never judge a password hash, so any non-empty text will do.
const fakeHash = "$argon2id$v=19$m=64,t=1,p=1$c2FsdA$aGFzaA"

func addUser(t *testing.T, s store.Store, name string, role store.Role) store.User {
	t.Helper()
	u := store.User{Name: name, Role: role, PasswordHash: fakeHash + name, Created: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	id, err := s.AddUser(t.Context(), u)
	if err != nil {
		t.Fatalf("AddUser(%s): %v", name, err)
	}
	u.ID = id
	return u
}

func testAccountsUsers(t *testing.T, s store.Store) {
	ctx := t.Context()
	alice := addUser(t, s, "alice", store.RoleReviewer)
	bob := addUser(t, s, "Bob.Li", store.RoleCurator)
	if alice.ID == bob.ID || alice.ID == 0 {
		t.Fatalf("ids %d and %d", alice.ID, bob.ID)
	}
	for _, name := range []string{"alice", "ALICE"} {
		got, err := s.UserByName(ctx, name)
		if err != nil {
			t.Fatalf("UserByName(%s): %v", name, err)
		}
		if diff := cmp.Diff(alice, got); diff != "" {
			t.Errorf("UserByName(%s) (-added +read):\n%s", name, diff)
		}
	}
	got, err := s.UserByID(ctx, bob.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(bob, got); diff != "" {
		t.Errorf("UserByID (-added +read):\n%s", diff)
	}
	if _, err := s.UserByName(ctx, "carol"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("UserByName of an unknown name: %v, want ErrNotFound", err)
	}
	if _, err := s.UserByID(ctx, 9999); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("UserByID of an unknown id: %v, want ErrNotFound", err)
	}

	// A zero creation time is the store's clock.
	id, err := s.AddUser(ctx, store.User{Name: "dora", Role: store.RoleReader, PasswordHash: fakeHash})
	if err != nil {
		t.Fatal(err)
	}
	if dora, err := s.UserByID(ctx, id); err != nil || dora.Created.IsZero() || dora.Created.Location() != time.UTC {
		t.Errorf("user added without a time: %+v, %v; want a UTC creation time", dora, err)
	}

	bad := []struct {
		name string
		u    store.User
		want error // nil: any error
	}{
		{"taken", store.User{Name: "alice", Role: store.RoleReader, PasswordHash: fakeHash}, store.ErrExists},
		{"taken in another case", store.User{Name: "Alice", Role: store.RoleReader, PasswordHash: fakeHash}, store.ErrExists},
		{"empty name", store.User{Role: store.RoleReader, PasswordHash: fakeHash}, nil},
		{"space in name", store.User{Name: "al ice", Role: store.RoleReader, PasswordHash: fakeHash}, nil},
		{"unknown role", store.User{Name: "eve", Role: "owner", PasswordHash: fakeHash}, nil},
		{"role not as ParseRole writes it", store.User{Name: "eve", Role: "Admin", PasswordHash: fakeHash}, nil},
		{"no role", store.User{Name: "eve", PasswordHash: fakeHash}, nil},
		{"no password hash", store.User{Name: "eve", Role: store.RoleReader}, nil},
	}
	for _, tt := range bad {
		_, err := s.AddUser(ctx, tt.u)
		if err == nil || tt.want != nil && !errors.Is(err, tt.want) {
			t.Errorf("AddUser, %s: %v, want %v", tt.name, err, tt.want)
		}
	}

	if err := s.SetPassword(ctx, alice.ID, "new-hash"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetDisabled(ctx, bob.ID, true); err != nil {
		t.Fatal(err)
	}
	users, err := s.Users(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, u := range users {
		names = append(names, u.Name)
		switch u.ID {
		case alice.ID:
			if u.PasswordHash != "new-hash" || u.Disabled {
				t.Errorf("alice after SetPassword: %+v", u)
			}
		case bob.ID:
			if !u.Disabled || u.PasswordHash != bob.PasswordHash {
				t.Errorf("bob after SetDisabled: %+v", u)
			}
		}
	}
	if diff := cmp.Diff([]string{"alice", "Bob.Li", "dora"}, names); diff != "" {
		t.Errorf("Users, by name regardless of case (-want +got):\n%s", diff)
	}
	if err := s.SetDisabled(ctx, bob.ID, false); err != nil {
		t.Fatal(err)
	}
	if u, _ := s.UserByID(ctx, bob.ID); u.Disabled {
		t.Error("bob still disabled after re-enabling")
	}
	if err := s.SetPassword(ctx, 9999, "h"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SetPassword of an unknown id: %v, want ErrNotFound", err)
	}
	if err := s.SetDisabled(ctx, 9999, true); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SetDisabled of an unknown id: %v, want ErrNotFound", err)
	}
	if err := s.SetPassword(ctx, alice.ID, ""); err == nil {
		t.Error("SetPassword to an empty hash succeeded")
	}
}

func testAccountsSessions(t *testing.T, s store.Store) {
	ctx := t.Context()
	alice := addUser(t, s, "alice", store.RoleCurator)
	bob := addUser(t, s, "bob", store.RoleReader)
	t0 := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	sess := func(hash string, user int64, life time.Duration) store.Session {
		return store.Session{TokenHash: hash, UserID: user, CSRF: "csrf-" + hash, Created: t0, Expires: t0.Add(life)}
	}
	a1, a2, b1 := sess("a1", alice.ID, time.Hour), sess("a2", alice.ID, 3*time.Hour), sess("b1", bob.ID, 2*time.Hour)
	for _, x := range []store.Session{a1, a2, b1} {
		if err := s.CreateSession(ctx, x); err != nil {
			t.Fatalf("CreateSession(%s): %v", x.TokenHash, err)
		}
	}
	if err := s.CreateSession(ctx, a1); err == nil {
		t.Error("creating a session with a token hash in use succeeded")
	}
	if err := s.CreateSession(ctx, sess("x", 9999, time.Hour)); err == nil {
		t.Error("creating a session of an unknown user succeeded")
	}
	if err := s.CreateSession(ctx, sess("x", alice.ID, 0)); err == nil {
		t.Error("creating a session that expires as it starts succeeded")
	}

	lookups := []struct {
		hash  string
		now   time.Time
		want  store.Session
		found bool
	}{
		{"a1", t0, a1, true},
		{"a1", t0.Add(time.Hour - time.Microsecond), a1, true},
		{"a1", t0.Add(time.Hour), store.Session{}, false}, // expired at Expires
		{"a2", t0.Add(2 * time.Hour), a2, true},
		{"nope", t0, store.Session{}, false},
	}
	for _, tt := range lookups {
		got, err := s.SessionByTokenHash(ctx, tt.hash, tt.now)
		if !tt.found {
			if !errors.Is(err, store.ErrNotFound) {
				t.Errorf("SessionByTokenHash(%s, %v) = %+v, %v; want ErrNotFound", tt.hash, tt.now, got, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("SessionByTokenHash(%s, %v): %v", tt.hash, tt.now, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("SessionByTokenHash(%s, %v) (-created +read):\n%s", tt.hash, tt.now, diff)
		}
	}

	if err := s.DeleteSession(ctx, "a2"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SessionByTokenHash(ctx, "a2", t0); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("deleted session: %v, want ErrNotFound", err)
	}
	if err := s.DeleteSession(ctx, "a2"); err != nil {
		t.Errorf("deleting a missing session: %v", err)
	}

	// At t0+90m a1 has expired and b1 has not.
	n, err := s.DeleteExpiredSessions(ctx, t0.Add(90*time.Minute))
	if err != nil || n != 1 {
		t.Errorf("DeleteExpiredSessions = %d, %v; want 1", n, err)
	}
	if _, err := s.SessionByTokenHash(ctx, "a1", t0); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("expired session still there after DeleteExpiredSessions: %v", err)
	}
	if _, err := s.SessionByTokenHash(ctx, "b1", t0); err != nil {
		t.Errorf("live session gone after DeleteExpiredSessions: %v", err)
	}

	// Changing a password or disabling an account ends its sessions, and
	// only its own.
	for _, x := range []store.Session{sess("a3", alice.ID, time.Hour), sess("b2", bob.ID, time.Hour)} {
		if err := s.CreateSession(ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetPassword(ctx, alice.ID, "changed"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SessionByTokenHash(ctx, "a3", t0); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("session after a password change: %v, want ErrNotFound", err)
	}
	if _, err := s.SessionByTokenHash(ctx, "b2", t0); err != nil {
		t.Errorf("another user's session after a password change: %v", err)
	}
	if err := s.SetDisabled(ctx, bob.ID, true); err != nil {
		t.Fatal(err)
	}
	for _, h := range []string{"b1", "b2"} {
		if _, err := s.SessionByTokenHash(ctx, h, t0); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("session %s of a disabled user: %v, want ErrNotFound", h, err)
		}
	}
}
