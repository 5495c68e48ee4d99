// Package alerts tells subscribers what is new for them: it matches new and
// changed notifications against their subscriptions, queues what is to be
// sent in the store's outbox, and delivers it by e-mail or webhook; feeds
// read the same outbox.
package alerts
