#!/usr/bin/env bash
# Load test of portal sign-in on 127.0.0.1 with wrk: "email me a link" for a known and an unknown address
# (the answers must not tell them apart, in status or in time), password sign-in (bound by the password
# hash), and GET /v1/portal/me (access token, session check, customer access). Starts the API in Release
# on a fresh SQLite database with the demo company (pat@example.com), rate limits lifted.
#   scripts/bench-portal-auth.sh
set -euo pipefail
cd "$(dirname "$0")/.."

command -v wrk >/dev/null || { echo "wrk is required: apt-get install -y wrk" >&2; exit 1; }
port="${BENCH_PORT:-5092}"
duration="${BENCH_DURATION:-10s}"
source scripts/bench/api.sh
bench_database sqlite bench
# The demo company is seeded in Development only (the API refuses Demo:Seed elsewhere).
bench_start_api ASPNETCORE_ENVIRONMENT=Development Demo__Seed=true Stripe__UseFakeServer=false \
  RateLimits__PublicPerIpPerMinute=10000000 RateLimits__PublicPerKeyPerMinute=10000000 RateLimits__PortalAuthPerIpPerMinute=10000000

export BENCH_KEY=pk_demo_local
run() { wrk -t2 -c"$1" -d"$duration" --latency -s "scripts/bench/$2" "$base" | grep -E "Requests/sec|50%|99%|non-2xx"; }

# Warm up (JIT, connection pool, the dispatcher's first batches) so the first measured run is not the slow one.
for body in '{"email":"pat@example.com"}' '{"email":"nobody@example.com"}'; do
  BENCH_PATH=/v1/portal/auth/magic-link BENCH_BODY="$body" wrk -t2 -c4 -d5s -s scripts/bench/portal-post.lua "$base" >/dev/null
done

echo "== POST /v1/portal/auth/magic-link, a known email, 4 connections, $duration"
BENCH_PATH=/v1/portal/auth/magic-link BENCH_BODY='{"email":"pat@example.com"}' run 4 portal-post.lua
echo "== POST /v1/portal/auth/magic-link, an unknown email, 4 connections, $duration"
BENCH_PATH=/v1/portal/auth/magic-link BENCH_BODY='{"email":"nobody@example.com"}' run 4 portal-post.lua
echo "== POST /v1/portal/auth/magic-link, the known email again, 4 connections, $duration"
BENCH_PATH=/v1/portal/auth/magic-link BENCH_BODY='{"email":"pat@example.com"}' run 4 portal-post.lua
echo "== POST /v1/portal/auth/sign-in, right password, 4 connections, $duration"
BENCH_PATH=/v1/portal/auth/sign-in BENCH_BODY='{"email":"pat@example.com","password":"demo-portal-password"}' run 4 portal-post.lua

token="$(curl -sf -H 'X-Portal-Key: pk_demo_local' -H 'Content-Type: application/json' \
  -d '{"email":"pat@example.com","password":"demo-portal-password"}' "$base/v1/portal/auth/sign-in" | sed -nE 's/.*"accessToken":"([^"]+)".*/\1/p')"
echo "== GET /v1/portal/me (portal access token), 4 connections, $duration"
BENCH_PATH=/v1/portal/me BENCH_TOKEN="$token" run 4 portal-get.lua
