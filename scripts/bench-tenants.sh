#!/usr/bin/env bash
# Load test of the platform tenant endpoints on 127.0.0.1 with wrk (Debian package "wrk").
# Starts the API in Release on a fresh SQLite database (or PostgreSQL when run under
# scripts/with-postgres.sh with BENCH_DB=postgres), fills the table through the API, and measures
# the first page and a page deep in the table at two table sizes. Every run is bounded in time.
#   scripts/bench-tenants.sh            # SQLite
#   BENCH_DB=postgres scripts/with-postgres.sh scripts/bench-tenants.sh
set -euo pipefail
cd "$(dirname "$0")/.."

command -v wrk >/dev/null || { echo "wrk is required: apt-get install -y wrk" >&2; exit 1; }
port="${BENCH_PORT:-5090}"
duration="${BENCH_DURATION:-10s}"
source scripts/bench/api.sh
export PLATFORM_KEY="$platform_key"
bench_database "${BENCH_DB:-sqlite}" bench
bench_start_api

count() {
  local total=0 after="" page
  while :; do
    page="$(curl -sf -H "X-Platform-Key: $PLATFORM_KEY" "$base/v1/platform/tenants?limit=100${after:+&after=$after}")"
    total=$((total + $(grep -o '"hostName"' <<<"$page" | wc -l)))
    after="$(sed -nE 's/.*"nextCursor":"([^"]+)".*/\1/p' <<<"$page")"
    [ -n "$after" ] || break
  done
  echo "$total"
}

cursor_at() { # the cursor after roughly the n-th row, found by paging
  local n=$1 after="" seen=0 page
  while [ $((seen + 100)) -le "$n" ]; do
    page="$(curl -sf -H "X-Platform-Key: $PLATFORM_KEY" "$base/v1/platform/tenants?limit=100${after:+&after=$after}")"
    after="$(sed -nE 's/.*"nextCursor":"([^"]+)".*/\1/p' <<<"$page")"
    seen=$((seen + 100))
    [ -n "$after" ] || break
  done
  echo "$after"
}

measure_reads() {
  local rows deep
  rows="$(count)"
  deep="$(cursor_at $((rows * 9 / 10)))"
  echo "== $rows tenants: GET first page (limit=25), 4 connections, $duration"
  BENCH_PATH="/v1/platform/tenants?limit=25" wrk -t2 -c4 -d"$duration" --latency -s scripts/bench/get.lua "$base" | grep -E "Requests/sec|50%|99%|non-2xx"
  echo "== $rows tenants: GET page at 90% depth (limit=25), 4 connections, $duration"
  BENCH_PATH="/v1/platform/tenants?limit=25&after=$deep" wrk -t2 -c4 -d"$duration" --latency -s scripts/bench/get.lua "$base" | grep -E "Requests/sec|50%|99%|non-2xx"
}

echo "== POST create tenant, 1 connection, 3s (warm-up and small table)"
wrk -t1 -c1 -d3s -s scripts/bench/create-tenant.lua "$base" | grep -E "Requests/sec|non-2xx"
measure_reads

echo "== POST create tenant, 8 concurrent writers, $duration"
wrk -t2 -c8 -d"$duration" --latency -s scripts/bench/create-tenant.lua "$base" | grep -E "Requests/sec|50%|99%|non-2xx"
echo "== POST create tenant, 8 concurrent writers, $duration (grow the table)"
wrk -t2 -c8 -d"$duration" -s scripts/bench/create-tenant.lua "$base" | grep -E "Requests/sec|non-2xx"
measure_reads
