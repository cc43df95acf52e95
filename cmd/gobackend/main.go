// Command gobackend generates a complete Go backend from an OpenAPI spec and
// a resource manifest, and keeps it in sync as they change.
package main

import "os"

func main() {
	os.Exit(Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
