package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gobackend/gobackend/generator/engine"
	"github.com/gobackend/gobackend/generator/render"
	"github.com/gobackend/gobackend/templates"
)

func newTemplateCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "template",
		Short: "List and eject the templates a project can override",
		Long: `A file .gobackend/templates/PATH replaces the embedded template PATH
(PATH includes the module folder, e.g. base/internal/httpx/requestid.gen.go.tmpl)
for generate and check. The files in .gobackend/ are yours: generate never
writes or deletes them and check ignores them.`,
	}
	cmd.AddCommand(newTemplateListCmd(), newTemplateEjectCmd())
	return cmd
}

func newTemplateListCmd() *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List every embedded template path; * marks the ones the project overrides",
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) != 0 {
				return usageError("template list takes no arguments")
			}
			w := cmd.OutOrStdout()
			for _, p := range render.TemplatePaths() {
				mark := " "
				if exists(filepath.Join(dir, filepath.FromSlash(render.OverrideDir), filepath.FromSlash(p))) {
					mark = "*"
				}
				fmt.Fprintf(w, "%s %s\n", mark, p)
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&dir, "dir", "C", ".", "project directory")
	return cmd
}

func newTemplateEjectCmd() *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:   "eject PATH",
		Short: "Copy an embedded template to .gobackend/templates/PATH to override it",
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError("template eject takes one template path (see `gobackend template list`)")
			}
			p := strings.TrimPrefix(path.Clean(filepath.ToSlash(args[0])), render.OverrideDir+"/")
			if !render.IsTemplate(p) {
				msg := fmt.Sprintf("%s is not a template path", args[0])
				if s := suggestTemplate(p); s != "" {
					msg += fmt.Sprintf("; did you mean %s?", s)
				}
				return usageError("%s (run `gobackend template list`)", msg)
			}
			if !exists(filepath.Join(dir, engine.ManifestFile)) {
				return usageError("%s not found in %s: run gobackend in a project directory", engine.ManifestFile, dir)
			}
			rel := render.OverrideDir + "/" + p
			target := filepath.Join(dir, filepath.FromSlash(rel))
			if _, err := os.Lstat(target); err == nil {
				return usageError("%s already exists: edit it, or remove it to eject again", rel)
			} else if !errors.Is(err, fs.ErrNotExist) {
				return err
			}
			src, err := fs.ReadFile(templates.FS, p)
			if err != nil {
				return err
			}
			if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
				return err
			}
			f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
			if err != nil {
				return err
			}
			if _, err := f.Write(src); err != nil {
				f.Close()
				return err
			}
			if err := f.Close(); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "ejected %s: edit it, then run `gobackend generate`\n", rel)
			return nil
		},
	}
	cmd.Flags().StringVarP(&dir, "dir", "C", ".", "project directory")
	return cmd
}

// suggestTemplate finds the template the user most likely meant: one that
// ends with what was typed (a path without its module folder or without
// .tmpl), or else one with the same file name.
func suggestTemplate(p string) string {
	all := render.TemplatePaths()
	for _, t := range all {
		if t == p+".tmpl" {
			return t
		}
	}
	for _, cand := range []string{p, p + ".tmpl"} {
		for _, t := range all {
			if strings.HasSuffix(t, "/"+cand) {
				return t
			}
		}
	}
	base := strings.TrimSuffix(path.Base(p), ".tmpl")
	for _, t := range all {
		if strings.TrimSuffix(path.Base(t), ".tmpl") == base {
			return t
		}
	}
	return ""
}

func exists(name string) bool {
	_, err := os.Stat(name)
	return err == nil
}
