package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/gobackend/gobackend/generator/engine"
)

// migrationNameRE is a lowercase snake_case name.
var migrationNameRE = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

// migrationFileRE matches a numbered goose migration.
var migrationFileRE = regexp.MustCompile(`^(\d+)_.+\.(sql|go)$`)

const userMigrationTemplate = `-- Your migration: gobackend never rewrites it. Use it for what the model
-- cannot express: a view, a trigger, a backfill. Tables and columns of
-- resources belong in gobackend.yaml; gobackend writes their migrations.

-- +goose Up

-- +goose Down
`

func newMigrationCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "migration",
		Short: "Manage your own migrations",
	}
	var dir string
	newCmd := &cobra.Command{
		Use:   "new NAME",
		Short: "Create an empty goose migration of yours with the next number",
		Long: `migration new creates internal/db/migrations/NNNNN_NAME.sql with empty
-- +goose Up and -- +goose Down sections, for a view, a trigger or a backfill.
NAME is lowercase snake_case.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if err := cobra.ExactArgs(1)(cmd, args); err != nil {
				return &flagError{err}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			name := args[0]
			if !migrationNameRE.MatchString(name) {
				return usageError("migration name %q: use lowercase snake_case, e.g. add_order_totals_view", name)
			}
			if _, err := os.Stat(filepath.Join(dir, engine.ManifestFile)); err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return usageError("%s not found in %s: run gobackend in a project directory", engine.ManifestFile, dir)
				}
				return err
			}
			mdir := filepath.Join(dir, filepath.FromSlash(engine.MigrationsDir))
			entries, err := os.ReadDir(mdir)
			if err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
			seq := 0
			for _, e := range entries {
				if m := migrationFileRE.FindStringSubmatch(e.Name()); m != nil && !e.IsDir() {
					n, _ := strconv.Atoi(m[1])
					seq = max(seq, n)
				}
			}
			if err := os.MkdirAll(mdir, 0o755); err != nil {
				return err
			}
			file := fmt.Sprintf("%05d_%s.sql", seq+1, name)
			f, err := os.OpenFile(filepath.Join(mdir, file), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
			if err != nil {
				return err
			}
			if _, err := f.WriteString(userMigrationTemplate); err != nil {
				f.Close()
				return err
			}
			if err := f.Close(); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "  create  %s/%s\n", engine.MigrationsDir, file)
			return nil
		},
	}
	newCmd.Flags().StringVarP(&dir, "dir", "C", ".", "project directory")
	cmd.AddCommand(newCmd)
	return cmd
}
