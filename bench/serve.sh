#!/usr/bin/env bash
# serve.sh: requests per second of freshly generated gobackend servers beside
# bench/baseline, a minimal net/http + database/sql server doing the same work
# over the same database, and their ratio (generated / baseline), as a table
# (figures made up):
#
#   cores: 2
#   db        scenario    generated_req/s  baseline_req/s  ratio  target
#   sqlite    get                    9000           11000   0.82    0.80
#   ...
#   idle_rss_mb 21.3 target 30
#   binary_mb 40.1
#
# A ratio is the cost of everything the generated stack adds on top of the
# query (routing, middleware, access log, validation, ETag, ...); the target
# is the ratio it should reach. Scenarios, for db in sqlite and postgres:
#
#   get         GET /customers/{id} of one row
#   list        GET /customers?limit=20 (default sort; 50 rows are seeded first)
#   create      POST /customers, each request a new unique email (201)
#   cached-get  GET /customers/{id} of a project generated with the cache
#               feature (customers cached 60s), against the baseline's
#               GET /mem/customers/{id}, a map lookup: the floor for a cache
#
# Each figure is the median of ROUNDS interleaved rounds: every round measures
# every scenario once on each server, the generated server first in odd
# rounds and the baseline first in even ones, so a drift of the machine
# weighs on both. The ratio is the median of the per-round ratios, the req/s
# the medians of each side. Servers are measured one at a time, each running
# only while it is measured (started, warmed up, measured, stopped).
#
# PostgreSQL rows need the server at GOBACKEND_TEST_POSTGRES_URL (default
# postgres://postgres@127.0.0.1:5432/test?sslmode=disable) and psql; each run
# creates its own database there and drops it at exit. When it does not
# answer, the postgres rows are replaced by a note saying so.
#
# Then idle memory: a project generated with every feature (auth, cache,
# email, jobs, webhooks) on SQLite is started, and its resident set size
# (VmRSS) read 2s after /healthz answers; binary_mb is the size of that
# server binary, linked with -ldflags="-s -w" as the generated Dockerfile
# ships it (but without -trimpath, to share the Go build cache).
#
#   bench/serve.sh                          # 5s measured per figure, 16 connections, 3 rounds
#   DURATION=10s CONCURRENCY=32 ROUNDS=5 bench/serve.sh
#   SMOKE=1 bench/serve.sh                  # CI: a short run that proves the script works
#
# Numbers depend on the machine: each server shares the machine's cores with
# the load generator (all on 127.0.0.1, and the PostgreSQL server when it is
# local), so absolute req/s are only comparable within one run; the ratio is
# the figure to watch. The generated servers log every request at info (to a
# file here), as they ship; export LOG_LEVEL=warn to measure them without
# their access log. Their rate limiter stays on, with a limit the load
# generator cannot reach, so that its cost is measured but no request is
# refused. Builds (five generated projects) are the slow part; they reuse
# the Go build cache, so a second run is much faster.
set -euo pipefail

if [[ -n ${SMOKE:-} ]]; then
	DURATION=${DURATION:-1s}
	CONCURRENCY=${CONCURRENCY:-4}
	WARMUP=${WARMUP:-200ms}
	ROUNDS=${ROUNDS:-1}
fi
DURATION=${DURATION:-5s}
CONCURRENCY=${CONCURRENCY:-16}
WARMUP=${WARMUP:-1s}
ROUNDS=${ROUNDS:-3}
PG_URL=${GOBACKEND_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test?sslmode=disable}
export RATE_LIMIT=${RATE_LIMIT:-1000000} RATE_LIMIT_BURST=${RATE_LIMIT_BURST:-1000000}
# Stopping a server between measurements needs no load-balancer delay.
export SHUTDOWN_DELAY=0s

bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$bench")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gobackend-bench.XXXXXX")
run=$(basename "$tmp" | tr -cd 'a-zA-Z0-9' | tr 'A-Z' 'a-z') # unique per run: emails, database name
pid=""
pg_db=""  # the database this run created, dropped at exit

