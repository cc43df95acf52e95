#!/usr/bin/env bash
# serve.sh: GET /customers/{id} requests per second of a freshly generated
# gobackend server beside bench/baseline, a minimal net/http + database/sql
# server over the same SQLite file, and their ratio (generated / baseline).
# The ratio is the cost of everything the generated stack adds on top of the
# query (routing, middleware, access log, validation, ETag, ...).
#
#   bench/serve.sh                          # 5s measured, 16 connections
#   DURATION=10s CONCURRENCY=32 bench/serve.sh
#   SMOKE=1 bench/serve.sh                  # CI: a short run that proves the script works
#
# Numbers depend on the machine: each server shares the machine's cores with
# the load generator (all on 127.0.0.1), so absolute req/s are only
# comparable within one run; the ratio is the figure to watch. The servers
# are measured one after the other, each running only while measured.
# The generated server logs every request at info (to a file here), as it
# ships; export LOG_LEVEL=warn to measure it without its access log. Its
# rate limiter stays on, with a limit the load generator cannot reach, so
# that its cost is measured but no request is refused.
set -euo pipefail

if [[ -n ${SMOKE:-} ]]; then
	DURATION=${DURATION:-1s}
	CONCURRENCY=${CONCURRENCY:-4}
	WARMUP=${WARMUP:-200ms}
fi
DURATION=${DURATION:-5s}
CONCURRENCY=${CONCURRENCY:-16}
WARMUP=${WARMUP:-1s}
export RATE_LIMIT=${RATE_LIMIT:-1000000} RATE_LIMIT_BURST=${RATE_LIMIT_BURST:-1000000}
# Stopping a server between measurements needs no load-balancer delay.
export SHUTDOWN_DELAY=0s

bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$bench")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gobackend-bench.XXXXXX")
pid=""

stop() {
	if [[ -n $pid ]]; then
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
		pid=""
	fi
}
trap 'stop; rm -rf "$tmp"' EXIT

die() { echo "serve.sh: $*" >&2; exit 1; }

# free_port prints a 127.0.0.1 port nobody answers on (racy, but the window
# before the server binds it is short). It stays below the kernel's ephemeral
# range (32768 and up by default), where the load generator's and curl's own
# outgoing connections take their local ports: a port free to connect to can
# still be held there, and bind then fails with "address already in use".
free_port() {
	local p
	for _ in {1..50}; do
		p=$((20000 + RANDOM % 12000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"
			return
		fi
	done
	die "no free port found"
}

# start LOG PATH CMD...: starts CMD with PORT set to a free port and waits for
# PATH to answer 200; it tries another port when the first is taken by the
# time the server binds it. Sets $pid and $port.
start() {
	local log=$1 path=$2
	shift 2
	for _ in {1..5}; do
		port=$(free_port)
		PORT=$port "$@" >"$log" 2>&1 &
		pid=$!
		for _ in {1..300}; do
			curl -fsS -o /dev/null "http://127.0.0.1:$port$path" 2>/dev/null && return
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		if kill -0 "$pid" 2>/dev/null; then
			cat "$log" >&2
			die "timed out waiting for http://127.0.0.1:$port$path"
		fi
		wait "$pid" 2>/dev/null || true
		pid=""
		grep -q 'address already in use' "$log" || { cat "$log" >&2; die "server exited before answering $path"; }
	done
	die "no port could be bound"
}

# measure URL: prints the requests/s the load generator reports.
measure() {
	"$tmp/loadgen" -url "$1" -c "$CONCURRENCY" -d "$DURATION" -warmup "$WARMUP" >"$tmp/loadgen.out" ||
		{ cat "$tmp/loadgen.out" >&2; die "load generation against $1 failed"; }
	awk '/^requests\/s/ {print $2}' "$tmp/loadgen.out"
}

echo "building (gobackend, generated project, baseline, loadgen)..." >&2
(cd "$root" && go build -o "$tmp/gobackend" ./cmd/gobackend)
"$tmp/gobackend" new shop --yes --dir "$tmp/shop" >"$tmp/new.log" 2>&1 ||
	{ cat "$tmp/new.log" >&2; die "gobackend new failed"; }
(cd "$tmp/shop" && go build -o "$tmp/shop-server" ./cmd/shop)
(cd "$bench" && go build -o "$tmp/" ./baseline ./loadgen)

db="file:$tmp/shop.db"

# Generated server: applies the migrations, then owns the only write.
start "$tmp/generated.log" /healthz env DATABASE_URL="$db" "$tmp/shop-server" serve
id=$(curl -fsS -X POST -H 'Content-Type: application/json' \
	-d '{"name":"Ada","email":"ada@example.com"}' "http://127.0.0.1:$port/customers" |
	sed -n 's/.*"id":"\([0-9a-f-]\{36\}\)".*/\1/p')
[[ -n $id ]] || die "could not create a customer"
generated=$(measure "http://127.0.0.1:$port/customers/$id")
stop

# Baseline over the same file and row.
start "$tmp/baseline.log" "/customers/$id" env DATABASE_URL="$db" "$tmp/baseline"
baseline=$(measure "http://127.0.0.1:$port/customers/$id")
stop

printf 'generated  %s req/s\n' "$generated"
printf 'baseline   %s req/s\n' "$baseline"
awk -v g="$generated" -v b="$baseline" 'BEGIN { printf "ratio      %.2f (generated / baseline)\n", g / b }'
