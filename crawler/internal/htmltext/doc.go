// Package htmltext holds the HTML helpers the crawler's page parsers
// share: parsing a page, finding elements in it, and reading an element
// or an HTML fragment as plain text.
//
// What differs from site to site on purpose — which elements break a
// line, which subtrees hold nothing worth reading — is passed in by the
// caller rather than fixed here.
package htmltext
