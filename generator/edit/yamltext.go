package edit

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// doc edits a YAML file as text. yaml.v3 re-encoding would drop comments,
// blank lines and quoting the user chose, so the file is only parsed to
// find where things are; the edit itself inserts new text at those places
// and leaves every existing byte as it was.
type doc struct {
	file  string
	src   []byte
	root  *yaml.Node // the top-level mapping
	lines []int      // byte offset of the start of each line (1-based: lines[1] is line 1)
	unit  int        // indentation step the file uses
	nl    string     // line ending the file uses
	edits []textEdit
}

// textEdit replaces src[start:end] with text; start == end inserts.
type textEdit struct {
	start, end int
	text       string
}

func parseDoc(file string, src []byte) (*doc, error) {
	var top yaml.Node
	if err := yaml.Unmarshal(src, &top); err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	d := &doc{file: file, src: src, unit: 2, nl: "\n"}
	if bytes.Contains(src, []byte("\r\n")) {
		d.nl = "\r\n"
	}
	d.lines = []int{0, 0}
	for i, c := range src {
		if c == '\n' {
			d.lines = append(d.lines, i+1)
		}
	}
	switch {
	case len(top.Content) == 0:
		d.root = &yaml.Node{Kind: yaml.MappingNode} // an empty file
	case top.Content[0].Kind == yaml.MappingNode && top.Content[0].Style&yaml.FlowStyle == 0:
		d.root = top.Content[0]
	default:
		return nil, fmt.Errorf("%s: the top level must be a block mapping (key: value lines) for add to edit it", file)
	}
	d.unit = detectUnit(d.root)
	return d, nil
}

// detectUnit returns the indentation of the first nested block mapping, so
// inserted text is indented the way the rest of the file is.
func detectUnit(root *yaml.Node) int {
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if v.Kind == yaml.MappingNode && v.Style&yaml.FlowStyle == 0 && len(v.Content) > 0 {
			if u := v.Content[0].Column - k.Column; u >= 2 && u <= 8 {
				return u
			}
		}
	}
	return 2
}

// lookup returns the key and value nodes at path below n (nil when missing).
func lookup(n *yaml.Node, path ...string) (key, val *yaml.Node) {
	val = n
	for _, p := range path {
		if val == nil || val.Kind != yaml.MappingNode {
			return nil, nil
		}
		var next *yaml.Node
		key = nil
		for i := 0; i+1 < len(val.Content); i += 2 {
			if val.Content[i].Value == p {
				key, next = val.Content[i], val.Content[i+1]
				break
			}
		}
		val = next
	}
	return key, val
}

// offset converts a 1-based line and column to a byte offset.
func (d *doc) offset(line, col int) int {
	if line >= len(d.lines) {
		return len(d.src)
	}
	return min(d.lines[line]+col-1, len(d.src))
}

// line returns line n without its line ending.
func (d *doc) line(n int) string {
	start := d.lines[n]
	end := len(d.src)
	if n+1 < len(d.lines) {
		end = d.lines[n+1]
	}
	return strings.TrimRight(string(d.src[start:end]), "\r\n")
}

func (d *doc) insert(at int, text string) { d.edits = append(d.edits, textEdit{at, at, text}) }

// result applies the edits. Edits at the same offset keep the order in
// which they were made, so two sections added at one place stay in order.
func (d *doc) result() []byte {
	sort.SliceStable(d.edits, func(i, j int) bool { return d.edits[i].start < d.edits[j].start })
	var b bytes.Buffer
	at := 0
	for _, e := range d.edits {
		b.Write(d.src[at:e.start])
		b.WriteString(e.text)
		at = e.end
	}
	b.Write(d.src[at:])
	return b.Bytes()
}

// addEntries adds the key/value pairs of entries (a mapping node) to the
// mapping val, the value of key (key is nil for the top level). They go
// before the first of the keys in before that exists, else at the end.
func (d *doc) addEntries(key, val *yaml.Node, entries *yaml.Node, before ...string) error {
	if err := d.checkKind(key, val, yaml.MappingNode); err != nil {
		return err
	}
	for _, b := range before {
		if k, _ := lookup(val, b); k != nil {
			d.insert(d.lineStartWithComments(k.Line), d.block(entries, k.Column-1))
			return nil
		}
	}
	d.addToCollection(key, val, entries)
	return nil
}

