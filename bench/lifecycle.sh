#!/usr/bin/env bash
# Prints how long `generate` and `check` take for projects of 1, 10 and 50
# resources (synthetic, with filters, sorts, enums and references), to show
# how the cost grows with the project. Numbers depend on the machine.
#   BENCHTIME=5x bench/lifecycle.sh
#   SMOKE=1 bench/lifecycle.sh     # CI: 1 resource, once, to prove the script works
set -euo pipefail
cd "$(dirname "$0")/.."
filter='BenchmarkGenerate|BenchmarkCheck'
if [[ -n ${SMOKE:-} ]]; then
	filter='(BenchmarkGenerate|BenchmarkCheck)/resources=1$'
	BENCHTIME=${BENCHTIME:-1x}
fi
go test -run '^$' -bench "$filter" -benchtime "${BENCHTIME:-3x}" ./generator/engine |
	awk '/^Benchmark/ {
		split($1, p, "/"); name = p[1]; sub(/^Benchmark/, "", name); sub(/-[0-9]+$/, "", p[2])
		printf "%-9s %-14s %8.3f s/op\n", tolower(name), p[2], $3 / 1e9
	}'
