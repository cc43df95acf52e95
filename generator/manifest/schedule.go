package manifest

import (
	"github.com/robfig/cron/v3"
	"gopkg.in/yaml.v3"
)

// Schedule runs a job periodically (feature jobs): River's leader enqueues
// it at each time of Cron, so it runs once per time across instances.
type Schedule struct {
	Name    string // key in schedules: the periodic job's stable id
	NamePos Pos
	Job     string // the job's kind: a job of internal/jobs, or a generated one
	JobPos  Pos
	Cron    string // standard five-field cron expression, in UTC
	CronPos Pos
}

var scheduleKeys = []string{"job", "cron"}

// schedules reads `schedules: {NAME: {job: KIND, cron: "0 3 * * *"}}`.
// Whether the job exists is for the resolver, which knows the user's jobs.
func (p *parser) schedules(m *Manifest, path string, n *yaml.Node) {
	if isNull(n) {
		return
	}
	entries, _, ok := p.mapping(path, n, nil, "a mapping of schedules")
	if !ok {
		return
	}
	m.SchedulesPos = pos(n)
	for _, e := range entries {
		sp := join(path, e.key)
		s := &Schedule{Name: e.key, NamePos: e.pos}
		if !resourceKeyRE.MatchString(e.key) {
			p.errorf(e.pos, sp, "use lowercase snake_case, e.g. nightly_cleanup", "invalid schedule name %q", e.key)
		}
		fields, keys, ok := p.mapping(sp, e.val, scheduleKeys, "a mapping with job and cron")
		if !ok {
			continue
		}
		for _, f := range fields {
			switch f.key {
			case "job":
				if v, ok := p.required(join(sp, "job"), f.val); ok {
					s.Job, s.JobPos = v, pos(f.val)
				}
			case "cron":
				if v, ok := p.required(join(sp, "cron"), f.val); ok {
					s.Cron, s.CronPos = v, pos(f.val)
					if _, err := cron.ParseStandard(v); err != nil {
						p.errorf(pos(f.val), join(sp, "cron"), `five fields: minute hour day-of-month month day-of-week, e.g. "0 3 * * *" (03:00 UTC daily), or @hourly, @daily`, "invalid cron expression %q: %v", v, err)
					}
				}
			}
		}
		for _, k := range scheduleKeys {
			if _, ok := keys[k]; !ok {
				p.errorf(e.pos, sp, "", "missing required key %q", k)
			}
		}
		m.Schedules = append(m.Schedules, s)
	}
}
