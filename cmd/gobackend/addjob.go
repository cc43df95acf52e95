package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/spf13/cobra"

	"github.com/gobackend/gobackend/generator/edit"
	"github.com/gobackend/gobackend/generator/engine"
	"github.com/gobackend/gobackend/generator/files"
	"github.com/gobackend/gobackend/generator/manifest"
)

func newAddJobCmd() *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:   "job NAME [ARG:TYPE ...]",
		Short: "Add a background job of yours (feature jobs): its arguments and its worker",
		Long: `add job writes internal/jobs/NAME.go, a file of yours with the job's typed
arguments and its worker, then regenerates, which registers the worker with
River. The worker gets every dependency (deps.Deps). NAME is lowercase
snake_case and is the job's kind in the queue.

ARG is name:type, type one of string int bool float time uuid.`,
		Example: `  gobackend add job send_welcome user_id:uuid
  gobackend add job rebuild_report since:time full:bool`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError("add job needs a NAME, e.g. gobackend add job send_welcome user_id:uuid")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			in, m, e, err := featureProject(dir, manifest.FeatureJobs, "job")
			if err != nil {
				return err
			}
			job, err := edit.NewJob(m.Module, args[0], args[1:])
			if err != nil {
				return &engine.InputError{Err: err}
			}
			if slices.Contains(in.UserJobs, job.Go) {
				return &engine.InputError{Err: fmt.Errorf("job %s exists already (a file of internal/jobs declares new%sWorker)", job.Kind, job.Go)}
			}
			if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(job.Path))); !errors.Is(err, fs.ErrNotExist) {
				return &engine.InputError{Err: fmt.Errorf("%s exists already: pick another name or remove it", job.Path)}
			}
			next := *in
			next.UserJobs = append(slices.Clone(in.UserJobs), job.Go)
			slices.Sort(next.UserJobs)
			edited := []files.File{{Path: job.Path, Data: job.Data, Class: files.Scaffold}}
			return regenerate(cmd.Context(), cmd.OutOrStdout(), e, dir, &next, edited, modeWrite)
		},
	}
	cmd.Flags().StringVarP(&dir, "dir", "C", ".", "project directory")
	return cmd
}
