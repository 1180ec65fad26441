#!/usr/bin/env bash
# Measures what BENCHMARKS.md reports for the registry (issue 2): demo data
# of 100,000 groups (1,000,000 members) on SQLite and PostgreSQL, then the
# group list API, the group API and the group page under load, each beside a
# bare net/http handler serving a body of the same kind in the same run.
# Latency is reported as the clients saw it and as tkm logged it (server_*:
# its own time, without the queue in front of it).
#
#   bench/registry.sh [groups] [seconds] [clients]
#
# Needs PostgreSQL at $TKM_BENCH_POSTGRES (default: the local server; the
# database tkmbench is dropped and made again). tkm serves on CPU 1 and the
# load generator runs on CPU 0, so that the two do not share a core.
set -euo pipefail
cd "$(dirname "$0")/.."
groups=${1:-100000}
secs=${2:-15}
clients=${3:-16}
pg_admin=${TKM_BENCH_POSTGRES_ADMIN:-postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable}
pg=${TKM_BENCH_POSTGRES:-postgres://postgres@127.0.0.1:5432/tkmbench?sslmode=disable}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

go build -o "$work/tkm" ./cmd/tkm
go build -o "$work/tkmload" ./cmd/tkmload
export TKM_DATA_DIR="$work" TKM_SECRET_KEY=""
login=(-email admin@tkm.example -password kopi-tubruk-pagi-7)

echo "# machine: $(nproc) CPUs, $(awk '/model name/{$1=$2=$3="";print;exit}' /proc/cpuinfo), $(free -g | awk '/Mem/{print $2}') GiB, $(go version)"

measure() { # engine dsn
	local engine=$1 dsn=$2 port=$3
	echo "## $engine"
	"$work/tkm" demo --groups "$groups" --db "$dsn" 2>&1 >/dev/null | tail -1
	: >"$work/serve.log"
	taskset -c 1 "$work/tkm" serve --addr "127.0.0.1:$port" --db "$dsn" 2>>"$work/serve.log" &
	local pid=$!
	sleep 2
	for path in '/api/v1/groups?province={province}&limit=50' '/api/v1/groups/{id}' '/kelompok/{id}'; do
		taskset -c 0 "$work/tkmload" -url "http://127.0.0.1:$port" "${login[@]}" -ids "$groups" \
			-c "$clients" -d "${secs}s" -path "$path" -log "$work/serve.log"
	done
	for path in '/api/v1/groups?province=51&limit=50' '/kelompok/{id}'; do
		"$work/tkmload" -url "http://127.0.0.1:$port" "${login[@]}" -ids "$groups" -path "$path" -save "$work/body"
		taskset -c 1 "$work/tkmload" -bare "$work/body" -addr 127.0.0.1:8199 &
		local bare=$!
		sleep 1
		echo -n "bare ceiling for $path: "
		taskset -c 0 "$work/tkmload" -url http://127.0.0.1:8199 -c "$clients" -d "${secs}s" -path /bare
		kill $bare; wait $bare 2>/dev/null || true
	done
	kill $pid; wait $pid 2>/dev/null || true
}

measure sqlite "sqlite:$work/tkm.db" 8181
psql "$pg_admin" -qc "DROP DATABASE IF EXISTS tkmbench" -c "CREATE DATABASE tkmbench"
measure postgres "$pg" 8182
