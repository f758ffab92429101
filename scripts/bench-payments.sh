#!/usr/bin/env bash
# Payment throughput on 127.0.0.1 with wrk: POST /v1/portal/payments as BENCH_USERS portal users (default 32), each a
# billing contact of its own customer with its own invoices, paying them in 50-cent card payments, each with its own
# Idempotency-Key, through the fake Stripe the API starts in its own process (Stripe:UseFakeServer). wrk's connections
# take the users in turn, so with as many connections as users, concurrent payments are for different customers and
# different invoices. Every request does the whole flow: replay check, rules, a transaction that locks the invoice and
# holds the amount, the PaymentIntent over loopback HTTP, and the settlement transaction (invoice, audit entry, receipt
# request, payment.succeeded event).
#   scripts/bench-payments.sh [sqlite|postgres]
#   BENCH_API_DLL=/tmp/before/src/Api/bin/Release/net10.0/HeadlessPortal.Api.dll scripts/bench-payments.sh sqlite
# Afterwards it checks that the invoices' balances lost exactly what the 201 answers collected and that no payment is
# left pending. Other settings: BENCH_CONNECTIONS (32), BENCH_DURATION (20s), BENCH_USERS (32), BENCH_INVOICES_PER_USER
# (4; an invoice takes at most 100 payments), BENCH_PORT, BENCH_KEEP=1, BENCH_PROFILE=1 (waits 10 s into the run for a
# profiler, printing the API's process id).
set -euo pipefail
cd "$(dirname "$0")/.."

engine="${1:-sqlite}"
command -v wrk >/dev/null || { echo "wrk is required: apt-get install -y wrk" >&2; exit 1; }
port="${BENCH_PORT:-5093}"
duration="${BENCH_DURATION:-20s}"
connections="${BENCH_CONNECTIONS:-32}"
users="${BENCH_USERS:-32}"
per_user="${BENCH_INVOICES_PER_USER:-4}"
if [ "$engine" = postgres ] && [ -z "${PORTAL_TEST_POSTGRES:-}" ]; then
  exec scripts/with-postgres.sh "$0" "$@"
fi

source scripts/bench/api.sh
source scripts/bench/portal-tenant.sh

bench_database "$engine" "bench_payments_$$"
# The demo company and the in-process fake Stripe exist in Development only (the API refuses them elsewhere).
bench_start_api ASPNETCORE_ENVIRONMENT=Development Stripe__UseFakeServer=true Demo__Seed=true Auth__AccessTokenMinutes=240 \
  RateLimits__PublicPerIpPerMinute=10000000 RateLimits__PublicPerKeyPerMinute=10000000 RateLimits__PortalAuthPerIpPerMinute=10000000
key=pk_demo_local
client_id=demo-admin
client_secret=demo-admin-secret
bench_admin_token

# The payers: user n is the billing contact of customer bench-payer-n, billed BENCH_INVOICES_PER_USER invoices of
# $1,000.00 (room for 100 payments of 50 cents each), imported through POST /v1/admin/imports.
each=100000
python3 - "$users" "$per_user" "$each" >"$work/payers.ndjson" <<'PY'
import json, sys
users, per_user, each = (int(a) for a in sys.argv[1:])
money = lambda amount: {"amount": amount, "currency": "usd"}
for n in range(users):
    customer = f"bench-payer-{n}"
    print(json.dumps({"type": "customer", "externalId": customer, "data": {
        "kind": "residential", "name": f"Bench Payer {n}", "emails": [f"bench.payer{n}@example.com"]}}))
    print(json.dumps({"type": "contact", "externalId": f"{customer}-contact", "data": {
        "customerId": customer, "email": f"bench.payer{n}@example.com", "accessLevel": "billing"}}))
    for k in range(per_user):
        print(json.dumps({"type": "invoice", "externalId": f"{customer}-inv-{k}", "data": {
            "number": f"BENCH-{n}-{k}", "billToCustomerId": customer, "issueDate": "2026-11-22",
            "lines": [{"description": "Benchmark", "quantity": 1, "unitPrice": money(each), "amount": money(each)}],
            "subtotal": money(each), "tax": money(0), "total": money(each), "balance": money(each)}}))
PY
import_file "$work/payers.ndjson"
echo "== $engine, $users payers with $per_user invoices each: $(field applied <<<"$import_state") records applied, $(field failed <<<"$import_state") failed"
for n in $(seq 0 $(( users - 1 ))); do echo "bench.payer$n@example.com"; done \
  | python3 scripts/bench/sign-in-users.py "$base" "$key" "$work/mail" "$work/payers.txt"
echo "sign-in:       $(wc -l <"$work/payers.txt") payers signed in with magic links"

export BENCH_KEY="$key" BENCH_USERS_FILE="$work/payers.txt"
succeeded=0
pay() {
  wrk -t2 --timeout 30s "$@" -s scripts/bench/payment-post.lua "$base" >"$work/wrk.out"
  succeeded=$(( succeeded + $(sed -nE 's/^201 answers: ([0-9]+)/\1/p' "$work/wrk.out") ))
}
pay -c4 -d5s
echo "== POST /v1/portal/payments ($engine), 50-cent card payments, $connections connections, $users payers in turn, $duration"
if [ "${BENCH_PROFILE:-0}" = 1 ]; then
  echo "profile now: the API's process id is $api"
fi
pay -c"$connections" -d"$duration" --latency
grep -E "Requests/sec|  50%|  99%|non-2xx|201 answers|requests in" "$work/wrk.out"

# Money exactly once: what the invoices' balances lost equals the payments that succeeded (wrk does not count the
# answers of requests still running when it stops; the server finishes them), and none is left pending.
python3 - "$base" "$bearer" "$users" "$per_user" "$each" "$succeeded" <<'PY'
import collections, json, sys, time, urllib.parse, urllib.request
base, bearer = sys.argv[1], sys.argv[2]
users, per_user, each, answered = (int(a) for a in sys.argv[3:])
def get(path):
    request = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + bearer})
    with urllib.request.urlopen(request, timeout=60) as answer:
        return json.loads(answer.read())
def payments():
    statuses, paid = collections.Counter(), 0
    for n in range(users):
        after = ""
        while True:
            page = get(f"/v1/admin/payments?customerId=bench-payer-{n}&limit=100" + (f"&after={urllib.parse.quote(after)}" if after else ""))
            for payment in page["data"]:
                statuses[payment["status"]] += 1
                if payment["status"] == "succeeded":
                    paid += payment["amount"]["amount"]
            if not page["hasMore"]:
                break
            after = page["nextCursor"]
    return statuses, paid
# Read again until no payment settled between the reads and none is pending (the last requests may still be
# finishing), for up to 30 s: a payment pending longer than that is a fault the check reports.
for _ in range(30):
    statuses, paid = payments()
    lost = sum(each - get(f"/v1/admin/invoices/bench-payer-{n}-inv-{k}")["balance"]["amount"] for n in range(users) for k in range(per_user))
    if payments() == (statuses, paid) and not statuses["pending"]:
        break
    time.sleep(1)
print(f"check: balances lost {lost} cents, succeeded payments {paid} cents; payments by status {dict(statuses)}; "
      f"{answered} answered 201 to wrk (warm-up included; the rest were running when wrk stopped)")
if lost != paid or statuses["pending"] or answered > statuses["succeeded"]:
    sys.exit("FAILED: the money does not add up, or payments are left pending")
PY
grep -E -A1 "fail|crit" "$work/api.log" | tail -n 10 || true