// addItems appends the items of seq (a sequence node) to the sequence val.
func (d *doc) addItems(key, val *yaml.Node, seq *yaml.Node) error {
	if err := d.checkKind(key, val, yaml.SequenceNode); err != nil {
		return err
	}
	d.addToCollection(key, val, seq)
	return nil
}

// checkKind accepts a collection of the wanted kind or an empty value.
func (d *doc) checkKind(key, val *yaml.Node, want yaml.Kind) error {
	if val != nil && (val.Kind == want || (val.Kind == yaml.ScalarNode && val.Tag == "!!null")) {
		return nil
	}
	what := map[yaml.Kind]string{yaml.MappingNode: "a mapping", yaml.SequenceNode: "a list"}[want]
	if val == nil || key == nil {
		return fmt.Errorf("%s: the document must be %s", d.file, what)
	}
	return fmt.Errorf("%s:%d:%d: %s must be %s", d.file, val.Line, val.Column, key.Value, what)
}

// addToCollection appends the content of add (a mapping or sequence node of
// the same kind as val) at the end of val, in val's own style.
func (d *doc) addToCollection(key, val, add *yaml.Node) {
	keyIndent := -d.unit // the top level: children at column 1
	if key != nil {
		keyIndent = key.Column - 1
	}
	switch {
	case val.Kind == yaml.ScalarNode:
		// `key:` with no value, or `key: null`/`~`: the block goes on the
		// lines below, and an explicit null token is removed.
		at := d.lineEnd(key.Line)
		if val.Value != "" {
			start := d.offset(val.Line, val.Column)
			d.edits = append(d.edits, textEdit{d.trimSpaceBefore(start), start + len(val.Value), ""})
		}
		d.insert(at, d.nlIfMissing(at)+d.block(add, keyIndent+d.unit))
	case val.Style&yaml.FlowStyle != 0:
		d.addToFlow(key, val, add, keyIndent)
	case len(val.Content) == 0:
		// Only an empty file has an empty block mapping: append at its end.
		at := len(d.src)
		d.insert(at, d.nlIfMissing(at)+d.block(add, 0))
	default:
		indent := d.itemIndent(val)
		at := d.blockEnd(val, indent)
		d.insert(at, d.nlIfMissing(at)+d.block(add, indent))
	}
}

// addToFlow handles `{...}` and `[...]`. An empty one under a block key
// becomes a block, which is what the file would say had it been written by
// hand; a non-empty one gets the new content in flow style before its
// closing bracket.
func (d *doc) addToFlow(key, val, add *yaml.Node, keyIndent int) {
	open := d.offset(val.Line, val.Column)
	end := matchBracket(d.src, open)
	if end < 0 {
		// Unbalanced brackets cannot come out of a successful parse.
		panic(fmt.Sprintf("%s:%d:%d: no closing bracket", d.file, val.Line, val.Column))
	}
	if len(val.Content) == 0 && key != nil && !d.insideFlow(key) {
		d.edits = append(d.edits, textEdit{d.trimSpaceBefore(open), end + 1, ""})
		at := d.lineEnd(key.Line)
		d.insert(at, d.nlIfMissing(at)+d.block(add, keyIndent+d.unit))
		return
	}
	text := flowText(add)
	// Insert right after the last element (before any spaces, line breaks
	// or trailing comma), so the result reads `[a, b, new]`.
	last := end - 1
	for last > open && strings.ContainsRune(" \t\r\n", rune(d.src[last])) {
		last--
	}
	switch d.src[last] {
	case ',':
		text = " " + text
	case d.src[open]:
		// empty
	default:
		text = ", " + text
	}
	d.insert(last+1, text)
}

// insideFlow reports whether the line of key starts inside a flow
// collection, where a block cannot go.
func (d *doc) insideFlow(key *yaml.Node) bool {
	prefix := d.line(key.Line)[:key.Column-1]
	return strings.TrimSpace(prefix) != ""
}

// itemIndent is the column (0-based) of the entries of a block collection:
// the keys of a mapping, or the dashes of a sequence.
func (d *doc) itemIndent(val *yaml.Node) int {
	if val.Kind == yaml.SequenceNode {
		return val.Column - 1 // yaml.v3 places a block sequence at its first dash
	}
	return val.Content[0].Column - 1
}

