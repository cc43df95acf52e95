package migrate

import (
	"bytes"
	"strings"
)

// Render writes the migration as a goose SQL file. Destructive steps are
// listed in a comment above the Up section so that a reviewer sees them.
func (m *Migration) Render() []byte {
	var b bytes.Buffer
	if len(m.Destructive) > 0 {
		b.WriteString("-- This migration was allowed to destroy data:\n")
		for _, d := range m.Destructive {
			b.WriteString("--   " + oneLine(d) + "\n")
		}
		b.WriteString("\n")
	}
	b.WriteString("-- +goose Up\n")
	writeStatements(&b, m.Up)
	b.WriteString("\n-- +goose Down\n")
	writeStatements(&b, m.Down)
	return b.Bytes()
}

// writeStatements ends each statement with a semicolon. goose splits on a
// semicolon at the end of a line, so a statement with such a line inside
// (a multi-line string default) is fenced with StatementBegin/End.
func writeStatements(b *bytes.Buffer, stmts []string) {
	for i, s := range stmts {
		if i > 0 && strings.HasPrefix(s, "CREATE TABLE ") {
			b.WriteString("\n") // one paragraph per new table, as a person would write it
		}
		fence := false
		for _, line := range strings.Split(s, "\n") {
			if strings.HasSuffix(strings.TrimSpace(line), ";") || strings.Contains(line, "+goose") {
				fence = true
			}
		}
		if fence {
			b.WriteString("-- +goose StatementBegin\n" + s + ";\n-- +goose StatementEnd\n")
			continue
		}
		b.WriteString(s + ";\n")
	}
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "+goose", "goose")), " ")
}
