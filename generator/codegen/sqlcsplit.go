package codegen

import (
	"context"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/gobackend/gobackend/generator/files"
)

// What makes Generate fast: sqlc spends nearly all its time parsing the
// query files (its SQLite parser is ANTLR's, well over 10 ms a query), and
// the Go it writes for a query file depends only on the schema, the
// config and that file; models.go and db.go on the schema and the config
// alone. So the query files are parsed by parallel children, each with the
// whole schema and a share of the files, and what a file yields is cached
// by the content of those inputs: an unchanged project parses nothing.
//
// Nothing here may change the output. Every split run checks that the
// children agree on the shared files, and anything unusual (an error, a
// name defined in two files, a disagreement) is answered by one plain run
// over everything, whose result or error is the one sqlc gives.

// splitMinBytes is the least query text worth a child of its own: a child
// costs about 0.1 s to start and to parse the schema.
const splitMinBytes = 8 << 10

// maxWorkers bounds the children of one run.
const maxWorkers = 4

// generateSplit is Generate with s.QueriesDir set.
func (s SQLC) generateSplit(ctx context.Context, in []files.File) ([]files.File, error) {
	var common, queries []files.File
	for _, f := range in {
		if path.Dir(f.Path) == s.QueriesDir && path.Ext(f.Path) == ".sql" {
			queries = append(queries, f)
		} else {
			common = append(common, f)
		}
	}
	if len(queries) == 0 || duplicateQueryName(queries) {
		return s.generateOnce(ctx, in)
	}
	cache := s.cache(common)

	var out []files.File
	shared, haveShared := cache.get("shared")
	var missing []files.File
	for _, q := range queries {
		if got, ok := cache.get(q.Path, q.Data); ok {
			out = append(out, got...)
		} else {
			missing = append(missing, q)
		}
	}
	if len(missing) == 0 && haveShared {
		return sortFiles(append(out, shared...)), nil
	}
	if len(missing) == 0 {
		missing = queries[:1] // any file yields the shared ones
		out = slices.DeleteFunc(out, func(f files.File) bool { return outputOf(f.Path) == path.Base(missing[0].Path) })
	}

	groups := splitBySize(missing, s.workers())
	results := make([][]files.File, len(groups))
	errs := make([]error, len(groups))
	var wg sync.WaitGroup
	for i, g := range groups {
		wg.Go(func() {
			results[i], errs[i] = s.generateOnce(ctx, append(slices.Clip(common), g...))
		})
	}
	wg.Wait()
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	for _, err := range errs {
		if err != nil {
			return s.generateOnce(ctx, in) // sqlc's own error, over every file
		}
	}

	var sharedOut []files.File
	for i, res := range results {
		perFile, sh := partition(res, groups[i])
		if i == 0 {
			sharedOut = sh
		} else if !sameFiles(sh, sharedOut) {
			return s.generateOnce(ctx, in)
		}
		for _, q := range groups[i] {
			cache.put(perFile[path.Base(q.Path)], q.Path, q.Data)
			out = append(out, perFile[path.Base(q.Path)]...)
		}
	}
	cache.put(sharedOut, "shared")
	return sortFiles(append(out, sharedOut...)), nil
}

// workers is how many children may run at once.
func (s SQLC) workers() int {
	if s.Workers > 0 {
		return s.Workers
	}
	return min(runtime.GOMAXPROCS(0), maxWorkers)
}

// splitBySize deals the files out to at most n groups of about the same
// text size, largest first, with no group under splitMinBytes unless
// there is only one.
func splitBySize(qs []files.File, n int) [][]files.File {
	total := 0
	for _, q := range qs {
		total += len(q.Data)
	}
	n = max(1, min(n, len(qs), total/splitMinBytes))
	sorted := slices.Clone(qs)
	sort.SliceStable(sorted, func(i, j int) bool { return len(sorted[i].Data) > len(sorted[j].Data) })
	groups := make([][]files.File, n)
	sizes := make([]int, n)
	for _, q := range sorted {
		k := slices.Index(sizes, slices.Min(sizes))
		groups[k] = append(groups[k], q)
		sizes[k] += len(q.Data)
	}
	return groups
}

// outputOf is the query file an output of sqlc comes from ("x.sql" for
// ".../x.sql.go"), or "" for the shared files (models.go, db.go).
func outputOf(p string) string {
	base := strings.TrimSuffix(path.Base(p), ".go")
	if path.Ext(base) != ".sql" {
		return ""
	}
	return base
}

// partition sorts a child's outputs into those of each of its query files
// (by the file's base name; a file may yield none) and the shared ones.
func partition(res, group []files.File) (map[string][]files.File, []files.File) {
	perFile := map[string][]files.File{}
	for _, q := range group {
		perFile[path.Base(q.Path)] = []files.File{}
	}
	var shared []files.File
	for _, f := range res {
		if src := outputOf(f.Path); src != "" {
			if _, ok := perFile[src]; ok {
				perFile[src] = append(perFile[src], f)
				continue
			}
		}
		shared = append(shared, f)
	}
	return perFile, shared
}

func sameFiles(a, b []files.File) bool {
	return slices.EqualFunc(sortFiles(a), sortFiles(b), func(x, y files.File) bool {
		return x.Path == y.Path && string(x.Data) == string(y.Data)
	})
}

func sortFiles(fs []files.File) []files.File {
	sort.Slice(fs, func(i, j int) bool { return fs[i].Path < fs[j].Path })
	return fs
}

// duplicateQueryName reports whether two query files define a query of
// the same name, which sqlc refuses only when it sees both files in one
// run: such a project always gets the plain run, and sqlc's error.
func duplicateQueryName(qs []files.File) bool {
	seen := map[string]bool{}
	for _, q := range qs {
		for line := range strings.SplitSeq(string(q.Data), "\n") {
			rest, ok := strings.CutPrefix(strings.TrimSpace(line), "-- name:")
			if !ok {
				continue
			}
			name, _, _ := strings.Cut(strings.TrimSpace(rest), " ")
			if seen[name] {
				return true
			}
			seen[name] = true
		}
	}
	return false
}
