package deploy_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/labels"
	"sigs.k8s.io/kustomize/api/types"
	"sigs.k8s.io/yaml"

	"github.com/gobackend/gobackend/generator/files"
)

// TestManifests renders each case, decodes every manifest strictly, runs
// kustomize build over the user's kustomization (which includes base/) and
// checks what a cluster relies on.
func TestManifests(t *testing.T) {
	for _, pr := range projects {
		t.Run(pr.name, func(t *testing.T) {
			all := renderProject(t, pr)
			k8s := k8sFiles(all)
			checkClasses(t, k8s)
			checkKustomizations(t, k8s)

			decoded := decodeFiles(t, k8s)
			built := kustomizeBuild(t, k8s, "deploy/k8s")
			// base/ builds on its own too: it is what a user's other
			// overlays (staging, production) point at.
			base := kustomizeBuild(t, k8s, "deploy/k8s/base")
			if len(base.deployments) != len(built.deployments) || len(base.configMaps) != len(built.configMaps) {
				t.Errorf("deploy/k8s and its base build different objects")
			}

			if len(built.secrets) != 0 {
				t.Error("kustomize build outputs a Secret: applying it would overwrite the real one")
			}
			secret := decoded.secrets[pr.name+"-secrets"]
			if secret == nil {
				t.Fatalf("no Secret template %s-secrets", pr.name)
			}
			for k, v := range secret.StringData {
				if v != "" {
					t.Errorf("Secret template: %s has a value", k)
				}
			}
			config := built.configMaps[pr.name+"-config"]
			if config == nil {
				t.Fatalf("no ConfigMap %s-config", pr.name)
			}
			checkSettings(t, pr, envSettings(t, all), config, secret)

			api := built.deployments[pr.name]
			if api == nil {
				t.Fatalf("no Deployment %s", pr.name)
			}
			checkAPI(t, pr, api, config)
			checkService(t, built.services[pr.name], api)
			for _, d := range built.deployments {
				checkPod(t, pr, "Deployment "+d.Name, &d.Spec.Template.Spec)
			}
			for _, j := range built.jobs {
				checkPod(t, pr, "Job "+j.Name, &j.Spec.Template.Spec)
			}
			checkScaling(t, pr, built, api)

			worker := built.deployments[pr.name+"-worker"]
			if want := pr.postgres() && pr.jobs(); (worker != nil) != want {
				t.Errorf("worker Deployment present: %v, want %v (PostgreSQL with feature jobs)", worker != nil, want)
			}
			if worker != nil {
				checkWorker(t, worker, config)
			}
		})
	}
}

// checkClasses: base/ is generated (rewritten on every generate, so that
// it follows the project), the kustomization over it is the user's.
func checkClasses(t *testing.T, k8s map[string]files.File) {
	t.Helper()
	for p, f := range k8s {
		want := files.Generated
		if p == "deploy/k8s/kustomization.yaml" {
			want = files.Scaffold
		}
		if f.Class != want {
			t.Errorf("%s: class %v, want %v", p, f.Class, want)
		}
		if generated := files.IsGeneratedContent(f.Data); generated != (want == files.Generated) {
			t.Errorf("%s: generated header %v, want %v", p, generated, want == files.Generated)
		}
	}
	if _, ok := k8s["deploy/k8s/kustomization.yaml"]; !ok {
		t.Error("no deploy/k8s/kustomization.yaml")
	}
}

// checkKustomizations decodes both kustomizations strictly and checks that
// base lists every manifest beside it except the Secret template: one left
// out would silently never deploy.
func checkKustomizations(t *testing.T, k8s map[string]files.File) {
	t.Helper()
	for _, p := range []string{"deploy/k8s/kustomization.yaml", "deploy/k8s/base/kustomization.yaml"} {
		var k types.Kustomization
		if err := yaml.UnmarshalStrict(k8s[p].Data, &k); err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if p != "deploy/k8s/base/kustomization.yaml" {
			if !slices.Contains(k.Resources, "base") {
				t.Errorf("%s does not build on base: %v", p, k.Resources)
			}
			continue
		}
		var want []string
		for q := range k8s {
			if rest, ok := strings.CutPrefix(q, "deploy/k8s/base/"); ok && rest != "kustomization.yaml" && rest != "secret.example.gen.yaml" {
				want = append(want, rest)
			}
		}
		got := slices.Sorted(slices.Values(k.Resources))
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s lists %v, want the manifests beside it %v", p, got, want)
		}
	}
}

