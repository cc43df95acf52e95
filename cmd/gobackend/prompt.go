package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/AlecAivazis/survey/v2"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/gobackend/gobackend/blueprints"
	"github.com/gobackend/gobackend/generator/edit"
	"github.com/gobackend/gobackend/generator/engine"
)

// isTerminal reports whether r is an interactive terminal. survey fails
// with EOF without one, so prompts are only ever shown on a terminal.
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// promptNew asks for what the flags left out; it reports whether it asked.
func promptNew(cmd *cobra.Command, o *engine.NewOptions) (bool, error) {
	var qs []*survey.Question
	if !cmd.Flags().Changed("module") {
		qs = append(qs, &survey.Question{Name: "module", Prompt: &survey.Input{Message: "Go module path:", Default: o.Name}})
	}
	if !cmd.Flags().Changed("db") {
		qs = append(qs, &survey.Question{Name: "database", Prompt: &survey.Select{Message: "Database:", Options: []string{"sqlite", "postgres"}, Default: "sqlite",
			Description: func(v string, _ int) string {
				if v == "sqlite" {
					return "embedded, nothing to install"
				}
				return "PostgreSQL via DATABASE_URL"
			}}})
	}
	if !cmd.Flags().Changed("blueprint") && len(blueprints.Names()) > 1 {
		qs = append(qs, &survey.Question{Name: "blueprint", Prompt: &survey.Select{Message: "Blueprint:", Options: blueprints.Names(), Default: blueprints.Default}})
	}
	if len(qs) == 0 {
		return false, nil
	}
	ans := struct {
		Module    string
		Database  string
		Blueprint string
	}{o.Module, o.Database, o.Blueprint}
	if err := survey.Ask(qs, &ans, surveyStdio(cmd)); err != nil {
		return false, err
	}
	o.Module, o.Database, o.Blueprint = ans.Module, ans.Database, ans.Blueprint
	if o.Blueprint == "" {
		// Not asked (there is only one): name it anyway, so the equivalent
		// command printed after the prompts is complete.
		o.Blueprint = blueprints.Default
	}
	return true, nil
}

// surveyStdio points survey at the command's terminal, through one
// termReader for all the prompts of a command.
func surveyStdio(cmd *cobra.Command) survey.AskOpt {
	out, _ := cmd.OutOrStdout().(*os.File)
	if out == nil {
		out = os.Stdout
	}
	return survey.WithStdio(&termReader{f: cmd.InOrStdin().(*os.File)}, out, os.Stderr)
}

// termReader hands survey the terminal's input one key or line at a time:
// each Read returns bytes up to and including the first line end or 'R'
// and keeps the rest for the next call. survey reads the terminal's answer
// to its cursor-position query (ESC[row;colR) through a throw-away buffer
// and starts a new buffer for each prompt, so without this anything typed
// or pasted ahead (a second answer, the next line) would be dropped. An
// arrow key (ESC [ B) still arrives in one piece, as survey needs.
type termReader struct {
	f   *os.File
	buf []byte
}

func (r *termReader) Read(p []byte) (int, error) {
	if len(r.buf) == 0 {
		b := make([]byte, 4096)
		n, err := r.f.Read(b)
		if n == 0 {
			return 0, err
		}
		r.buf = b[:n]
	}
	n := len(r.buf)
	if i := bytes.IndexAny(r.buf, "\r\nR"); i >= 0 {
		n = i + 1
	}
	n = copy(p, r.buf[:n])
	r.buf = r.buf[n:]
	return n, nil
}

func (r *termReader) Fd() uintptr { return r.f.Fd() }

// fieldHelp is shown when the user types ? at the field prompt.
var fieldHelp = "name:type[:modifier]...  types: " + strings.Join(edit.Types[:len(edit.Types)-1], " ") +
	" enum=a,b,c ref=RESOURCE; modifiers: " + strings.Join(edit.Modifiers, " ") + "; e.g. price:decimal:filter"

// promptResource asks for what the arguments of add resource left out: the
// fields when none were given (one per prompt, each checked as it is
// entered), and whether rows are owned when the project has auth. It
// reports whether it asked anything.
func promptResource(cmd *cobra.Command, in edit.Inputs, req *edit.Request, askOwned bool) (bool, error) {
	asked := false
	stdio := surveyStdio(cmd)
	if askOwned {
		if err := survey.AskOne(&survey.Confirm{Message: "Do rows belong to the signed-in user (--owned)?", Default: false},
			&req.Owned, stdio); err != nil {
			return false, err
		}
		asked = true
	}
	if len(req.Fields) > 0 {
		return asked, nil
	}
	for {
		var arg string
		validate := func(v any) error {
			s := strings.TrimSpace(v.(string))
			if s == "" {
				if len(req.Fields) == 0 {
					return fmt.Errorf("a resource needs at least one field")
				}
				return nil
			}
			probe := *req
			probe.Fields = append(append([]string{}, req.Fields...), s)
			probe.AllowNoFields = true
			return edit.Check(in, probe)
		}
		err := survey.AskOne(&survey.Input{Message: "field (name:type[:modifier]...), empty to finish:", Help: fieldHelp},
			&arg, survey.WithValidator(validate), stdio)
		if err != nil {
			return false, err
		}
		if arg = strings.TrimSpace(arg); arg == "" {
			return true, nil
		}
		req.Fields = append(req.Fields, arg)
	}
}
