#!/usr/bin/env bash
# Two API processes on one PostgreSQL database, as behind a load balancer: both in Release, same database, same Data
# Protection key ring and token issuer, different ports (A on BENCH_PORT, default 5097, B on the next port). Process A
# builds the tenant as scripts/bench-portal-users.sh does (scripts/bench/portal-tenant.sh, BENCH_USERS portal users
# signed in with magic links), then:
#   1. throughput: the many-users read mix (My tasks, invoices, upcoming jobs, proposals, an invoice, asked in turn by
#      the users in turn, Cache-Control: no-cache so every request reads the database) with BENCH_CONNECTIONS
#      connections against A alone, then split over A and B (one wrk per port, half the connections each, the req/s
#      summed); BENCH_ROUNDS times each (default 2);
#   2. caches across processes: a portal user reads its invoice list through B (twice: B's answer cache now holds it),
#      an invoice of the user's customer is synced through A (PUT /v1/admin/invoices/{id}), and B is asked every 20 ms
#      until the list shows it; BENCH_CACHE_SAMPLES times (default 5). Fails if one takes longer than the change poll
#      (Cache:ChangePollMilliseconds, 1,000 ms by default) plus BENCH_CACHE_MARGIN_MS (500);
#   3. no duplicate deliveries: a webhook endpoint at scripts/bench/webhook-receiver.py, BENCH_EVENTS jobs (default 200)
#      synced in turn through A and B (each commits one job.booked event), and both processes' outbox dispatchers and
#      delivery workers running; fails unless the receiver saw each event id exactly once, all BENCH_EVENTS of them.
#   scripts/with-postgres.sh scripts/bench-two-processes.sh [invoices]         # default 10000
# Other settings: BENCH_USERS (default 2000), BENCH_DURATION (20s), BENCH_CONNECTIONS (32), BENCH_RECEIVER_PORT (5197),
# BENCH_TIMEOUT (import, s), BENCH_KEEP=1 keeps the work folder (both logs: api.log and api-b.log).
set -euo pipefail
cd "$(dirname "$0")/.."

command -v wrk >/dev/null || { echo "wrk is required: apt-get install -y wrk" >&2; exit 1; }
if [ -z "${PORTAL_TEST_POSTGRES:-}" ]; then
  exec scripts/with-postgres.sh "$0" "$@"
fi
engine=postgres
invoices="${1:-10000}"
users="${BENCH_USERS:-2000}"
port="${BENCH_PORT:-5097}"
duration="${BENCH_DURATION:-20s}"
connections="${BENCH_CONNECTIONS:-32}"
rounds="${BENCH_ROUNDS:-2}"
samples="${BENCH_CACHE_SAMPLES:-5}"
poll_ms="${BENCH_CHANGE_POLL_MS:-1000}"
margin_ms="${BENCH_CACHE_MARGIN_MS:-500}"
events="${BENCH_EVENTS:-200}"
receiver_port="${BENCH_RECEIVER_PORT:-5197}"
source scripts/bench/api.sh
source scripts/bench/portal-tenant.sh
base_a="$base"
base_b="http://127.0.0.1:$(( port + 1 ))"

# Both processes: one issuer (a token from either is good at both), webhooks may reach the local receiver.
settings=(Auth__AccessTokenMinutes=240 "Auth__Issuer=$base_a" Cache__ChangePollMilliseconds="$poll_ms"
  Webhooks__AllowHttp=true Webhooks__AllowPrivateAddresses=true)
bench_database postgres "bench_two_$$"
bench_portal_tenant "$invoices" "${settings[@]}"
api_a=$api
base="$base_b" api_log="$work/api-b.log" BENCH_API_DLL="${BENCH_API_DLL:-src/Api/bin/Release/net10.0/HeadlessPortal.Api.dll}" \
  bench_start_api RateLimits__PublicPerIpPerMinute=10000000 RateLimits__PublicPerKeyPerMinute=10000000 \
  RateLimits__PortalAuthPerIpPerMinute=10000000 "${settings[@]}"
api_b=$api
echo "processes:     A on $base_a (pid $api_a), B on $base_b (pid $api_b), one database"

# The users sign in through A.
bench_portal_users "$users" "$customers" "$base_a"

# 1. Throughput.
export BENCH_KEY="$key" BENCH_USERS_FILE="$work/users.txt" BENCH_FRESH=1
export BENCH_PATH="/v1/portal/tasks /v1/portal/invoices /v1/portal/jobs?tab=upcoming /v1/portal/proposals /v1/portal/invoices/{invoice}"
rate() { awk '/Requests\/sec/ { r = $2 } / 50%/ { p50 = $2 } / 99%/ { p99 = $2 } /non-2xx/ { e = $NF } END { printf "%s %s %s %s\n", r, p50, p99, e }' "$1"; }
# (wait names wrk's process: a plain wait would wait for the APIs too.)
wrk -t1 -c"$(( connections / 2 ))" -d5s -s scripts/bench/portal-users.lua "$base_a" >/dev/null &
first=$!
BENCH_OFFSET=500 wrk -t1 -c"$(( connections / 2 ))" -d5s -s scripts/bench/portal-users.lua "$base_b" >/dev/null
wait "$first"
echo "== read mix, no-cache, $connections connections, $users users in turn, $duration each (after 5 s of warm-up on both)"
for round in $(seq 1 "$rounds"); do
  wrk -t2 -c"$connections" -d"$duration" --latency -s scripts/bench/portal-users.lua "$base_a" >"$work/one.out"
  read -r r p50 p99 e < <(rate "$work/one.out")
  printf "round %d, one process (A):        req/s %8s   p50 %8s   p99 %8s   errors %s\n" "$round" "$r" "$p50" "$p99" "$e"
  wrk -t1 -c"$(( connections / 2 ))" -d"$duration" --latency -s scripts/bench/portal-users.lua "$base_a" >"$work/a.out" &
  first=$!
  BENCH_OFFSET=500 wrk -t1 -c"$(( connections / 2 ))" -d"$duration" --latency -s scripts/bench/portal-users.lua "$base_b" >"$work/b.out"
  wait "$first"
  read -r ra p50a p99a ea < <(rate "$work/a.out")
  read -r rb p50b p99b eb < <(rate "$work/b.out")
  printf "round %d, two processes (A + B):  req/s %8s   (A %s, p50 %s, p99 %s; B %s, p50 %s, p99 %s)   errors %s + %s\n" \
    "$round" "$(awk -v a="$ra" -v b="$rb" 'BEGIN { printf "%.1f", a + b }')" "$ra" "$p50a" "$p99a" "$rb" "$p50b" "$p99b" "$ea" "$eb"