// checkSettings: every setting .env.example documents is in the ConfigMap
// or the Secret, never both, and what the Kubernetes setup depends on is
// set as it needs.
func checkSettings(t *testing.T, pr project, env []string, config *corev1.ConfigMap, secret *corev1.Secret) {
	t.Helper()
	for _, name := range env {
		_, inConfig := config.Data[name]
		_, inSecret := secret.StringData[name]
		if inConfig == inSecret {
			t.Errorf("setting %s: in the ConfigMap %v, in the Secret %v; want exactly one", name, inConfig, inSecret)
		}
	}
	for _, name := range []string{"JWT_KEYS", "SMTP_URL", "REDIS_URL"} {
		if _, ok := config.Data[name]; ok {
			t.Errorf("the credential %s is in the ConfigMap", name)
		}
	}
	wantAuto := "true"
	if pr.postgres() {
		wantAuto = "false" // the migration Job migrates
		if _, ok := secret.StringData["DATABASE_URL"]; !ok {
			t.Error("PostgreSQL: DATABASE_URL is not in the Secret")
		}
	} else if got := config.Data["DATABASE_URL"]; !strings.HasPrefix(got, "file:/app/data/") {
		t.Errorf("SQLite: DATABASE_URL %q is not on the volume at /app/data", got)
	}
	if got := config.Data["AUTO_MIGRATE"]; got != wantAuto {
		t.Errorf("AUTO_MIGRATE = %q, want %q", got, wantAuto)
	}
	if pr.postgres() && pr.jobs() && config.Data["JOBS_WORKERS"] != "false" {
		t.Errorf("JOBS_WORKERS = %q: the API pods would work jobs beside the worker Deployment", config.Data["JOBS_WORKERS"])
	}
	if config.Data["PORT"] != "8080" {
		t.Errorf("PORT = %q, want the containerPort 8080", config.Data["PORT"])
	}
}

// shutdown is SHUTDOWN_TIMEOUT and SHUTDOWN_DELAY of the ConfigMap.
func shutdown(t *testing.T, config *corev1.ConfigMap) (timeout, delay time.Duration) {
	t.Helper()
	timeout, err := time.ParseDuration(config.Data["SHUTDOWN_TIMEOUT"])
	if err != nil {
		t.Fatalf("SHUTDOWN_TIMEOUT: %v", err)
	}
	delay, err = time.ParseDuration(config.Data["SHUTDOWN_DELAY"])
	if err != nil {
		t.Fatalf("SHUTDOWN_DELAY: %v", err)
	}
	return timeout, delay
}

// seconds prints an optional count of seconds.
func seconds(s *int64) string {
	if s == nil {
		return "unset"
	}
	return (time.Duration(*s) * time.Second).String()
}