stop() {
	if [[ -n $pid ]]; then
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
		pid=""
	fi
}
cleanup() {
	stop
	if [[ -n $pg_db ]]; then
		PGCONNECT_TIMEOUT=5 psql -q "$PG_URL" -c "DROP DATABASE IF EXISTS $pg_db" >/dev/null 2>&1 ||
			echo "serve.sh: could not drop database $pg_db" >&2
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT

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
		PORT=$port "$@" >>"$log" 2>&1 &
		pid=$!
		for _ in {1..300}; do
			curl -fsS -o /dev/null "http://127.0.0.1:$port$path" 2>/dev/null && return
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		if kill -0 "$pid" 2>/dev/null; then
			tail -n 20 "$log" >&2
			die "timed out waiting for http://127.0.0.1:$port$path"
		fi
		wait "$pid" 2>/dev/null || true
		pid=""
		tail -n 5 "$log" | grep -q 'address already in use' || { tail -n 20 "$log" >&2; die "server exited before answering $path"; }
	done
	die "no port could be bound"
}

# measure PATH [BODY]: prints the requests/s the load generator reports
# against the server started last; with BODY, it POSTs BODY ({n}: a counter).
measure() {
	local args=(-url "http://127.0.0.1:$port$1" -c "$CONCURRENCY" -d "$DURATION" -warmup "$WARMUP")
	[[ $# -lt 2 ]] || args+=(-method POST -body "$2")
	"$tmp/loadgen" "${args[@]}" >"$tmp/loadgen.out" 2>&1 ||
		{ cat "$tmp/loadgen.out" >&2; die "load generation against $1 failed"; }
	awk '/^requests\/s/ {print $2}' "$tmp/loadgen.out"
}

# median: the median of the numbers on stdin, one a line.
median() {
	sort -g | awk '{v[NR] = $1} END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# project NAME DB FEATURES [EXTRA_BUILD_FLAGS...]: generates shop with
# database DB into $tmp/NAME, with FEATURES (a YAML list) and, when the list
# has cache, customers cached 60s; builds its server as $tmp/NAME-server.
project() {
	local name=$1 db=$2 features=$3 dir=$tmp/$1
	shift 3
	"$tmp/gobackend" new shop --yes --db "$db" --dir "$dir" >"$tmp/$name-new.log" 2>&1 ||
		{ cat "$tmp/$name-new.log" >&2; die "gobackend new ($name) failed"; }
	if [[ $features != "[]" ]]; then
		awk -v f="$features" '
			/^features: \[\]$/ { print "features: " f; next }
			{ print }
			/^  customers:$/ && f ~ /cache/ { print "    cache: 60s" }
		' "$dir/gobackend.yaml" >"$dir/gobackend.yaml.new"
		mv "$dir/gobackend.yaml.new" "$dir/gobackend.yaml"
		grep -qxF "features: $features" "$dir/gobackend.yaml" || die "$name: could not set features in gobackend.yaml"
		(cd "$dir" && "$tmp/gobackend" generate && go mod tidy) >"$tmp/$name-generate.log" 2>&1 ||
			{ cat "$tmp/$name-generate.log" >&2; die "gobackend generate ($name) failed"; }
	fi
	(cd "$dir" && go build "$@" -o "$tmp/$name-server" ./cmd/shop)
}

# PostgreSQL: reachable, with psql? Then a fresh database for this run.
pg_note=""
if ! command -v psql >/dev/null; then
	pg_note="psql not installed"
elif ! PGCONNECT_TIMEOUT=3 psql -qAt "$PG_URL" -c 'SELECT 1' >/dev/null 2>&1; then
	pg_note="no PostgreSQL answers at $PG_URL (set GOBACKEND_TEST_POSTGRES_URL)"
else
	psql -q "$PG_URL" -c "CREATE DATABASE bench_$run" >/dev/null || die "could not create database bench_$run"
	pg_db=bench_$run
	# The same URL with the new database as its path.
	base=${PG_URL%%\?*}
	query=${PG_URL#"$base"}
	[[ ${base#*://} == */* ]] && base=${base%/*}
	pg_run_url=$base/$pg_db$query
fi

echo "building (gobackend, baseline, loadgen, generated projects)..." >&2
(cd "$root" && go build -o "$tmp/gobackend" ./cmd/gobackend)
(cd "$bench" && go build -o "$tmp/" ./baseline ./loadgen)
project sqlite sqlite "[]"
project sqlite-cache sqlite "[cache]"
if [[ -z $pg_note ]]; then
	project postgres postgres "[]"
	project postgres-cache postgres "[cache]"
fi
project all sqlite "[auth, cache, email, jobs, webhooks]" -ldflags="-s -w"

scenarios=(get list create cached-get)
declare -A target=([get]=0.80 [list]=0.80 [create]=0.70 [cached-get]=0.90)

# side SIDE DB URL SCENARIO ROUND: starts SIDE's server (generated or
# baseline) for SCENARIO over URL, prints its req/s, stops it.
side() {
	local side=$1 db=$2 url=$3 sc=$4 r=$5 path
	if [[ $side == generated ]]; then
		local server=$tmp/$db-server
		[[ $sc == cached-get ]] && server=$tmp/$db-cache-server
		start "$tmp/$db-$side.log" /healthz env DATABASE_URL="$url" "$server" serve
	else
		start "$tmp/$db-$side.log" "/customers/$id" env DATABASE_URL="$url" "$tmp/baseline"
	fi
	case $sc in
	get) measure "/customers/$id" ;;
	list) measure "/customers?limit=20" ;;
	create) measure /customers "{\"name\":\"n{n}\",\"email\":\"u{n}-$side-$r-$run@example.com\"}" ;;
	cached-get)
		path=/customers/$id
		[[ $side == baseline ]] && path=/mem/customers/$id
		measure "$path"
		;;
	esac
	stop
}

# area DB URL: seeds the database through the generated server (which
# applies the migrations), then measures every scenario ROUNDS times and
# prints the rows of DB.
area() {
	local db=$1 url=$2 r sc g b
	start "$tmp/$db-generated.log" /healthz env DATABASE_URL="$url" "$tmp/$db-server" serve
	for i in $(seq 50); do
		curl -fsS -o "$tmp/created.json" -X POST -H 'Content-Type: application/json' \
			-d "{\"name\":\"Seed $i\",\"email\":\"seed$i-$run@example.com\"}" "http://127.0.0.1:$port/customers" ||
			die "$db: could not create a customer"
		[[ $i -gt 1 ]] || id=$(sed -n 's/.*"id":"\([0-9a-f-]\{36\}\)".*/\1/p' "$tmp/created.json")
	done
	[[ -n $id ]] || die "$db: no id in $(cat "$tmp/created.json")"
	[[ $(curl -fsS "http://127.0.0.1:$port/customers?limit=20" | grep -o '"email"' | wc -l) -eq 20 ]] ||
		die "$db: GET /customers?limit=20 does not list 20 customers"
	stop
	for ((r = 1; r <= ROUNDS; r++)); do
		for sc in "${scenarios[@]}"; do
			# Not $(side ...): in a subshell, a failure would leave the
			# server it started running.
			if ((r % 2)); then
				side generated "$db" "$url" "$sc" "$r" >"$tmp/g"
				side baseline "$db" "$url" "$sc" "$r" >"$tmp/b"
			else
				side baseline "$db" "$url" "$sc" "$r" >"$tmp/b"
				side generated "$db" "$url" "$sc" "$r" >"$tmp/g"
			fi
			g=$(<"$tmp/g") b=$(<"$tmp/b")
			echo "$g" >>"$tmp/$db-$sc.generated"
			echo "$b" >>"$tmp/$db-$sc.baseline"
			awk -v g="$g" -v b="$b" 'BEGIN { print g / b }' >>"$tmp/$db-$sc.ratio"
		done
	done
	for sc in "${scenarios[@]}"; do
		printf '%-8s  %-10s  %15.0f  %14.0f  %5.2f  %6s\n' "$db" "$sc" \
			"$(median <"$tmp/$db-$sc.generated")" "$(median <"$tmp/$db-$sc.baseline")" \
			"$(median <"$tmp/$db-$sc.ratio")" "${target[$sc]}"
	done
}

echo "cores: $(nproc)"
echo "rounds: $ROUNDS x ${DURATION} at ${CONCURRENCY} connections (median of rounds)"
printf '%-8s  %-10s  %15s  %14s  %5s  %6s\n' db scenario generated_req/s baseline_req/s ratio target
# Each area prints its rows as it finishes.
area sqlite "file:$tmp/shop.db"
if [[ -z $pg_note ]]; then
	area postgres "$pg_run_url"
else
	echo "postgres  skipped: $pg_note"
fi

# Idle memory of the all-features server, on its own SQLite file.
start "$tmp/all.log" /healthz env DATABASE_URL="file:$tmp/all.db" "$tmp/all-server" serve
sleep 2
rss_kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
stop
echo
awk -v k="$rss_kb" 'BEGIN { printf "idle_rss_mb %.1f target 30\n", k / 1024 }'
awk -v b="$(stat -c %s "$tmp/all-server")" 'BEGIN { printf "binary_mb %.1f\n", b / 1048576 }'
