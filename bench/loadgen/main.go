// Command loadgen is a small closed-loop HTTP load generator: -c workers each
// send one request, wait for the answer, and send the next, so the rate
// measured is what the server sustains at that concurrency (no open-loop
// queueing).
//
//	loadgen -url http://127.0.0.1:8080/customers/ID -c 16 -d 5s -warmup 1s
//	loadgen -url http://127.0.0.1:8080/customers -method POST \
//	        -body '{"name":"n{n}","email":"u{n}-RUN@example.com"}'
//
// A GET succeeds on 200. A POST sends -body as application/json, with every
// {n} replaced by a counter unique to the request (so creates never
// conflict on a unique column), and succeeds on any 2xx.
//
// It only targets 127.0.0.1, stops after -warmup + -d or after maxRequests,
// whichever comes first, and exits non-zero if any request failed.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// maxRequests bounds a run whatever the flags say, so a very fast server or
// a mistyped duration cannot turn it into an endless flood.
const maxRequests = 5_000_000

type urlList []string

func (u *urlList) String() string { return strings.Join(*u, ",") }
func (u *urlList) Set(s string) error {
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			*u = append(*u, v)
		}
	}
	return nil
}

func main() {
	var urls urlList
	flag.Var(&urls, "url", "target URL (repeatable or comma-separated); host must be 127.0.0.1")
	conc := flag.Int("c", 16, "concurrent workers (connections)")
	dur := flag.Duration("d", 5*time.Second, "measured duration")
	warmup := flag.Duration("warmup", time.Second, "unmeasured warm-up before -d (pools, JIT-free but caches and conns)")
	method := flag.String("method", http.MethodGet, "GET or POST")
	body := flag.String("body", "", "POST body (JSON); each {n} becomes a per-request unique counter")
	flag.Parse()
	if err := check(urls, *conc, *dur, *warmup, *method, *body); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(2)
	}

	// One keep-alive connection per worker and host: without enough idle
	// slots the client would close and redial, measuring TCP setup instead.
	client := &http.Client{
		Timeout: 10 * time.Second,
		Transport: &http.Transport{
			MaxIdleConns:        *conc * len(urls),
			MaxIdleConnsPerHost: *conc,
			IdleConnTimeout:     time.Minute,
		},
	}

	start := time.Now()
	measureFrom := start.Add(*warmup)
	ctx, cancel := context.WithDeadline(context.Background(), measureFrom.Add(*dur))
	defer cancel()

	// The request sent next: a GET, or a POST whose body numbers {n} from
	// the issued-request counter, unique across workers.
	send := func(u string, n int64) (int, error) { return do(ctx, client, http.MethodGet, u, nil) }
	if *method == http.MethodPost {
		tmpl := *body
		send = func(u string, n int64) (int, error) {
			b := strings.ReplaceAll(tmpl, "{n}", strconv.FormatInt(n, 10))
			return do(ctx, client, http.MethodPost, u, strings.NewReader(b))
		}
	}

	var issued, ok, failed atomic.Int64
	var firstErr atomic.Value
	var wg sync.WaitGroup
	for w := range *conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; ctx.Err() == nil; i++ {
				n := issued.Add(1)
				if n > maxRequests {
					return
				}
				code, err := send(urls[i%len(urls)], n)
				if ctx.Err() != nil {
					return // cut short by the deadline: neither success nor failure
				}
				if time.Now().Before(measureFrom) {
					continue // warm-up
				}
				if err == nil && (code == http.StatusOK || *method == http.MethodPost && code/100 == 2) {
					ok.Add(1)
					continue
				}
				failed.Add(1)
				if err == nil {
					err = fmt.Errorf("status %d", code)
				}
				firstErr.CompareAndSwap(nil, err.Error())
			}
		}()
	}
	wg.Wait()

	end := time.Now()
	if dl, _ := ctx.Deadline(); end.After(dl) {
		end = dl
	}
	elapsed := end.Sub(measureFrom).Seconds()
	if elapsed <= 0 {
		fmt.Fprintln(os.Stderr, "loadgen: request cap reached during warm-up; lower -c or -warmup")
		os.Exit(1)
	}
	fmt.Printf("ok %d  errors %d  elapsed %.2fs  c=%d\n", ok.Load(), failed.Load(), elapsed, *conc)
	fmt.Printf("requests/s %.0f\n", float64(ok.Load())/elapsed)
	if failed.Load() > 0 || ok.Load() == 0 {
		fmt.Fprintf(os.Stderr, "loadgen: %d failed requests (first: %v)\n", failed.Load(), firstErr.Load())
		os.Exit(1)
	}
}

// do sends one request and drains the body so the connection is reused.
func do(ctx context.Context, c *http.Client, method, u string, body io.Reader) (int, error) {
	req, err := http.NewRequestWithContext(ctx, method, u, body)
	if err != nil {
		return 0, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, err
}

func check(urls []string, conc int, dur, warmup time.Duration, method, body string) error {
	if len(urls) == 0 {
		return fmt.Errorf("-url is required")
	}
	switch {
	case method != http.MethodGet && method != http.MethodPost:
		return fmt.Errorf("-method must be GET or POST")
	case method == http.MethodGet && body != "":
		return fmt.Errorf("-body needs -method POST")
	case method == http.MethodPost && body == "":
		return fmt.Errorf("-method POST needs -body")
	}
	if conc < 1 || conc > 1024 || dur <= 0 || dur > 10*time.Minute || warmup < 0 || warmup > time.Minute {
		return fmt.Errorf("want 1 <= -c <= 1024, 0 < -d <= 10m, 0 <= -warmup <= 1m")
	}
	for _, s := range urls {
		u, err := url.Parse(s)
		if err != nil {
			return err
		}
		// A load generator aimed elsewhere is a denial-of-service tool.
		if u.Scheme != "http" || u.Hostname() != "127.0.0.1" {
			return fmt.Errorf("%s: only http://127.0.0.1 targets are allowed", s)
		}
	}
	return nil
}