func checkAPI(t *testing.T, pr project, d *appsv1.Deployment, config *corev1.ConfigMap) {
	t.Helper()
	spec := d.Spec.Template.Spec
	if len(spec.Containers) != 1 {
		t.Fatalf("Deployment %s: %d containers, want 1", d.Name, len(spec.Containers))
	}
	c := spec.Containers[0]
	if !slices.Equal(c.Args, []string{"serve"}) {
		t.Errorf("Deployment %s runs %v, want serve", d.Name, c.Args)
	}
	if len(c.Ports) != 1 || c.Ports[0].Name != "http" || c.Ports[0].ContainerPort != 8080 {
		t.Errorf("Deployment %s: ports %+v, want http 8080", d.Name, c.Ports)
	}
	for name, want := range map[string]struct {
		p    *corev1.Probe
		path string
	}{"startup": {c.StartupProbe, "/healthz"}, "liveness": {c.LivenessProbe, "/healthz"}, "readiness": {c.ReadinessProbe, "/readyz"}} {
		if want.p == nil || want.p.HTTPGet == nil {
			t.Errorf("Deployment %s: no %s HTTP probe", d.Name, name)
			continue
		}
		if want.p.HTTPGet.Path != want.path || want.p.HTTPGet.Port.String() != "http" {
			t.Errorf("Deployment %s: %s probe %s on port %s, want %s on http", d.Name, name, want.p.HTTPGet.Path, want.p.HTTPGet.Port.String(), want.path)
		}
	}
	timeout, delay := shutdown(t, config)
	if g := spec.TerminationGracePeriodSeconds; g == nil || time.Duration(*g)*time.Second <= timeout+delay {
		t.Errorf("Deployment %s: terminationGracePeriodSeconds %s, want above SHUTDOWN_TIMEOUT + SHUTDOWN_DELAY (%v)", d.Name, seconds(g), timeout+delay)
	}
	if pr.postgres() {
		if d.Spec.Replicas != nil {
			t.Errorf("Deployment %s sets replicas (%d): every apply would undo the autoscaler", d.Name, *d.Spec.Replicas)
		}
		return
	}
	if d.Spec.Replicas == nil || *d.Spec.Replicas != 1 || d.Spec.Strategy.Type != appsv1.RecreateDeploymentStrategyType {
		t.Errorf("SQLite: Deployment %s wants exactly one replica, replaced by Recreate", d.Name)
	}
	mounted := false
	for _, m := range c.VolumeMounts {
		mounted = mounted || m.MountPath == "/app/data"
	}
	claimed := false
	for _, v := range spec.Volumes {
		claimed = claimed || v.PersistentVolumeClaim != nil && v.PersistentVolumeClaim.ClaimName == pr.name+"-data"
	}
	if !mounted || !claimed {
		t.Errorf("SQLite: Deployment %s does not mount the claim %s-data at /app/data", d.Name, pr.name)
	}
}

// checkPod holds every pod to the image's user and a locked-down
// container: non-root, read-only root filesystem, no privilege escalation,
// no capabilities, resources requested, the configuration from the
// ConfigMap and Secret, and the image the user's kustomization names.
func checkPod(t *testing.T, pr project, what string, spec *corev1.PodSpec) {
	t.Helper()
	psc := spec.SecurityContext
	if psc == nil || psc.RunAsNonRoot == nil || !*psc.RunAsNonRoot || psc.RunAsUser == nil || *psc.RunAsUser != 65532 {
		t.Errorf("%s: pod not runAsNonRoot as uid 65532 (distroless nonroot)", what)
	}
	for _, c := range spec.Containers {
		sc := c.SecurityContext
		if sc == nil || sc.ReadOnlyRootFilesystem == nil || !*sc.ReadOnlyRootFilesystem {
			t.Errorf("%s: container %s has a writable root filesystem", what, c.Name)
		}
		if sc == nil || sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation || sc.Capabilities == nil || !slices.Contains(sc.Capabilities.Drop, "ALL") {
			t.Errorf("%s: container %s may escalate privileges or keeps capabilities", what, c.Name)
		}
		r := c.Resources
		if r.Requests.Cpu().IsZero() || r.Requests.Memory().IsZero() || r.Limits.Memory().IsZero() {
			t.Errorf("%s: container %s lacks CPU and memory requests or a memory limit: %+v", what, c.Name, r)
		}
		if c.Image != pr.name+":latest" {
			t.Errorf("%s: container %s image %q, want %s:latest from the kustomization's images", what, c.Name, c.Image, pr.name)
		}
		var refs []string
		for _, e := range c.EnvFrom {
			switch {
			case e.ConfigMapRef != nil:
				refs = append(refs, "configmap/"+e.ConfigMapRef.Name)
			case e.SecretRef != nil:
				refs = append(refs, "secret/"+e.SecretRef.Name)
			}
		}
		if want := []string{"configmap/" + pr.name + "-config", "secret/" + pr.name + "-secrets"}; !slices.Equal(refs, want) {
			t.Errorf("%s: container %s takes its environment from %v, want %v", what, c.Name, refs, want)
		}
	}
}

func checkService(t *testing.T, s *corev1.Service, api *appsv1.Deployment) {
	t.Helper()
	if s == nil {
		t.Fatalf("no Service %s", api.Name)
	}
	if !labels.SelectorFromSet(s.Spec.Selector).Matches(labels.Set(api.Spec.Template.Labels)) || len(s.Spec.Selector) == 0 {
		t.Errorf("Service %s selects %v, not the API pods %v", s.Name, s.Spec.Selector, api.Spec.Template.Labels)
	}
	if len(s.Spec.Ports) != 1 || s.Spec.Ports[0].TargetPort.String() != "http" {
		t.Errorf("Service %s: ports %+v, want one to the container port http", s.Name, s.Spec.Ports)
	}
}

