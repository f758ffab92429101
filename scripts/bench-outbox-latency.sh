#!/usr/bin/env bash
# Latency from commit to delivery: how long after a request commits its outbox row the side effect has happened.
# The API (Release, Production, demo data, pickup email) answers POST /v1/portal/auth/magic-link for a demo portal
# contact, which commits an outbox row in the request's transaction; the email lands as a .eml file in the pickup
# directory. The requests go round the demo's contact addresses (an address gets at most 5 links an hour).
#   1. the outbox dispatcher of the process that committed (woken by the commit)
#   2. the dispatcher of another process on the same database (Outbox:PollIntervalMs, 1 s by default)
#   3. Hangfire's own latency, for comparison: recurring jobs run every second for BENCH_HANGFIRE_SECONDS, then the time
#      from each job's "Enqueued" state to its "Processing" state is read from the job storage (BackgroundJobs defaults,
#      or BENCH_HANGFIRE_POLL_MS as BackgroundJobs:PollIntervalMs).
#   scripts/bench-outbox-latency.sh                                              # embedded SQLite
#   BENCH_DB=postgres scripts/with-postgres.sh scripts/bench-outbox-latency.sh   # throwaway PostgreSQL
set -euo pipefail
cd "$(dirname "$0")/.."

port="${BENCH_PORT:-5094}"
samples="${BENCH_SAMPLES:-50}"
engine="${BENCH_DB:-sqlite}"
source scripts/bench/api.sh
bench_database "$engine" bench_outbox
limits=(RateLimits__PublicPerIpPerMinute=10000000 RateLimits__PublicPerKeyPerMinute=10000000 RateLimits__PortalAuthPerIpPerMinute=10000000)
bench_start_api Demo__Seed=true "${limits[@]}" "Maintenance__Cron=* * * * * *" \
  ${BENCH_HANGFIRE_POLL_MS:+BackgroundJobs__PollIntervalMs=$BENCH_HANGFIRE_POLL_MS}

if [ "$engine" = postgres ]; then
  sql() { psql "postgresql://postgres@127.0.0.1:$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$PORTAL_TEST_POSTGRES")/bench_outbox" -Atc "$1"; }
else
  sql() { sqlite3 "$work/portal.db" "$1"; }
fi
mapfile -t contacts < <(sql 'SELECT DISTINCT "Email" FROM "PortalContacts" WHERE "DeletedAt" IS NULL ORDER BY 1')
sent=0

now_us() { echo $(( $(date +%s%N) / 1000 )); }
mails() { find "$work/mail" -name '*.eml' 2>/dev/null | wc -l; }

# Sends one link request to $1 for the next contact and prints the microseconds until one more .eml exists
# (nothing when none came within 10 s: a contact the demo revoked).
measure_one() {
  local before start email
  email="${contacts[$(( sent++ % ${#contacts[@]} ))]}"
  before="$(mails)"
  start="$(now_us)"
  curl -sf -o /dev/null -H 'X-Portal-Key: pk_demo_local' -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\"}" "$1/v1/portal/auth/magic-link"
  while [ "$(mails)" -le "$before" ]; do
    [ $(( $(now_us) - start )) -lt 10000000 ] || return 0
    sleep 0.001
  done
  echo $(( $(now_us) - start ))
}

# Prints count, p50, p95 and max (ms) of the microsecond figures on stdin.
summary() { sort -n | awk '{ v[NR] = $1 } END { printf "n=%d p50=%.1f ms p95=%.1f ms max=%.1f ms\n", NR, v[int(NR*0.5)+1]/1000, v[int(NR*0.95)]/1000, v[NR]/1000 }'; }

run() {
  for _ in 1 2 3 4 5; do measure_one "$1" >/dev/null; done # warm-up: JIT, connection pools
  for _ in $(seq 1 "$samples"); do measure_one "$1"; done | summary
}

echo "== $engine: request → email written, delivered by the process that committed ($samples sequential requests)"
run "$base"

# A second process on the same database takes the requests and delivers nothing itself.
other="http://127.0.0.1:$((port + 1))"
env "${db_env[@]}" ASPNETCORE_ENVIRONMENT=Production Platform__ApiKey="$platform_key" Auth__Issuer="$base" Demo__Seed=false \
  Logging__LogLevel__Default=Warning ASPNETCORE_URLS="$other" Documents__Directory="$work/files" \
  Imports__Directory="$work/imports" Email__Delivery=pickup Email__PickupDirectory="$work/mail" DataProtection__KeysDirectory="$work/keys" "${limits[@]}" \
  Outbox__Enabled=false BackgroundJobs__ServerEnabled=false Maintenance__Enabled=true "Maintenance__Cron=* * * * * *" \
  dotnet src/Api/bin/Release/net10.0/HeadlessPortal.Api.dll >"$work/api2.log" 2>&1 &
api2=$!
trap 'kill "$api2" 2>/dev/null || true; wait "$api2" 2>/dev/null || true; bench_stop_api' EXIT
until curl -sf "$other/health/ready" >/dev/null; do sleep 0.5; done
echo "== $engine: request → email written, committed by another process, delivered by the first one's poll ($samples requests)"
run "$other"

seconds="${BENCH_HANGFIRE_SECONDS:-60}"
echo "== $engine: Hangfire, enqueued → processing, recurring jobs every second for ${seconds}s (poll ${BENCH_HANGFIRE_POLL_MS:-15000} ms)"
sleep "$seconds"
if [ "$engine" = postgres ]; then
  sql "
    SELECT (EXTRACT(EPOCH FROM p.createdat - e.createdat) * 1000000)::bigint
    FROM hangfire.state e JOIN hangfire.state p ON p.jobid = e.jobid AND p.name = 'Processing'
    WHERE e.name = 'Enqueued'"
else
  sqlite3 "$work/portal.hangfire.db" "
    SELECT (p.CreatedAt - e.CreatedAt) / 10
    FROM State e JOIN State p ON p.JobId = e.JobId AND p.Name = 'Processing'
    WHERE e.Name = 'Enqueued'"
fi | summary
