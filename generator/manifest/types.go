// Package manifest parses and validates gobackend.yaml, the file that tells
// the generator what to build on top of an OpenAPI spec.
//
// The manifest is walked as a yaml.Node tree instead of being decoded into
// structs because every value keeps the line and column it came from: the
// user edits this file by hand, so each problem must point at the exact
// spot, and later stages (which know the spec's fields) reuse those
// positions to report things like an unknown field name in a filter list.
package manifest

import "time"

// Pos is a 1-based line and column in the manifest file. The zero Pos means
// "not written in the file": the value is a default.
type Pos struct {
	Line, Col int
}

// IsValid reports whether p refers to a real place in the file.
func (p Pos) IsValid() bool { return p.Line > 0 }

// Name is a field or resource name together with where it was written, so
// a later stage can reject it (e.g. `unknown field`) at the exact spot.
type Name struct {
	Value string
	Pos   Pos
}

func (n Name) String() string { return n.Value }

// Values returns the plain strings of names, for callers that do not care
// about positions.
func Values(names []Name) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = n.Value
	}
	return out
}

// Supported manifest version, databases, id types and features. They are
// constants rather than free strings so the generator's switch statements
// and this validator cannot drift apart.
const (
	Version = 1

	DatabaseSQLite   = "sqlite"
	DatabasePostgres = "postgres"

	IDUUID   = "uuid"
	IDBigint = "bigint"

	FeatureAuth     = "auth"
	FeatureCache    = "cache"
	FeatureJobs     = "jobs"
	FeatureEmail    = "email"
	FeatureWebhooks = "webhooks"
	FeatureSearch   = "search"
	FeatureStorage  = "storage"
	FeatureRealtime = "realtime"

	// DefaultSpec is where the OpenAPI spec lives when `spec` is omitted.
	DefaultSpec = "api/openapi.yaml"
)

var (
	databases = []string{DatabaseSQLite, DatabasePostgres}
	idTypes   = []string{IDUUID, IDBigint}
	features  = []string{FeatureAuth, FeatureCache, FeatureJobs, FeatureEmail,
		FeatureWebhooks, FeatureSearch, FeatureStorage, FeatureRealtime}
)

// KnownFeatures returns the optional modules a manifest may enable, in
// documentation order. It returns a copy so callers cannot alter validation.
func KnownFeatures() []string { return append([]string(nil), features...) }

// Manifest is a parsed, defaulted and validated gobackend.yaml. Each *Pos
// field is the position of the corresponding value (zero when defaulted);
// Keys holds the position of every top-level key as written, for messages
// that are about a key rather than its value.
type Manifest struct {
	File string // file name as given to Parse, used in error messages

	Version     int
	VersionPos  Pos
	Name        string // app and binary name
	NamePos     Pos
	Module      string // Go module path of the generated app
	ModulePos   Pos
	Database    string // DatabaseSQLite (default) or DatabasePostgres
	DatabasePos Pos
	Spec        string // path of the OpenAPI spec, DefaultSpec by default
	SpecPos     Pos

	Features    []string // enabled optional modules, in file order
	FeaturePos  []Pos    // position of each entry of Features
	FeaturesPos Pos      // position of the features list itself

	Resources    []*Resource // in file order: generated code follows it
	ResourcesPos Pos

	Schedules    []*Schedule // periodic jobs (feature jobs), in file order
	SchedulesPos Pos

	// WebhookEndpoints is who registers webhook endpoints (feature
	// webhooks): WebhookEndpointsOwner (default) or WebhookEndpointsAdmin.
	WebhookEndpoints    string
	WebhookEndpointsPos Pos

	Keys map[string]Pos
}

// HasFeature reports whether the optional module f is enabled.
func (m *Manifest) HasFeature(f string) bool {
	for _, x := range m.Features {
		if x == f {
			return true
		}
	}
	return false
}

// Resource returns the resource with the given key, or nil.
func (m *Manifest) Resource(key string) *Resource {
	for _, r := range m.Resources {
		if r.Key == key {
			return r
		}
	}
	return nil
}

// Resource is one entry of `resources`. Schema is left empty when absent:
// the model layer derives the default (singular PascalCase of Key) because
// it knows the spec's schema names. Every other default is applied here.
type Resource struct {
	Key    string // lower snake_case plural, e.g. "orders"
	KeyPos Pos

	Schema        string
	SchemaPos     Pos
	Table         string // defaults to Key
	TablePos      Pos
	ID            string // IDUUID (default) or IDBigint
	IDPos         Pos
	Owned         bool // rows belong to the calling user; requires FeatureAuth
	OwnedPos      Pos
	Timestamps    bool // default true
	TimestampsPos Pos
	SoftDelete    bool
	SoftDeletePos Pos
	Events        bool
	EventsPos     Pos

	References    []Reference // in file order
	ReferencesPos Pos
	Indexes       [][]Name
	IndexesPos    Pos
	Unique        [][]Name
	UniquePos     Pos
	Filter        []Name
	FilterPos     Pos
	Sort          []Name
	SortPos       Pos
	Search        []Name // requires FeatureSearch
	SearchPos     Pos
	Cache         time.Duration // 0 means no caching
	CachePos      Pos
	HTTPCache     *HTTPCache // nil: the default Cache-Control (private, revalidated)

	Keys map[string]Pos // position of every key of the resource mapping
}

// HTTPCache is how clients and shared caches may keep the GETs of a
// resource (its Cache-Control).
type HTTPCache struct {
	Pos       Pos           // of the http_cache value
	MaxAge    time.Duration // whole seconds; 0: revalidate on every use
	MaxAgePos Pos
	Public    bool // shared caches may keep it too
	PublicPos Pos
}

// Reference says that Field holds the id of a row of resource Target.
// Target is known to be a key of Manifest.Resources once Parse succeeds.
type Reference struct {
	Field  Name
	Target Name
}