// checkScaling: with PostgreSQL an autoscaler of at least two replicas, a
// disruption budget over the API pods and the migration Job; with SQLite
// none of them, and the claim of the database's volume.
func checkScaling(t *testing.T, pr project, built *objects, api *appsv1.Deployment) {
	t.Helper()
	if !pr.postgres() {
		if len(built.hpas)+len(built.pdbs)+len(built.jobs) != 0 {
			t.Errorf("SQLite: %d autoscalers, %d disruption budgets, %d jobs; want none (one pod owns the database)", len(built.hpas), len(built.pdbs), len(built.jobs))
		}
		if built.pvcs[pr.name+"-data"] == nil {
			t.Errorf("SQLite: no PersistentVolumeClaim %s-data", pr.name)
		}
		return
	}
	hpa := built.hpas[pr.name]
	if hpa == nil || hpa.Spec.ScaleTargetRef.Kind != "Deployment" || hpa.Spec.ScaleTargetRef.Name != api.Name || hpa.Spec.MinReplicas == nil || *hpa.Spec.MinReplicas < 2 || hpa.Spec.MaxReplicas < *hpa.Spec.MinReplicas {
		t.Errorf("PostgreSQL: want an autoscaler of Deployment %s from at least 2 replicas, got %+v", api.Name, hpa)
	}
	pdb := built.pdbs[pr.name]
	if pdb == nil || pdb.Spec.Selector == nil || !labels.SelectorFromSet(pdb.Spec.Selector.MatchLabels).Matches(labels.Set(api.Spec.Template.Labels)) {
		t.Errorf("PostgreSQL: want a disruption budget over the API pods, got %+v", pdb)
	}
	job := built.jobs[pr.name+"-migrate"]
	if job == nil || len(job.Spec.Template.Spec.Containers) != 1 || !slices.Equal(job.Spec.Template.Spec.Containers[0].Args, []string{"migrate", "up"}) {
		t.Errorf("PostgreSQL: want a Job %s-migrate running `migrate up`", pr.name)
	} else if job.Spec.Template.Spec.RestartPolicy == corev1.RestartPolicyAlways || job.Spec.Template.Spec.RestartPolicy == "" {
		t.Errorf("Job %s: restartPolicy %q is not allowed for a Job", job.Name, job.Spec.Template.Spec.RestartPolicy)
	}
	if len(built.pvcs) != 0 {
		t.Error("PostgreSQL: a PersistentVolumeClaim, which nothing needs")
	}
	// The README applies the ConfigMap and the Job first, by this
	// selector, and waits for the Job before the rollout.
	first, err := labels.Parse("app.kubernetes.io/component in (config,migrate)")
	if err != nil {
		t.Fatal(err)
	}
	config := built.configMaps[pr.name+"-config"]
	if config == nil || !first.Matches(labels.Set(config.Labels)) || job == nil || !first.Matches(labels.Set(job.Labels)) || first.Matches(labels.Set(api.Labels)) {
		t.Errorf("the selector %s does not pick the ConfigMap and the migration Job without the API", first)
	}
}

func checkWorker(t *testing.T, d *appsv1.Deployment, config *corev1.ConfigMap) {
	t.Helper()
	spec := d.Spec.Template.Spec
	if len(spec.Containers) != 1 || !slices.Equal(spec.Containers[0].Args, []string{"worker"}) {
		t.Errorf("Deployment %s does not run `worker`", d.Name)
	}
	if labels.SelectorFromSet(d.Spec.Selector.MatchLabels).Matches(labels.Set{"app.kubernetes.io/name": strings.TrimSuffix(d.Name, "-worker"), "app.kubernetes.io/component": "api"}) {
		t.Errorf("Deployment %s selects the API pods", d.Name)
	}
	timeout, _ := shutdown(t, config)
	if g := spec.TerminationGracePeriodSeconds; g == nil || time.Duration(*g)*time.Second <= timeout {
		t.Errorf("Deployment %s: terminationGracePeriodSeconds %s, want above SHUTDOWN_TIMEOUT (%v), which running jobs get", d.Name, seconds(g), timeout)
	}
}
