#!/usr/bin/env bash
# Measures what BENCHMARKS.md reports for the statistics (issue 7): with
# demo data of 1,000,000 groups (about 10,000,000 members) on SQLite and on
# PostgreSQL, the figures read from the counters beside the same figures
# counted from the rows, in the same run (bench/stats), then the stats API
# and the dashboard page served to one client, then eight at once
# (tkmload, p50/p90/p99).
#
#   bench/stats.sh [groups] [sqlite|postgres|both]
#
# TKM_BENCH_KEEP=DIR keeps (and reuses) the databases in DIR: filling a
# million groups takes a while. PostgreSQL: the database tkmstats at
# $TKM_BENCH_POSTGRES_ADMIN's server is made on the first run.
set -euo pipefail
cd "$(dirname "$0")/.."
groups=${1:-1000000}
engines=${2:-both}
pg_admin=${TKM_BENCH_POSTGRES_ADMIN:-postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable}
pg=${pg_admin%/postgres*}/tkmstats?sslmode=disable
work=${TKM_BENCH_KEEP:-$(mktemp -d)}
mkdir -p "$work"
trap 'kill $(jobs -p) 2>/dev/null || true; [ -n "${TKM_BENCH_KEEP:-}" ] || rm -rf "$work"' EXIT

go build -o "$work/tkm" ./cmd/tkm
go build -o "$work/tkmload" ./cmd/tkmload
go build -o "$work/stats" ./bench/stats
export TKM_DATA_DIR="$work" TKM_SECRET_KEY=""
login=(-email admin@tkm.example -password kopi-tubruk-pagi-7)
echo "# machine: $(nproc) CPUs, $(awk '/model name/{$1=$2=$3="";print;exit}' /proc/cpuinfo), $(free -g | awk '/Mem/{print $2}') GiB, $(go version)"

fill() { # dsn marker
	if [ -e "$work/$2.filled" ]; then return; fi
	/usr/bin/time -f "demo: %e s, peak %M KB" "$work/tkm" demo --groups "$groups" --db "$1" >/dev/null
	touch "$work/$2.filled"
}

measure() { # engine dsn port
	echo "## $1, $groups groups"
	fill "$2" "$1"
	"$work/stats" -db "$2" -n 200 -recounts 1
	"$work/tkm" serve --addr "127.0.0.1:$3" --db "$2" 2>/dev/null </dev/null &
	local pid=$!
	sleep 3
	for clients in 1 8; do # one officer at a time (latency), then eight at once
		for path in '/api/v1/stats' '/api/v1/stats?year=2019&province={province}' '/dasbor' '/dasbor?province={province}'; do
			"$work/tkmload" -url "http://127.0.0.1:$3" "${login[@]}" -c $clients -d 10s -path "$path"
		done
	done
	kill $pid; wait $pid 2>/dev/null || true
}

if [ "$engines" != postgres ]; then measure sqlite "sqlite:$work/tkm.db" 8281; fi
if [ "$engines" != sqlite ]; then
	if [ ! -e "$work/postgres.filled" ]; then
		psql "$pg_admin" -qc "DROP DATABASE IF EXISTS tkmstats" -c "CREATE DATABASE tkmstats"
	fi
	measure postgres "$pg" 8282
fi
