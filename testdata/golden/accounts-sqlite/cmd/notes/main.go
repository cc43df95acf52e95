// Command notes runs the notes service. See internal/app for the
// subcommands and `notes help` for usage.
package main

import (
	"context"
	"fmt"
	"os"

	"example.com/notes/internal/app"
)

func main() {
	if err := app.Run(context.Background(), os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintf(os.Stderr, "notes: %v\n", err)
		os.Exit(1)
	}
}
