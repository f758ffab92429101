#!/usr/bin/env bash
# Throughput of the bulk NDJSON import on 127.0.0.1. Starts the API in Release on a fresh SQLite database (or
# PostgreSQL when run under scripts/with-postgres.sh with BENCH_DB=postgres), creates a tenant and an admin
# client through the platform API, generates a file with tools/HeadlessPortal.DataGenerator (unless
# BENCH_FILE names one), uploads it to POST /v1/admin/imports, and polls the import until it completes or
# BENCH_TIMEOUT seconds pass. Prints lines, applied, failed, wall time and records per second.
#   scripts/bench-import.sh                                                 # 200k customers, 1M jobs/appointments/invoices
#   BENCH_CUSTOMERS=20000 BENCH_INVOICES=100000 scripts/bench-import.sh     # a quick run
#   BENCH_DB=postgres scripts/with-postgres.sh scripts/bench-import.sh
# Other settings: BENCH_JOBS (default: BENCH_INVOICES), BENCH_BATCH (Imports:BatchSize), BENCH_PORT,
# BENCH_LOG_LEVEL (the import handler's and worker's level; Debug logs the time of each batch phase), BENCH_KEEP=1 keeps the work folder.
set -euo pipefail
cd "$(dirname "$0")/.."

port="${BENCH_PORT:-5092}"
customers="${BENCH_CUSTOMERS:-200000}"
invoices="${BENCH_INVOICES:-1000000}"
jobs="${BENCH_JOBS:-$invoices}"
timeout="${BENCH_TIMEOUT:-3600}"
source scripts/bench/api.sh

bench_database "${BENCH_DB:-sqlite}" bench_import

file="${BENCH_FILE:-}"
if [ -z "$file" ]; then
  dotnet build tools/HeadlessPortal.DataGenerator -c Release -v quiet -nologo >/dev/null
  file="$work/import.ndjson"
  dotnet tools/HeadlessPortal.DataGenerator/bin/Release/net10.0/HeadlessPortal.DataGenerator.dll \
    --customers "$customers" --jobs "$jobs" --invoices "$invoices" --out "$file"
fi

bench_start_api "Logging__LogLevel__HeadlessPortal.Infrastructure.Imports=${BENCH_LOG_LEVEL:-Information}" \
  "Logging__LogLevel__HeadlessPortal.Application.Imports=${BENCH_LOG_LEVEL:-Warning}" ${BENCH_BATCH:+Imports__BatchSize=$BENCH_BATCH}

tenant="$(curl -sf -H "X-Platform-Key: $platform_key" -H 'Content-Type: application/json' \
  -d '{"name":"Bench Import HVAC","hostName":"bench-import"}' "$base/v1/platform/tenants" | field id)"
client="$(curl -sf -H "X-Platform-Key: $platform_key" -H 'Content-Type: application/json' \
  -d '{"name":"Bench importer","role":"admin"}' "$base/v1/platform/tenants/$tenant/api-clients")"
client_id="$(field clientId <<<"$client")"
client_secret="$(field clientSecret <<<"$client")"
token() { curl -sf -d grant_type=client_credentials -d "client_id=$client_id" -d "client_secret=$client_secret" "$base/oauth/token" | field access_token; }

echo "== $(wc -l <"$file") lines, $(du -h "$file" | cut -f1), $(nproc) cores, database ${BENCH_DB:-sqlite}"
started=$(date +%s.%N)
# --upload-file streams the body; --data-binary @file would read all of it into memory first (curl refuses at 1.4 GB).
import="$(curl -sS --fail-with-body -H "Authorization: Bearer $(token)" -H 'Content-Type: application/x-ndjson' \
  -X POST --upload-file "$file" "$base/v1/admin/imports")"
id="$(field id <<<"$import")"
uploaded=$(date +%s.%N)

status=""
state=""
deadline=$(( $(date +%s) + timeout ))
bearer="$(token)"
renew_at=$(( $(date +%s) + 600 ))
while [ "$(date +%s)" -lt "$deadline" ]; do
  # Tokens last 15 minutes and the token endpoint is rate limited: renew one every 10 minutes of a long import.
  if [ "$(date +%s)" -ge "$renew_at" ]; then bearer="$(token)"; renew_at=$(( $(date +%s) + 600 )); fi
  state="$(curl -sf -H "Authorization: Bearer $bearer" "$base/v1/admin/imports/$id" || true)"
  status="$(field status <<<"$state")"
  [ "$status" = completed ] && break
  sleep 1
done
finished=$(date +%s.%N)

lines="$(field linesRead <<<"$state")"
applied="$(field applied <<<"$state")"
failed="$(field failed <<<"$state")"
wall=$(awk -v a="$started" -v b="$finished" 'BEGIN { printf "%.1f", b - a }')
apply=$(awk -v a="$uploaded" -v b="$finished" 'BEGIN { printf "%.1f", b - a }')
echo "status:        $status"
echo "lines:         $lines"
echo "applied:       $applied"
echo "failed:        $failed"
echo "upload:        $(awk -v a="$started" -v b="$uploaded" 'BEGIN { printf "%.1f", b - a }') s"
echo "wall time:     $wall s (upload + apply; apply alone $apply s, polled every second)"
echo "records/s:     $(awk -v n="$applied" -v t="$wall" 'BEGIN { printf "%.0f", n / t }') (applied / wall time); $(awk -v n="$applied" -v t="$apply" 'BEGIN { printf "%.0f", n / t }') during apply"
if [ "$failed" != 0 ]; then
  echo "first failed lines:"; grep -oE '"errors":\[[^]]{0,600}' <<<"$state" || true
fi
grep -E -A1 "fail|crit" "$work/api.log" | tail -n 10 || true
# With BENCH_LOG_LEVEL=Debug the handler logs each batch's parse, apply and save times: their totals.
grep -oE "parse [0-9.]+ ms, apply [0-9.]+ ms, save [0-9.]+ ms" "$work/api.log" \
  | awk '{ p += $2; a += $5; s += $8; n++ } END { if (n) printf "batch phases:  %d batches; parse %.1f s (ahead, on another thread), apply %.1f s, save %.1f s\n", n, p / 1000, a / 1000, s / 1000 }'
# ... and the worker's: time spent waiting for the next batch's lines, and each batch from start to commit.
grep -oE "waited [0-9.]+ ms for its lines, committed after [0-9.]+ ms" "$work/api.log" \
  | awk '{ w += $2; b += $9; n++ } END { if (n) printf "worker:        waited %.1f s for lines read and parsed ahead; batches took %.1f s from start to commit\n", w / 1000, b / 1000 }'
[ "$status" = completed ]
