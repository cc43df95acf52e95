package edit

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/gobackend/gobackend/generator/files"
)

// MailDir holds the mail templates of a project with feature email.
const MailDir = "internal/mail/templates"

var mailName = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// NewMail returns the template files of a new mail NAME: its text part
// (which defines the subject), its HTML part and its sample data. They are
// the user's from then on (scaffold), which the generated code embeds and
// finds by name, so nothing else changes. exists reports whether a project
// file is already there; a mail is never written over.
func NewMail(name string, exists func(path string) bool) ([]files.File, error) {
	if !mailName.MatchString(name) {
		return nil, fmt.Errorf("mail name %q: want lower-case words joined by hyphens, such as order-shipped", name)
	}
	if name == "layout" {
		return nil, fmt.Errorf("mail name %q: layout.txt and layout.html wrap every mail; pick another name", name)
	}
	subject := strings.ToUpper(name[:1]) + strings.ReplaceAll(name[1:], "-", " ")
	out := []files.File{
		{Path: MailDir + "/" + name + ".txt", Data: []byte(`{{define "subject"}}` + subject + `{{end -}}
Hello {{.Name}},

this is the text part of the mail ` + name + `: every client shows it.
`)},
		{Path: MailDir + "/" + name + ".html", Data: []byte(`<p>Hello {{.Name}},</p>
<p>this is the HTML part of the mail ` + name + `; data is escaped.</p>
`)},
		{Path: MailDir + "/" + name + ".json", Data: []byte(`{
  "Name": "Ada"
}
`)},
	}
	for i := range out {
		out[i].Class = files.Scaffold
		if exists(out[i].Path) {
			return nil, fmt.Errorf("%s already exists: the mail %s has templates; edit them", out[i].Path, name)
		}
	}
	return out, nil
}
