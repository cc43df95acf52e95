package deploy_test

import (
	"fmt"
	"path"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/kyaml/filesys"
	"sigs.k8s.io/yaml"

	"github.com/gobackend/gobackend/generator/files"
)

// objects are the decoded manifests of one kustomize build (or file), by
// kind and name.
type objects struct {
	deployments map[string]*appsv1.Deployment
	services    map[string]*corev1.Service
	configMaps  map[string]*corev1.ConfigMap
	secrets     map[string]*corev1.Secret
	pvcs        map[string]*corev1.PersistentVolumeClaim
	hpas        map[string]*autoscalingv2.HorizontalPodAutoscaler
	pdbs        map[string]*policyv1.PodDisruptionBudget
	jobs        map[string]*batchv1.Job
}

func newObjects() *objects {
	return &objects{
		deployments: map[string]*appsv1.Deployment{},
		services:    map[string]*corev1.Service{},
		configMaps:  map[string]*corev1.ConfigMap{},
		secrets:     map[string]*corev1.Secret{},
		pvcs:        map[string]*corev1.PersistentVolumeClaim{},
		hpas:        map[string]*autoscalingv2.HorizontalPodAutoscaler{},
		pdbs:        map[string]*policyv1.PodDisruptionBudget{},
		jobs:        map[string]*batchv1.Job{},
	}
}

// apiVersions is the API group version each kind must be written in: the
// current, non-deprecated ones.
var apiVersions = map[string]string{
	"Deployment":              "apps/v1",
	"Service":                 "v1",
	"ConfigMap":               "v1",
	"Secret":                  "v1",
	"PersistentVolumeClaim":   "v1",
	"HorizontalPodAutoscaler": "autoscaling/v2",
	"PodDisruptionBudget":     "policy/v1",
	"Job":                     "batch/v1",
}

// add decodes one manifest strictly into its Kubernetes API type: a field
// the type does not have (a typo, a wrong indentation) or a field given
// twice is an error, as `kubectl apply --validate=strict` would make it.
func (o *objects) add(src string, data []byte) error {
	var tm metav1.TypeMeta
	if err := yaml.Unmarshal(data, &tm); err != nil {
		return fmt.Errorf("%s: %w", src, err)
	}
	want, ok := apiVersions[tm.Kind]
	if !ok {
		return fmt.Errorf("%s: unexpected kind %q", src, tm.Kind)
	}
	if tm.APIVersion != want {
		return fmt.Errorf("%s: %s in apiVersion %q, want %q", src, tm.Kind, tm.APIVersion, want)
	}
	var obj interface{ GetName() string }
	var put func()
	switch tm.Kind {
	case "Deployment":
		v := &appsv1.Deployment{}
		obj, put = v, func() { o.deployments[v.Name] = v }
	case "Service":
		v := &corev1.Service{}
		obj, put = v, func() { o.services[v.Name] = v }
	case "ConfigMap":
		v := &corev1.ConfigMap{}
		obj, put = v, func() { o.configMaps[v.Name] = v }
	case "Secret":
		v := &corev1.Secret{}
		obj, put = v, func() { o.secrets[v.Name] = v }
	case "PersistentVolumeClaim":
		v := &corev1.PersistentVolumeClaim{}
		obj, put = v, func() { o.pvcs[v.Name] = v }
	case "HorizontalPodAutoscaler":
		v := &autoscalingv2.HorizontalPodAutoscaler{}
		obj, put = v, func() { o.hpas[v.Name] = v }
	case "PodDisruptionBudget":
		v := &policyv1.PodDisruptionBudget{}
		obj, put = v, func() { o.pdbs[v.Name] = v }
	case "Job":
		v := &batchv1.Job{}
		obj, put = v, func() { o.jobs[v.Name] = v }
	}
	if err := yaml.UnmarshalStrict(data, obj); err != nil {
		return fmt.Errorf("%s: %s: %w", src, tm.Kind, err)
	}
	if obj.GetName() == "" {
		return fmt.Errorf("%s: %s without a name", src, tm.Kind)
	}
	put()
	return nil
}

// kustomizeBuild runs kustomize (in process, as `kubectl apply -k` does)
// over the rendered deploy/k8s tree at dir, and decodes what it outputs.
func kustomizeBuild(t *testing.T, k8s map[string]files.File, dir string) *objects {
	t.Helper()
	fsys := filesys.MakeFsInMemory()
	for p, f := range k8s {
		if err := fsys.MkdirAll(path.Dir("/p/" + p)); err != nil {
			t.Fatal(err)
		}
		if err := fsys.WriteFile("/p/"+p, f.Data); err != nil {
			t.Fatal(err)
		}
	}
	resources, err := krusty.MakeKustomizer(krusty.MakeDefaultOptions()).Run(fsys, "/p/"+dir)
	if err != nil {
		t.Fatalf("kustomize build %s: %v", dir, err)
	}
	out := newObjects()
	for _, r := range resources.Resources() {
		data, err := r.AsYAML()
		if err != nil {
			t.Fatal(err)
		}
		if err := out.add("kustomize build "+dir+": "+r.CurId().String(), data); err != nil {
			t.Error(err)
		}
	}
	return out
}

// decodeFiles decodes every rendered manifest of deploy/k8s/base on its
// own, the Secret template (which no kustomization lists) among them.
func decodeFiles(t *testing.T, k8s map[string]files.File) *objects {
	t.Helper()
	out := newObjects()
	for p, f := range k8s {
		if path.Base(p) == "kustomization.yaml" {
			continue
		}
		if !strings.HasPrefix(p, "deploy/k8s/base/") || !strings.HasSuffix(p, ".gen.yaml") {
			t.Errorf("%s: a manifest outside deploy/k8s/base or without .gen. in its name", p)
			continue
		}
		if err := out.add(p, f.Data); err != nil {
			t.Error(err)
		}
	}
	return out
}