done

# 2. A change synced through A, seen through B: a new invoice of the user's customer in the user's invoice list, an
# answer B keeps in its answer cache (Cache:PortalResponseSeconds) until its change feed hears of a change.
read -r token _ <"$work/users.txt"
me() { curl -sf -H "X-Portal-Key: $key" -H "Authorization: Bearer $token" "$base_b/v1/portal/$1"; }
# The user's first customer record, from its email (user n is on customer n * 7 % customers + 1 first).
n="$(me me | sed -nE 's/.*"email":"bench\.user([0-9]+)@.*/\1/p')"
customer="$(printf 'cus-%07d' $(( n * 7 % customers + 1 )))"
money() { echo "{\"amount\":$1,\"currency\":\"usd\"}"; }
echo "== an invoice synced through A, read through B in its cached invoice list (change poll $poll_ms ms, margin $margin_ms ms)"
worst=0
for s in $(seq 1 "$samples"); do
  me invoices >/dev/null
  me invoices >/dev/null   # B answers from its cache now
  number="TWO-$$-$s"
  bench_admin_token
  curl -sf -o /dev/null -X PUT -H "Authorization: Bearer $bearer" -H 'Content-Type: application/json' "$base_a/v1/admin/invoices/bench-two-inv-$s" -d "{
    \"number\":\"$number\",\"billToCustomerId\":\"$customer\",\"issueDate\":\"$(date -u +%F)\",
    \"lines\":[{\"description\":\"Two processes\",\"quantity\":1,\"unitPrice\":$(money 12345),\"amount\":$(money 12345)}],
    \"subtotal\":$(money 12345),\"tax\":$(money 0),\"total\":$(money 12345),\"balance\":$(money 12345)}"
  synced=$(date +%s%N)
  until me invoices | grep -q "\"$number\""; do
    [ $(( ($(date +%s%N) - synced) / 1000000 )) -lt 10000 ] || { echo "FAILED: B did not show the change within 10 s" >&2; exit 1; }
    sleep 0.02
  done
  delay=$(( ($(date +%s%N) - synced) / 1000000 ))
  [ "$delay" -le "$worst" ] || worst=$delay
  echo "sample $s: B listed the new invoice $delay ms after A's sync answered"
  sleep 0.$(( RANDOM % 10 ))
done
if [ "$worst" -gt $(( poll_ms + margin_ms )) ]; then
  echo "FAILED: $worst ms is more than the poll interval and the margin ($(( poll_ms + margin_ms )) ms)" >&2
  exit 1
fi

# 3. Webhook deliveries from both processes.
python3 scripts/bench/webhook-receiver.py "$receiver_port" "$work/received.log" &
receiver=$!
trap 'kill "$receiver" 2>/dev/null || true; bench_stop_api' EXIT
bench_admin_token
curl -sf -o /dev/null -H "Authorization: Bearer $bearer" -H 'Content-Type: application/json' \
  -d "{\"url\":\"http://127.0.0.1:$receiver_port/hooks\",\"eventTypes\":[\"job.booked\"]}" "$base_a/v1/admin/webhook-endpoints"
echo "== $events jobs synced in turn through A and B, one job.booked each"
for i in $(seq 1 "$events"); do
  target=$base_a
  [ $(( i % 2 )) -eq 0 ] && target=$base_b
  curl -sf -o /dev/null -X PUT -H "Authorization: Bearer $bearer" -H 'Content-Type: application/json' \
    -d "{\"number\":\"TWO-$i\",\"customerId\":\"cus-0000001\",\"locationId\":\"cus-0000001-loc-1\",\"summary\":\"two processes\"}" \
    "$target/v1/admin/jobs/bench-two-$i"
done
deadline=$(( $(date +%s) + 60 ))
until [ "$(wc -l <"$work/received.log" 2>/dev/null || echo 0)" -ge "$events" ] || [ "$(date +%s)" -ge "$deadline" ]; do sleep 0.2; done
sleep 3   # a duplicate would arrive now
python3 - "$work/received.log" "$events" <<'PY'
import collections, sys
ids = collections.Counter(line.split()[3] for line in open(sys.argv[1]) if " job.booked " in line)
expected = int(sys.argv[2])
twice = {i: n for i, n in ids.items() if n > 1}
print(f"deliveries: {sum(ids.values())} received, {len(ids)} distinct event ids of {expected} events, {len(twice)} delivered more than once")
if len(ids) != expected or twice:
    sys.exit("FAILED: an event is missing or was delivered twice")
PY
grep -E -A1 "fail|crit" "$work/api.log" "$work/api-b.log" | tail -n 10 || true
