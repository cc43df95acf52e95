package main

import (
	"os/exec"
	"strings"
)

// goEnv reads one variable of `go env`.
func goEnv(key string) string {
	out, err := exec.Command("go", "env", key).Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}
