#!/usr/bin/env bash
# Load test of the token service, the Admin API and the public portal configuration on 127.0.0.1 with
# wrk. Starts the API in Release on a fresh SQLite database, creates a tenant, an admin client and a
# publishable key through the API, then runs each request for BENCH_DURATION (default 10s).
#   scripts/bench-admin.sh
set -euo pipefail
cd "$(dirname "$0")/.."

command -v wrk >/dev/null || { echo "wrk is required: apt-get install -y wrk" >&2; exit 1; }
port="${BENCH_PORT:-5091}"
duration="${BENCH_DURATION:-10s}"
source scripts/bench/api.sh
bench_database sqlite bench
bench_start_api RateLimits__TokenPerIpPerMinute=10000000 RateLimits__TokenPerClientPerMinute=10000000 \
  RateLimits__PublicPerIpPerMinute=10000000 RateLimits__PublicPerKeyPerMinute=10000000
tenant="$(curl -sf -H "X-Platform-Key: $platform_key" -H 'Content-Type: application/json' \
  -d '{"name":"Bench HVAC","hostName":"bench-hvac"}' "$base/v1/platform/tenants" | field id)"
client="$(curl -sf -H "X-Platform-Key: $platform_key" -H 'Content-Type: application/json' \
  -d '{"name":"Bench admin","role":"admin"}' "$base/v1/platform/tenants/$tenant/api-clients")"
export CLIENT_ID="$(field clientId <<<"$client")" CLIENT_SECRET="$(field clientSecret <<<"$client")"
token="$(curl -sf -d grant_type=client_credentials -d "client_id=$CLIENT_ID" -d "client_secret=$CLIENT_SECRET" "$base/oauth/token" | field access_token)"
key="$(curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"name":"Bench site","allowedOrigins":["https://bench.example"]}' "$base/v1/admin/publishable-keys" | field key)"

echo "== POST /oauth/token (client credentials), 4 connections, $duration"
wrk -t2 -c4 -d"$duration" --latency -s scripts/bench/token.lua "$base" | grep -E "Requests/sec|50%|99%|non-2xx"
echo "== GET /v1/admin/portal-settings (bearer token), 4 connections, $duration"
BENCH_PATH=/v1/admin/portal-settings BENCH_HEADER_NAME=Authorization BENCH_HEADER_VALUE="Bearer $token" \
  wrk -t2 -c4 -d"$duration" --latency -s scripts/bench/header-get.lua "$base" | grep -E "Requests/sec|50%|99%|non-2xx"
echo "== GET /v1/public/portal (X-Portal-Key), 4 connections, $duration"
BENCH_PATH=/v1/public/portal BENCH_HEADER_NAME=X-Portal-Key BENCH_HEADER_VALUE="$key" \
  wrk -t2 -c4 -d"$duration" --latency -s scripts/bench/header-get.lua "$base" | grep -E "Requests/sec|50%|99%|non-2xx"
