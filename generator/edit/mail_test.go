package edit

import (
	"strings"
	"testing"
)

func TestNewMail(t *testing.T) {
	none := func(string) bool { return false }
	out, err := NewMail("order-shipped", none)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 3 || out[0].Path != "internal/mail/templates/order-shipped.txt" {
		t.Fatalf("files = %v", out)
	}
	if !strings.HasPrefix(string(out[0].Data), `{{define "subject"}}Order shipped{{end -}}`) {
		t.Errorf("text part = %s", out[0].Data)
	}
	for _, bad := range []string{"", "Order", "order_shipped", "-x", "x-", "layout", "a/b"} {
		if _, err := NewMail(bad, none); err == nil {
			t.Errorf("NewMail(%q) = nil error", bad)
		}
	}
	if _, err := NewMail("welcome", func(p string) bool { return strings.HasSuffix(p, "welcome.html") }); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("NewMail over an existing mail: %v", err)
	}
}
