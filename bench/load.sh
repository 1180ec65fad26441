#!/usr/bin/env bash
# The realistic mixed load of issue 8 (item 5): tkm with demo data on
# SQLite or PostgreSQL, then officers, mentors and applicants (tkmload
# -mix) for a bounded time over loopback, each client from a loopback
# address of its own; prints each class's requests, errors, throughput,
# latency percentiles and tkm's memory, then stops tkm.
#
#   bench/load.sh [sqlite|postgres] [clients] [seconds] [groups]
#
# For postgres the database tkmload at $TKM_LOAD_POSTGRES is dropped and
# made again (psql on $TKM_LOAD_POSTGRES_ADMIN).
set -euo pipefail
cd "$(dirname "$0")/.."
engine=${1:-sqlite}
clients=${2:-500}
secs=${3:-60}
groups=${4:-1000}
pg_admin=${TKM_LOAD_POSTGRES_ADMIN:-postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable}
pg=${TKM_LOAD_POSTGRES:-postgres://postgres@127.0.0.1:5432/tkmload?sslmode=disable}
port=${TKM_LOAD_PORT:-8281}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

# Each client holds a connection or two; tkm and tkmload both need room.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || ulimit -n 65536 2>/dev/null || true

go build -o "$work/tkm" ./cmd/tkm
go build -o "$work/tkmload" ./cmd/tkmload
export TKM_DATA_DIR="$work" TKM_SECRET_KEY=""
case $engine in
sqlite) dsn="sqlite:$work/tkm.db" ;;
postgres)
	dsn=$pg
	psql "$pg_admin" -qc "DROP DATABASE IF EXISTS tkmload" -c "CREATE DATABASE tkmload"
	;;
*) echo "usage: $0 [sqlite|postgres] [clients] [seconds] [groups]" >&2; exit 2 ;;
esac

echo "# machine: $(nproc) CPUs, $(awk '/model name/{$1=$2=$3="";print;exit}' /proc/cpuinfo), $(free -g | awk '/Mem/{print $2}') GiB, $(go version), ulimit -n $(ulimit -n)"
echo "# $engine, $groups demo groups"
"$work/tkm" demo --groups "$groups" --db "$dsn" >/dev/null 2>"$work/demo.log" || { cat "$work/demo.log"; exit 1; }
"$work/tkm" serve --addr "127.0.0.1:$port" --db "$dsn" </dev/null 2>"$work/serve.log" >/dev/null &
pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
status=0
"$work/tkmload" -mix -url "http://127.0.0.1:$port" -clients "$clients" -duration "${secs}s" -pid "$pid" || status=$?
kill "$pid"; wait "$pid" 2>/dev/null || true
echo "# server log errors: $(grep -c '"level":"ERROR"' "$work/serve.log" || true)"
grep '"level":"ERROR"' "$work/serve.log" | head -5 || true
exit $status
