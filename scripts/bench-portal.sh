#!/usr/bin/env bash
# Load test of the signed-in portal's invoice list and "My tasks" on 127.0.0.1 with wrk, beside a baseline that
# answers the same bytes from memory (no authentication, no database; Bench:BaselineEndpoints=true, off by default).
# Starts the API in Release on a fresh database, creates a tenant and an admin client through the platform API,
# imports a data set from tools/HeadlessPortal.DataGenerator through POST /v1/admin/imports, turns the portal on,
# makes one email a portal contact on three imported customers, invites it, accepts the invitation from the
# pickup mail directory, and runs GET /v1/portal/invoices, GET /v1/portal/tasks and the two baselines.
#   scripts/bench-portal.sh [sqlite|postgres] [invoices]              # default: sqlite 1000000
#   scripts/bench-portal.sh sqlite 10000
#   scripts/with-postgres.sh scripts/bench-portal.sh postgres 1000000
# Customers are invoices / 5 (five invoices, jobs and appointments each, as in the 1M-invoice tenant of
# scripts/bench-import.sh), so the signed-in user's share is the same at every size and only the table grows.
# Other settings: BENCH_DURATION (default 30s), BENCH_CONNECTIONS (32), BENCH_PORT, BENCH_TIMEOUT (import, s),
# BENCH_KEEP=1 keeps the work folder.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v wrk >/dev/null || { echo "wrk is required: apt-get install -y wrk" >&2; exit 1; }
engine="${1:-sqlite}"
invoices="${2:-1000000}"
port="${BENCH_PORT:-5093}"
duration="${BENCH_DURATION:-30s}"
connections="${BENCH_CONNECTIONS:-32}"
source scripts/bench/api.sh

bench_database "$engine" bench_portal
source scripts/bench/portal-tenant.sh
bench_portal_tenant "$invoices"

# One email on three customers, invited and accepted.
email="bench.user@example.com"
for n in 1 2 3; do
  admin -X PUT -H 'Content-Type: application/json' \
    -d "{\"customerId\":\"cus-$(printf %07d "$n")\",\"email\":\"$email\",\"accessLevel\":\"billing\"}" "$base/v1/admin/contacts/bench-contact-$n" >/dev/null
done
admin -X POST "$base/v1/admin/contacts/bench-contact-1/invite" >/dev/null
invitation=""
for _ in $(seq 1 60); do
  invitation="$(python3 - "$work/mail" <<'PY'
import email, pathlib, re, sys
for path in pathlib.Path(sys.argv[1]).glob("*.eml"):
    message = email.message_from_bytes(path.read_bytes())
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            found = re.search(r"accept-invitation\?token=([A-Za-z0-9_\-%]+)", part.get_payload(decode=True).decode())
            if found:
                print(found.group(1))
PY
)"
  [ -n "$invitation" ] && break
  sleep 0.5
done
token="$(curl -sf -H "X-Portal-Key: $key" -H 'Content-Type: application/json' \
  -d "{\"token\":\"$invitation\",\"password\":\"bench portal password 2026\"}" "$base/v1/portal/auth/invitations/accept" | field accessToken)"
[ -n "$token" ] || { echo "sign-in failed" >&2; exit 1; }

# The baselines answer the bytes of the real responses, captured now.
get() { curl -sf -H "X-Portal-Key: $key" -H "Authorization: Bearer $token" "$base$1"; }
get /v1/portal/invoices >"$work/invoices.json"
get /v1/portal/tasks >"$work/tasks.json"
curl -sf -X PUT --data-binary @"$work/invoices.json" "$base/bench/baseline/invoices"
curl -sf -X PUT --data-binary @"$work/tasks.json" "$base/bench/baseline/tasks"
echo "user:          3 customers; invoices page $(wc -c <"$work/invoices.json") bytes ($(grep -o '"number"' "$work/invoices.json" | wc -l) invoices), tasks $(wc -c <"$work/tasks.json") bytes"

export BENCH_KEY="$key" BENCH_TOKEN="$token"
run() {
  local path="$1" script="$2" fresh="${3:-0}" label="$1"
  [ "$fresh" = 1 ] && label="$path (no-cache)"
  BENCH_FRESH="$fresh" BENCH_PATH="$path" wrk -t2 -c"$connections" -d5s -s "scripts/bench/$script" "$base" >/dev/null
  BENCH_FRESH="$fresh" BENCH_PATH="$path" wrk -t2 -c"$connections" -d"$duration" --latency -s "scripts/bench/$script" "$base" \
    | awk -v p="$label" '/Requests\/sec/ { r = $2 } / 50%/ { p50 = $2 } / 99%/ { p99 = $2 } /non-2xx/ { e = $NF }
        END { printf "%-40s req/s %10s   p50 %8s   p99 %8s   errors %s\n", p, r, p50, p99, e }'
}
echo "== wrk, $connections connections, $duration each (after 5 s of warm-up)"
run /v1/portal/invoices portal-get.lua
run /bench/baseline/invoices portal-get.lua
run /v1/portal/tasks portal-get.lua
run /bench/baseline/tasks portal-get.lua
# The same two read from the database on every request (Cache-Control: no-cache skips the response cache; the
# publishable key, token, session and customer access still come from memory): the page cost at this table size.
run /v1/portal/invoices portal-get.lua 1
run /v1/portal/tasks portal-get.lua 1
# For reference: a signed-in request that reads only the session and the customer access.
run /v1/portal/me portal-get.lua
grep -E -A1 "fail|crit" "$work/api.log" | tail -n 10 || true