// blockEnd is the offset just after the last line that belongs to the block
// collection val whose entries are at column indent. A line belongs when it
// is indented at least that deep (nested values, block scalars, comments on
// the entries); the collection ends at the first content line indented less
// (or, for a sequence written flush with its key, at the same depth but not
// starting with a dash). Trailing blank lines stay after the new text.
func (d *doc) blockEnd(val *yaml.Node, indent int) int {
	seq := val.Kind == yaml.SequenceNode
	last := val.Line
	for n := val.Line + 1; n < len(d.lines); n++ {
		text := d.line(n)
		trimmed := strings.TrimLeft(text, " ")
		if strings.TrimSpace(trimmed) == "" {
			continue
		}
		ind := len(text) - len(trimmed)
		if ind == 0 && (strings.HasPrefix(trimmed, "---") || strings.HasPrefix(trimmed, "...")) {
			break
		}
		if strings.HasPrefix(trimmed, "#") {
			if ind >= indent {
				last = n
			}
			continue
		}
		if ind < indent || (seq && ind == indent && !isDash(trimmed)) {
			break
		}
		last = n
	}
	return d.lineEnd(last)
}

func isDash(s string) bool { return s == "-" || strings.HasPrefix(s, "- ") }

// lineEnd is the offset of the start of the line after line n.
func (d *doc) lineEnd(n int) int {
	if n+1 < len(d.lines) {
		return d.lines[n+1]
	}
	return len(d.src)
}

// lineStartWithComments is the start of line n, moved up over the comment
// lines directly above it: they describe that line, so new text goes
// before them.
func (d *doc) lineStartWithComments(n int) int {
	for n > 1 && strings.HasPrefix(strings.TrimSpace(d.line(n-1)), "#") {
		n--
	}
	return d.lines[n]
}

// nlIfMissing returns a line break when at is the end of a file that does
// not end with one, so inserted lines never join the last line.
func (d *doc) nlIfMissing(at int) string {
	if at == len(d.src) && at > 0 && d.src[at-1] != '\n' {
		return d.nl
	}
	return ""
}

// trimSpaceBefore moves offset at back over the spaces before it.
func (d *doc) trimSpaceBefore(at int) int {
	for at > 0 && (d.src[at-1] == ' ' || d.src[at-1] == '\t') {
		at--
	}
	return at
}

// block renders the content of n (a mapping's entries or a sequence's
// items) as block YAML indented by indent spaces, in the file's unit and
// line ending.
func (d *doc) block(n *yaml.Node, indent int) string {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(d.unit)
	if err := enc.Encode(n); err != nil {
		panic(err) // the nodes are built here; a failure is a bug
	}
	enc.Close()
	pad := strings.Repeat(" ", indent)
	var out strings.Builder
	for _, l := range strings.SplitAfter(b.String(), "\n") {
		if l == "" {
			continue
		}
		if strings.TrimSpace(l) != "" {
			out.WriteString(pad)
		}
		out.WriteString(strings.TrimSuffix(l, "\n") + d.nl)
	}
	return out.String()
}

// flowText renders the entries or items of n in flow style without the
// surrounding brackets: `a: 1, b: [x]` or `x, y`.
func flowText(n *yaml.Node) string {
	c := *n
	c.Style = yaml.FlowStyle
	out, err := yaml.Marshal(&c)
	if err != nil {
		panic(err)
	}
	s := strings.TrimSpace(string(out))
	return s[1 : len(s)-1]
}

// matchBracket returns the offset of the bracket closing the one at open,
// skipping quoted strings and comments; -1 when there is none.
func matchBracket(src []byte, open int) int {
	depth := 0
	for i := open; i < len(src); i++ {
		switch c := src[i]; c {
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i
			}
		case '"':
			for i++; i < len(src) && src[i] != '"'; i++ {
				if src[i] == '\\' {
					i++
				}
			}
		case '\'':
			for i++; i < len(src); i++ {
				if src[i] == '\'' {
					if i+1 < len(src) && src[i+1] == '\'' {
						i++ // '' is an escaped quote
						continue
					}
					break
				}
			}
		case '#':
			if i > 0 && (src[i-1] == ' ' || src[i-1] == '\t' || src[i-1] == '\n') {
				for i < len(src) && src[i] != '\n' {
					i++
				}
			}
		}
	}
	return -1
}
