// Package deploy has no code of its own: its tests hold the Kubernetes
// manifests that every generated project gets under deploy/k8s (templates
// in templates/base/deploy and templates/jobs/deploy) to the Kubernetes API
// and to kustomize. They are a package apart so that the Kubernetes and
// kustomize modules they link are compiled for these tests only, not for
// the engine's.
package deploy
