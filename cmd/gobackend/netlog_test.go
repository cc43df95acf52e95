package main

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"

	"github.com/rogpeppe/go-internal/testscript"
)

// cmdNetLog reads the net log that Chromium wrote with --log-net-log and
// checks that the page at ORIGIN requested something and nothing outside
// ORIGIN; it prints each URL the page requested, one a line:
//
//	netlog FILE ORIGIN
//
// The browser's own background requests (updates, accounts) are in the
// log too; a request belongs to the page when Chromium keyed it to the
// page's site (its network isolation key), which a script, style, font or
// fetch of the page always is, whatever host it goes to.
func cmdNetLog(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: netlog FILE ORIGIN")
	}
	data, err := os.ReadFile(ts.MkAbs(args[0]))
	ts.Check(err)
	var log struct {
		Constants struct {
			LogEventTypes map[string]int `json:"logEventTypes"`
		} `json:"constants"`
		Events []struct {
			Type   int `json:"type"`
			Params struct {
				URL                 string `json:"url"`
				NetworkIsolationKey string `json:"network_isolation_key"`
			} `json:"params"`
		} `json:"events"`
	}
	if err := json.Unmarshal(data, &log); err != nil {
		ts.Fatalf("netlog: %s is not a complete net log: %v", args[0], err)
	}
	origin, err := url.Parse(args[1])
	ts.Check(err)
	// A network isolation key is "TOP-FRAME-SITE FRAME-SITE"; a site has
	// no port.
	site := origin.Scheme + "://" + origin.Hostname()
	pageKey := site + " " + site
	start, ok := log.Constants.LogEventTypes["URL_REQUEST_START_JOB"]
	if !ok {
		ts.Fatalf("netlog: %s names no URL_REQUEST_START_JOB events", args[0])
	}
	seen := map[string]bool{}
	var outside []string
	for _, e := range log.Events {
		if e.Type != start || e.Params.NetworkIsolationKey != pageKey || seen[e.Params.URL] {
			continue
		}
		seen[e.Params.URL] = true
		fmt.Fprintln(ts.Stdout(), e.Params.URL)
		u, err := url.Parse(e.Params.URL)
		if err != nil || u.Scheme != origin.Scheme || u.Host != origin.Host {
			outside = append(outside, e.Params.URL)
		}
	}
	if len(seen) == 0 {
		ts.Fatalf("netlog: the page at %s requested nothing", args[1])
	}
	if len(outside) > 0 {
		ts.Fatalf("netlog: the page requested URLs outside %s: %v", args[1], outside)
	}
}
