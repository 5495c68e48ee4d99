// Package iso reads ISO's catalogue as ISO publishes it in its Open Data
// ("ISO Deliverables Metadata", one JSON object per line in
// iso_deliverables_metadata.jsonl) and turns it into kb.Standard records.
//
// The file is read whole because a deliverable names the deliverables it
// replaces, and those that replace it, by ISO's numeric id: resolving them
// to references needs every line.
package iso
