package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/gobackend/gobackend/generator/edit"
	"github.com/gobackend/gobackend/generator/engine"
	"github.com/gobackend/gobackend/generator/manifest"
)

func newAddMailCmd() *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:   "mail NAME",
		Short: "Add a mail: its templates (text with the subject, HTML, sample data), yours to edit",
		Long: `add mail writes the templates of a new mail into internal/mail/templates
(feature email): NAME.txt (the text part, which defines the subject),
NAME.html (the HTML part, escaped by html/template) and NAME.json (sample
data for "mail preview" and the generated tests). They are yours from then
on; the generated code embeds every mail it finds there.

NAME is lower-case words joined by hyphens: order-shipped.`,
		Example: `  gobackend add mail order-shipped`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError("add mail needs one NAME, e.g. gobackend add mail order-shipped")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			in, m, e, err := featureProject(dir, manifest.FeatureEmail, "mail")
			if err != nil {
				return err
			}
			exists := func(p string) bool {
				_, err := os.Stat(filepath.Join(dir, filepath.FromSlash(p)))
				return !errors.Is(err, fs.ErrNotExist)
			}
			mail, err := edit.NewMail(args[0], exists)
			if err != nil {
				return &engine.InputError{Err: err}
			}
			var summary bytes.Buffer
			if err := regenerate(cmd.Context(), &summary, e, dir, in, mail, modeWrite); err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			fmt.Fprintf(w, "added mail %s:\n", args[0])
			fmt.Fprint(w, summary.String())
			fmt.Fprintf(w, "\nnext:\n  edit %s/%s.{txt,html,json}\n  go run ./cmd/%s mail preview %s\n  send it: d.Mail.Send(ctx, to, %q, data)\n",
				edit.MailDir, args[0], m.Name, args[0], args[0])
			return nil
		},
	}
	cmd.Flags().StringVarP(&dir, "dir", "C", ".", "project directory")
	return cmd
}
