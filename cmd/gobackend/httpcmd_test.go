package main

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// cmdHTTP sends one request and prints the status line, the headers that
// scripts check, and the body: http METHOD URL [BODY [CONTENT-TYPE]].
func cmdHTTP(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: http METHOD URL [BODY [CONTENT-TYPE]]")
	}
	var body io.Reader
	if len(args) > 2 {
		body = strings.NewReader(args[2])
	}
	req, err := http.NewRequest(args[0], args[1], body)
	ts.Check(err)
	if len(args) > 2 {
		ct := "application/json"
		if len(args) > 3 {
			ct = args[3]
		}
		req.Header.Set("Content-Type", ct)
	}
	client := &http.Client{Timeout: 30 * time.Second}
	res, err := client.Do(req)
	ts.Check(err)
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	ts.Check(err)
	fmt.Fprintf(ts.Stdout(), "status %d\n", res.StatusCode)
	for _, h := range []string{"Content-Type", "X-Request-Id", "Location", "ETag"} {
		if v := res.Header.Get(h); v != "" {
			fmt.Fprintf(ts.Stdout(), "%s: %s\n", h, v)
		}
	}
	fmt.Fprintf(ts.Stdout(), "%s\n", data)
}

// cmdWaitHTTP polls a URL until it answers 200, for servers started in the
// background: waithttp URL.
func cmdWaitHTTP(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: waithttp URL")
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		res, err := http.Get(args[0])
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return
			}
		}
		if time.Now().After(deadline) {
			ts.Fatalf("%s did not answer 200 within 60s (last error: %v)", args[0], err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
