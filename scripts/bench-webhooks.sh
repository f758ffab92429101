#!/usr/bin/env bash
# Webhook deliveries to a local receiver (scripts/bench/webhook-receiver.py, Python, answers 200 at once):
#   1. throughput: BENCH_BACKLOG pings are queued while the delivery worker is off (Webhooks:Enabled=false); the API is
#      restarted with it on, and the backlog's deliveries per second are timed from the first arrival to the last;
#   2. delay from commit to delivery: BENCH_SAMPLES jobs synced one after another (PUT /v1/admin/jobs/{id}, each
#      commits a job.booked outbox event in its transaction); each event's delay is its arrival minus its createdAt
#      (the commit's time): the outbox dispatcher, the fan-out into a delivery row, the worker's claim and the POST.
# The API runs in Release with the demo company, so in Development (logs at Warning), which also lets webhooks use http
# and loopback: the local receiver.
#   scripts/bench-webhooks.sh                                              # embedded SQLite
#   BENCH_DB=postgres scripts/with-postgres.sh scripts/bench-webhooks.sh   # throwaway PostgreSQL
set -euo pipefail
cd "$(dirname "$0")/.."

port="${BENCH_PORT:-5096}"
backlog="${BENCH_BACKLOG:-2000}"
samples="${BENCH_SAMPLES:-200}"
engine="${BENCH_DB:-sqlite}"
receiver_port="${BENCH_RECEIVER_PORT:-5196}"
source scripts/bench/api.sh
bench_database "$engine" bench_webhooks
settings=(ASPNETCORE_ENVIRONMENT=Development Demo__Seed=true Webhooks__AllowHttp=true Webhooks__AllowPrivateAddresses=true)

python3 scripts/bench/webhook-receiver.py "$receiver_port" "$work/received.log" &
receiver=$!
api=""
stop_all() { kill "$receiver" 2>/dev/null || true; bench_stop_api; }
trap stop_all EXIT

token() { curl -sf -u demo-admin:demo-admin-secret -d grant_type=client_credentials "$base/oauth/token" | field access_token; }
received() { wc -l <"$work/received.log" 2>/dev/null || echo 0; }
wait_for() { until [ "$(received)" -ge "$1" ]; do sleep 0.05; done; }

bench_start_api "${settings[@]}" Webhooks__Enabled=false
trap stop_all EXIT
auth="Authorization: Bearer $(token)"
endpoint=$(curl -sf -H "$auth" -H 'Content-Type: application/json' \
  -d "{\"url\":\"http://127.0.0.1:$receiver_port/hooks\",\"eventTypes\":[\"job.booked\"]}" "$base/v1/admin/webhook-endpoints" | sed -nE 's/.*"endpoint":\{"id":"([^"]+)".*/\1/p')
seq 1 "$backlog" | xargs -P 8 -I{} curl -sf -o /dev/null -X POST -H "$auth" "$base/v1/admin/webhook-endpoints/$endpoint/ping"
kill "$api"; wait "$api" 2>/dev/null || true

echo "== $engine: $backlog queued deliveries, drained by one API process (Webhooks:Concurrency ${Webhooks__Concurrency:-8})"
bench_start_api "${settings[@]}"
trap stop_all EXIT
wait_for "$backlog"
awk '{ t[NR] = $1 } END { printf "n=%d first→last %.2f s: %.0f deliveries/s\n", NR, (t[NR]-t[1])/1e6, (NR-1)/((t[NR]-t[1])/1e6) }' "$work/received.log"

auth="Authorization: Bearer $(token)"
put() { curl -sf -o /dev/null -X PUT -H "$auth" -H 'Content-Type: application/json' -d "$2" "$base/v1/admin/$1"; }
put customers/bench-cust '{"kind":"residential","name":"Bench Customer","emails":["bench@example.com"]}'
put locations/bench-loc '{"customerId":"bench-cust","name":"Home","address":{"line1":"1 Main St","city":"Springfield","country":"US"}}'
bu=$(curl -sf -H "$auth" "$base/v1/admin/business-units?limit=1" | field externalId)
jt=$(curl -sf -H "$auth" "$base/v1/admin/job-types?limit=1" | field externalId)
for i in $(seq 1 "$samples"); do
  put "jobs/bench-job-$i" "{\"number\":\"B-$i\",\"customerId\":\"bench-cust\",\"locationId\":\"bench-loc\",\"businessUnitId\":\"$bu\",\"jobTypeId\":\"$jt\",\"summary\":\"bench\"}"
  sleep 0.02
done
wait_for $(( backlog + samples ))
echo "== $engine: commit → delivery of job.booked, $samples jobs synced one after another"
grep ' job.booked ' "$work/received.log" | python3 -c '
import sys, datetime
d = sorted(int(a) / 1000 - datetime.datetime.fromisoformat(c).timestamp() * 1000 for a, _, c, *_ in (l.split() for l in sys.stdin))
pick = lambda q: d[min(len(d) - 1, int(len(d) * q))]
print(f"n={len(d)} p50={pick(0.5):.1f} ms p99={pick(0.99):.1f} ms max={d[-1]:.1f} ms")'
