#!/usr/bin/env bash
# Load test of the signed-in portal as many different customers, each opening a page once in a while: the answer cache
# rarely helps, so this measures what every customer's first page costs. Beside each endpoint, a baseline answers the
# same bytes from memory (no authentication, no database; Bench:BaselineEndpoints=true, off by default).
# Starts the API in Release on a fresh database with a generated tenant (scripts/bench/portal-tenant.sh), makes
# BENCH_USERS portal users (default 2,000), user n a billing contact on 1 + n % 3 customer records spread over the tenant,
# signs each in with a magic link read from the pickup mail folder, then runs wrk with 32 connections asking as those
# users in turn for My tasks, the invoice list, upcoming jobs, proposals and an invoice's detail page.
#   scripts/bench-portal-users.sh [sqlite|postgres] [invoices]              # default: sqlite 1000000
#   scripts/bench-portal-users.sh sqlite 10000
#   scripts/with-postgres.sh scripts/bench-portal-users.sh postgres 1000000
# Each endpoint is measured with Cache-Control: no-cache (every request reads the database: the first page) and as a
# front end asks (the answer cache serves a user's page again within Cache:PortalResponseSeconds).
# The just-started API compiles its hot code again and again (tiered JIT) for about half a minute of load on 2 cores, so
# each endpoint's no-cache run comes after BENCH_WARMUP (default 20s) of the same requests; the others after 5 s.
# Other settings: BENCH_USERS, BENCH_DURATION (default 20s), BENCH_CONNECTIONS (32), BENCH_PORT, BENCH_TIMEOUT (import, s),
# BENCH_KEEP=1 keeps the work folder, BENCH_API_DLL runs another build of the API (to compare two versions in one run).
# BENCH_REUSE=<kept folder> (SQLite) measures again on the tenant and users a run kept, with a newly started API and no
# import: the database settled, as a tenant's is long after its first load (docs/PERFORMANCE.md, "Many customers").
set -euo pipefail
# A kept folder named relative to where the script was started.
bench_reuse="${BENCH_REUSE:+$(cd "$BENCH_REUSE" && pwd)}"
cd "$(dirname "$0")/.."

command -v wrk >/dev/null || { echo "wrk is required: apt-get install -y wrk" >&2; exit 1; }
engine="${1:-sqlite}"
invoices="${2:-1000000}"
users="${BENCH_USERS:-2000}"
port="${BENCH_PORT:-5094}"
duration="${BENCH_DURATION:-20s}"
warmup="${BENCH_WARMUP:-20s}"
connections="${BENCH_CONNECTIONS:-32}"
if [ -n "$bench_reuse" ]; then
  [ "$engine" = sqlite ] && [ -f "$bench_reuse/portal.db" ] && [ -f "$bench_reuse/users.txt" ] \
    || { echo "BENCH_REUSE: $BENCH_REUSE is not a folder kept by a SQLite run (BENCH_KEEP=1)" >&2; exit 1; }
fi
source scripts/bench/api.sh
source scripts/bench/portal-tenant.sh

bench_database "$engine" bench_portal_users
if [ -n "$bench_reuse" ]; then
  # The users' tokens were issued by the kept run for its address (BENCH_PORT must be the same) and last 240 minutes.
  bench_start_api Bench__BaselineEndpoints=true RateLimits__PublicPerIpPerMinute=10000000 \
    RateLimits__PublicPerKeyPerMinute=10000000 RateLimits__PortalAuthPerIpPerMinute=10000000 Auth__AccessTokenMinutes=240
  key="$(cat "$work/publishable-key")"
  users=$(wc -l <"$work/users.txt")
  echo "== $engine, the kept tenant in $work, $(nproc) cores"
else
  # Tokens outlive the run; every user signs in once.
  bench_portal_tenant "$invoices" Auth__AccessTokenMinutes=240
  bench_portal_users "$users" "$customers"
fi

# The baselines answer the bytes of the first user's real answers, captured now.
read -r token invoice <"$work/users.txt"
invoice="${invoice%%,*}"
get() { curl -sf -H "X-Portal-Key: $key" -H "Authorization: Bearer $token" "$base$1"; }
paths=(/v1/portal/tasks /v1/portal/invoices "/v1/portal/jobs?tab=upcoming" /v1/portal/proposals "/v1/portal/invoices/{invoice}")
names=(tasks invoices jobs proposals invoice)
for i in "${!paths[@]}"; do
  get "${paths[$i]/\{invoice\}/$invoice}" >"$work/${names[$i]}.json"
  curl -sf -X PUT --data-binary @"$work/${names[$i]}.json" "$base/bench/baseline/${names[$i]}"
done
echo "first user:    tasks $(wc -c <"$work/tasks.json") B, invoices $(wc -c <"$work/invoices.json") B, jobs $(wc -c <"$work/jobs.json") B, proposals $(wc -c <"$work/proposals.json") B, invoice $(wc -c <"$work/invoice.json") B"

export BENCH_KEY="$key" BENCH_USERS_FILE="$work/users.txt" BENCH_TOKEN="$token"
run() {
  local label="$1" script="$2" path="$3" fresh="$4" warm=5s
  [ "$fresh" = 1 ] && warm="$warmup"
  BENCH_FRESH="$fresh" BENCH_PATH="$path" wrk -t2 -c"$connections" -d"$warm" -s "scripts/bench/$script" "$base" >/dev/null
  BENCH_FRESH="$fresh" BENCH_PATH="$path" wrk -t2 -c"$connections" -d"$duration" --latency -s "scripts/bench/$script" "$base" \
    | awk -v p="$label" '/Requests\/sec/ { r = $2 } / 50%/ { p50 = $2 } / 99%/ { p99 = $2 } /non-2xx/ { e = $NF }
        END { printf "%-44s req/s %10s   p50 %8s   p99 %8s   errors %s\n", p, r, p50, p99, e }'
}
echo "== wrk, $connections connections, $users users in turn, $duration each (after $warmup of warm-up with no-cache, 5 s otherwise)"
for i in "${!paths[@]}"; do
  run "${paths[$i]} (no-cache)" portal-users.lua "${paths[$i]}" 1
  run "${paths[$i]}" portal-users.lua "${paths[$i]}" 0
  run "  baseline ${names[$i]}" portal-get.lua "/bench/baseline/${names[$i]}" 0
done
run "/v1/portal/me (no-cache)" portal-users.lua /v1/portal/me 1
grep -E -A1 "fail|crit" "$work/api.log" | tail -n 10 || true
