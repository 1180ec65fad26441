#!/usr/bin/env bash
# Measures what BENCHMARKS.md reports for imports and exports (issue 5,
# item 8): an import file of ROWS member rows (groups of 10, default
# 1,000,000) as CSV and as XLSX, imported by `tkm import` into a fresh
# database on SQLite and on PostgreSQL, beside the bare loader (the same
# rows, batched INSERTs, nothing checked) in the same run; then the export
# of the members as CSV and XLSX. Prints rows/s, peak RSS and the ratio to
# the bare loader.
#
#   bench/spreadsheets.sh [ROWS]
#
# Needs PostgreSQL at $TKM_BENCH_POSTGRES_ADMIN (default: the local server;
# the databases tkmbench and tkmbare are dropped and made again).
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
pg_admin=${TKM_BENCH_POSTGRES_ADMIN:-postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable}
pg_base=${pg_admin%/*}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TKM_DATA_DIR="$work" TKM_SECRET_KEY=""

go build -o "$work/tkm" ./cmd/tkm
go build -o "$work/ss" ./bench/spreadsheets
echo "# machine: $(nproc) CPUs,$(awk -F: '/model name/{print $2;exit}' /proc/cpuinfo), $(free -g | awk '/Mem/{print $2}') GiB, $(go version | cut -d' ' -f3)"
echo "# rows: $rows"
for f in csv xlsx; do
	"$work/ss" gen -rows "$rows" -format $f -o "$work/members.$f"
done
ls -l "$work"/members.* | awk '{printf "# %s: %d MB\n", $NF, $5/1048576}'

# fresh ENGINE NAME: a new, migrated database with the demo cohorts; prints its DSN.
fresh() {
	if [ "$1" = sqlite ]; then
		rm -f "$work/$2.db"*
		echo "sqlite:$work/$2.db"
	else
		psql "$pg_admin" -qc "DROP DATABASE IF EXISTS $2" -c "CREATE DATABASE $2" >&2
		echo "$pg_base/$2?sslmode=disable"
	fi
}

# timed LABEL ROWS CMD…: runs CMD, prints a table line from its time and peak RSS.
timed() {
	local label=$1 n=$2 out
	shift 2
	out=$("$work/ss" time -- "$@" 2>&1 >/dev/null | tee "$work/last.log" | grep '^time:') || { cat "$work/last.log" >&2; return 1; }
	local secs rss
	secs=$(echo "$out" | awk '{print $2}')
	rss=$(echo "$out" | awk '{print $6}')
	awk -v l="$label" -v n="$n" -v s="$secs" -v m="$rss" -v b="${bare_rate:-0}" \
		'BEGIN{r=n/s; printf "| %-22s | %9.1f | %9.0f | %6d | %s |\n", l, s, r, m, (b>0 ? sprintf("%.0f%%", 100*r/b) : "—")}'
}

measure() { # engine
	local engine=$1 dsn
	echo
	echo "## $engine"
	echo "| step                   | seconds   | rows/s    | RSS MB | vs bare |"
	echo "|---|---|---|---|---|"
	dsn=$(fresh "$engine" tkmbare)
	"$work/tkm" migrate --db "$dsn" >/dev/null 2>&1
	bare_rate=
	local line
	line=$(timed "bare loader" "$rows" "$work/ss" bare -rows "$rows" -db "$dsn")
	echo "$line"
	bare_rate=$(echo "$line" | awk -F'|' '{gsub(/ /,"",$4); print $4}')
	for f in csv xlsx; do
		dsn=$(fresh "$engine" tkmbench)
		"$work/tkm" demo --groups 10 --db "$dsn" >/dev/null 2>&1
		timed "import $f" "$rows" "$work/tkm" import "$work/members.$f" --cohort 3 --db "$dsn"
	done
	bare_rate=
	for f in csv xlsx; do
		timed "export members $f" "$rows" "$work/tkm" export members --format $f -o "$work/out.$f" --db "$dsn"
	done
}

measure sqlite
measure postgres
