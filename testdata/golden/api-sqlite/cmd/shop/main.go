// Command shop runs the shop service. See internal/app for the
// subcommands and `shop help` for usage.
package main

import (
	"context"
	"fmt"
	"os"

	"example.com/shop/internal/app"
)

func main() {
	if err := app.Run(context.Background(), os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintf(os.Stderr, "shop: %v\n", err)
		os.Exit(1)
	}
}
