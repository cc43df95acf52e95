package codegen

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strconv"
	"sync"

	"github.com/gobackend/gobackend/generator/files"
)

// sqlcCache keeps what sqlc wrote for a query file (and the shared files)
// under a key made of everything that output depends on: the sqlc release,
// the child command when it is not our own binary, sqlc.yaml and the
// schema, and the query file itself. It holds sqlc's raw output, before
// rewriteHeader, so that a change to our own post-processing can never be
// served stale. A cache that cannot be read or written is no cache: every
// failure is a miss.
type sqlcCache struct {
	dir  string // "" disables the cache
	base []byte // the key of the common inputs
}

// cacheFormat changes whenever what an entry holds changes.
const cacheFormat = "gobackend-sqlc-cache-1"

func (s SQLC) cache(common []files.File) sqlcCache {
	version := sqlcVersion()
	if s.CacheDir == "" || version == "" {
		return sqlcCache{}
	}
	h := sha256.New()
	field := func(b []byte) {
		h.Write([]byte(strconv.Itoa(len(b)) + ":"))
		h.Write(b)
	}
	field([]byte(cacheFormat))
	field([]byte(version))
	for _, a := range s.Command {
		field([]byte(a))
	}
	sorted := append([]files.File(nil), common...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Path < sorted[j].Path })
	for _, f := range sorted {
		field([]byte(f.Path))
		field(f.Data)
	}
	return sqlcCache{dir: s.CacheDir, base: h.Sum(nil)}
}

// key is the entry of the common inputs plus parts.
func (c sqlcCache) key(parts ...any) string {
	h := sha256.New()
	h.Write(c.base)
	for _, p := range parts {
		var b []byte
		switch v := p.(type) {
		case string:
			b = []byte(v)
		case []byte:
			b = v
		}
		h.Write([]byte(strconv.Itoa(len(b)) + ":"))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))
}

type cacheEntry struct {
	Path string `json:"path"`
	Data []byte `json:"data"`
}

func (c sqlcCache) file(parts ...any) string {
	k := c.key(parts...)
	return filepath.Join(c.dir, k[:2], k)
}

// get returns the entry of parts (a query file's path and content, or
// "shared"); an entry may hold no files.
func (c sqlcCache) get(parts ...any) ([]files.File, bool) {
	if c.dir == "" {
		return nil, false
	}
	data, err := os.ReadFile(c.file(parts...))
	if err != nil {
		return nil, false
	}
	var entries []cacheEntry
	if err := json.Unmarshal(data, &entries); err != nil {
		return nil, false
	}
	out := make([]files.File, 0, len(entries))
	for _, e := range entries {
		out = append(out, files.File{Path: e.Path, Data: e.Data, Class: files.Generated})
	}
	return out, true
}

// put stores fs as the entry of parts, atomically: a reader sees the
// whole entry or none.
func (c sqlcCache) put(fs []files.File, parts ...any) {
	if c.dir == "" {
		return
	}
	entries := make([]cacheEntry, 0, len(fs))
	for _, f := range fs {
		entries = append(entries, cacheEntry{Path: f.Path, Data: f.Data})
	}
	data, err := json.Marshal(entries)
	if err != nil {
		return
	}
	name := c.file(parts...)
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), ".tmp-*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr != nil || cerr != nil || os.Rename(tmp.Name(), name) != nil {
		_ = os.Remove(tmp.Name())
	}
}

// sqlcVersion names the sqlc that runs: the module this binary is built
// with, version and checksum (or its replacement's), or where the build
// does not list its modules (a test binary) the hash of the executable
// itself; "" when neither can be had, which disables the cache.
var sqlcVersion = sync.OnceValue(func() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, m := range info.Deps {
			if m.Path != "github.com/sqlc-dev/sqlc" {
				continue
			}
			if m.Replace != nil {
				m = m.Replace
			}
			if m.Sum == "" {
				return "" // a local replacement: its content is unknown
			}
			return m.Path + "@" + m.Version + " " + m.Sum
		}
	}
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return "exe " + hex.EncodeToString(h.Sum(nil))
})
