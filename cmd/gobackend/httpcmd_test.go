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
// scripts check, and the body:
//
//	http [-H 'NAME: VALUE']... [-etag VAR] METHOD URL [BODY [CONTENT-TYPE]]
//
// -H adds a request header; -etag stores the response's ETag in the
// environment variable VAR, for a later request to send back (unquoted:
// testscript expands no variable inside quotes, -H If-None-Match:$VAR).
func cmdHTTP(ts *testscript.TestScript, neg bool, args []string) {
	const usage = "usage: http [-H 'NAME: VALUE']... [-etag VAR] METHOD URL [BODY [CONTENT-TYPE]]"
	header := http.Header{}
	etagVar := ""
	for len(args) > 1 && strings.HasPrefix(args[0], "-") {
		switch args[0] {
		case "-H":
			name, value, ok := strings.Cut(args[1], ":")
			if !ok {
				ts.Fatalf("%s (a header is NAME: VALUE, got %q)", usage, args[1])
			}
			header.Add(strings.TrimSpace(name), strings.TrimSpace(value))
		case "-etag":
			etagVar = args[1]
		default:
			ts.Fatalf("%s (unknown flag %s)", usage, args[0])
		}
		args = args[2:]
	}
	if neg || len(args) < 2 {
		ts.Fatalf(usage)
	}
	var body io.Reader
	if len(args) > 2 {
		body = strings.NewReader(args[2])
	}
	req, err := http.NewRequest(args[0], args[1], body)
	ts.Check(err)
	req.Header = header
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
	if etagVar != "" {
		ts.Setenv(etagVar, res.Header.Get("ETag"))
	}
	fmt.Fprintf(ts.Stdout(), "status %d\n", res.StatusCode)
	for _, h := range []string{"Content-Type", "X-Request-Id", "Location", "ETag", "Cache-Control", "Vary"} {
		if v := res.Header.Values(h); len(v) > 0 {
			fmt.Fprintf(ts.Stdout(), "%s: %s\n", h, strings.Join(v, ", "))
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
