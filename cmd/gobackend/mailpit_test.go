package main

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// cmdMailpit reads mails back from the mailpit server at
// GOBACKEND_TEST_MAILPIT, for scripts that deliver mail to it:
//
//	mailpit address VAR      sets VAR to a fresh recipient address, so runs
//	                         sharing one mailpit never read each other's mail
//	mailpit link TO VAR      waits for the mail to TO (30s), prints its
//	                         subject and the link in its text, and sets VAR
//	                         to the link's token
func cmdMailpit(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: mailpit address VAR | mailpit link TO VAR")
	}
	switch {
	case args[0] == "address" && len(args) == 2:
		b := make([]byte, 6)
		_, _ = rand.Read(b)
		ts.Setenv(args[1], "e2e-"+hex.EncodeToString(b)+"@example.com")
	case args[0] == "link" && len(args) == 3:
		base := os.Getenv("GOBACKEND_TEST_MAILPIT")
		if base == "" {
			ts.Fatalf("mailpit: GOBACKEND_TEST_MAILPIT is not set")
		}
		msg := mailpitWait(ts, base, args[1])
		fmt.Fprintf(ts.Stdout(), "subject: %s\n", msg.Subject)
		if msg.HTML != "" {
			fmt.Fprintln(ts.Stdout(), "html: yes")
		}
		link := regexp.MustCompile(`https?://\S+`).FindString(msg.Text)
		u, err := url.Parse(link)
		if err != nil || u.Query().Get("token") == "" {
			ts.Fatalf("mailpit: no link with a token in the mail to %s:\n%s", args[1], msg.Text)
		}
		fmt.Fprintf(ts.Stdout(), "link: %s%s\n", u.Host, u.Path)
		ts.Setenv(args[2], u.Query().Get("token"))
	default:
		ts.Fatalf("usage: mailpit address VAR | mailpit link TO VAR")
	}
}

type mailpitAddress struct{ Address string }

type mailpitMessage struct {
	ID      string
	To      []mailpitAddress
	Subject string
	Text    string
	HTML    string
}

// mailpitWait polls mailpit's message list (GET /api/v1/messages) for the
// newest mail to address and returns it in full (GET /api/v1/message/ID).
func mailpitWait(ts *testscript.TestScript, base, address string) mailpitMessage {
	get := func(path string, v any) error {
		res, err := http.Get(strings.TrimSuffix(base, "/") + path)
		if err != nil {
			return err
		}
		defer res.Body.Close()
		if res.StatusCode != http.StatusOK {
			return fmt.Errorf("GET %s: %s", path, res.Status)
		}
		return json.NewDecoder(res.Body).Decode(v)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		var list struct{ Messages []mailpitMessage }
		err := get("/api/v1/messages", &list)
		if err == nil {
			for _, m := range list.Messages {
				for _, to := range m.To {
					if strings.EqualFold(to.Address, address) {
						var full mailpitMessage
						ts.Check(get("/api/v1/message/"+url.PathEscape(m.ID), &full))
						return full
					}
				}
			}
		}
		if time.Now().After(deadline) {
			ts.Fatalf("mailpit: no mail to %s within 30s (last error: %v)", address, err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}
