package site

import (
	"net/http"

	"github.com/stdbridge/stdbridge/store"
)

// isStaff reports whether the visitor is signed in as curator or above,
// who sees mappings before they are approved.
func (s *server) isStaff(r *http.Request) bool {
	u := s.user(r)
	return u != nil && u.Role.AtLeast(store.RoleCurator)
}
