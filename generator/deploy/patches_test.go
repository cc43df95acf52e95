package deploy_test

import (
	"strings"
	"testing"

	"github.com/gobackend/gobackend/generator/files"
)

// TestKustomizationExamples uncomments the example patches of the user's
// kustomization and builds it: the way it tells users to customise the
// generated manifests must work as written.
func TestKustomizationExamples(t *testing.T) {
	pr := projects[0]
	k8s := k8sFiles(renderProject(t, pr))
	const overlay = "deploy/k8s/kustomization.yaml"
	text := string(k8s[overlay].Data)
	start := strings.Index(text, "\n# patches:\n")
	if start < 0 {
		t.Fatalf("%s has no commented patches: example", overlay)
	}
	var b strings.Builder
	b.WriteString(text[:start+1])
	for _, line := range strings.SplitAfter(text[start+1:], "\n") {
		if !strings.HasPrefix(line, "# ") && line != "" {
			t.Fatalf("%s: line %q after the examples is not commented", overlay, line)
		}
		b.WriteString(strings.TrimPrefix(line, "# "))
	}
	k8s[overlay] = files.File{Path: overlay, Data: []byte(b.String()), Class: files.Scaffold}

	built := kustomizeBuild(t, k8s, "deploy/k8s")
	if got := built.configMaps[pr.name+"-config"].Data["LOG_LEVEL"]; got != "debug" {
		t.Errorf("the ConfigMap example: LOG_LEVEL = %q, want debug", got)
	}
	api := built.deployments[pr.name]
	if api == nil {
		t.Fatalf("no Deployment %s", pr.name)
	}
	if got := api.Spec.Template.Spec.Containers[0].Resources.Limits.Memory().String(); got != "512Mi" {
		t.Errorf("the memory example: limit %s, want 512Mi", got)
	}
}
