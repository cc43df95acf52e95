#!/usr/bin/env bash
# Prints how long `generate` and `check` take for projects of 1, 10 and 100
# resources (synthetic, with filters, sorts, enums and references), to show
# how the cost grows with the project, beside the targets (at most 1.0 s for
# 10 resources and 5 s for 100, with nothing cached). Numbers depend on the
# machine; its core count is printed, as sqlc's parsing is shared out to the
# cores.
#   generate            nothing cached: every query file is parsed (a new
#                       machine, a schema change)
#   generate-unchanged  the schema and queries are those of the last run
#                       (sqlc's output cached by content, as in the CLI)
#   check               an in-sync project, nothing cached
#
#   BENCHTIME=5x bench/lifecycle.sh
#   SMOKE=1 bench/lifecycle.sh     # CI: 1 resource, once, to prove the script works
set -euo pipefail
cd "$(dirname "$0")/.."
filter='BenchmarkGenerate|BenchmarkGenerateUnchanged|BenchmarkCheck'
if [[ -n ${SMOKE:-} ]]; then
	filter='(BenchmarkGenerate|BenchmarkGenerateUnchanged|BenchmarkCheck)/resources=1$'
	BENCHTIME=${BENCHTIME:-1x}
fi
echo "cores: $(nproc)"
printf '%-20s %-10s %10s %10s\n' command resources 's/op' target
go test -run '^$' -bench "$filter" -benchtime "${BENCHTIME:-3x}" ./generator/engine |
	awk '/^Benchmark/ {
		split($1, p, "/"); name = p[1]; sub(/^Benchmark/, "", name); sub(/-[0-9]+$/, "", p[2])
		name = tolower(name); sub(/unchanged$/, "-unchanged", name)
		n = p[2]; sub(/^resources=/, "", n)
		target = "-"
		if (name != "generate-unchanged" && n == 10) target = "1.000"
		if (name != "generate-unchanged" && n == 100) target = "5.000"
		printf "%-20s %-10s %10.3f %10s\n", name, n, $3 / 1e9, target
	}'
