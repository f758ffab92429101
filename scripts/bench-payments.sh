#!/usr/bin/env bash
# Payment throughput on 127.0.0.1 with wrk: POST /v1/portal/payments, card payments of 50 cents spread over
# 100 invoices of the demo company, each with its own Idempotency-Key, paid through the fake Stripe the API
# starts in its own process (Stripe:UseFakeServer). Every request does the whole flow: replay check, rules,
# a transaction that locks the invoice and holds the amount, the PaymentIntent over loopback HTTP, and the
# settlement transaction (invoice, audit entry, receipt request, payment.succeeded event).
#   scripts/bench-payments.sh [sqlite|postgres]
set -euo pipefail
cd "$(dirname "$0")/.."

engine="${1:-sqlite}"
command -v wrk >/dev/null || { echo "wrk is required: apt-get install -y wrk" >&2; exit 1; }
port="${BENCH_PORT:-5093}"
duration="${BENCH_DURATION:-20s}"
connections="${BENCH_CONNECTIONS:-8}"
if [ "$engine" = postgres ] && [ -z "${PORTAL_TEST_POSTGRES:-}" ]; then
  exec scripts/with-postgres.sh "$0" "$@"
fi

source scripts/bench/api.sh

bench_database "$engine" bench_payments
# The demo company and the in-process fake Stripe exist in Development only (the API refuses them elsewhere).
bench_start_api ASPNETCORE_ENVIRONMENT=Development Stripe__UseFakeServer=true Demo__Seed=true \
  RateLimits__PublicPerIpPerMinute=10000000 RateLimits__PublicPerKeyPerMinute=10000000 RateLimits__PortalAuthPerIpPerMinute=10000000

# 100 invoices of $1,000.00 billed to the Thompsons (pat has billing access): an invoice takes at most 100 payments,
# so the run has room for 10,000 payments of 50 cents.
admin="$(curl -sf -u demo-admin:demo-admin-secret -d grant_type=client_credentials "$base/oauth/token" | sed -nE 's/.*"access_token":"([^"]+)".*/\1/p')"
money() { echo "{\"amount\":$1,\"currency\":\"usd\"}"; }
each=100000
count=100
customer="$(curl -sf -H "Authorization: Bearer $admin" "$base/v1/admin/contacts/con-pat-thompson" | sed -nE 's/.*"customerId":"([^"]+)".*/\1/p')"
invoices=""
for n in $(seq 1 $count); do
  curl -sf -X PUT -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' "$base/v1/admin/invoices/bench-$n" -d "{
    \"number\":\"BENCH-$n\",\"billToCustomerId\":\"$customer\",\"issueDate\":\"2026-11-22\",
    \"lines\":[{\"description\":\"Benchmark\",\"quantity\":1,\"unitPrice\":$(money $each),\"amount\":$(money $each)}],
    \"subtotal\":$(money $each),\"tax\":$(money 0),\"total\":$(money $each),\"balance\":$(money $each)}" >/dev/null
  invoices="$invoices,$(curl -sf -H "Authorization: Bearer $admin" "$base/v1/admin/invoices/bench-$n" | sed -nE 's/^\{"id":"([^"]+)".*/\1/p')"
done
token="$(curl -sf -H 'X-Portal-Key: pk_demo_local' -H 'Content-Type: application/json' \
  -d '{"email":"pat@example.com","password":"demo-portal-password"}' "$base/v1/portal/auth/sign-in" | sed -nE 's/.*"accessToken":"([^"]+)".*/\1/p')"

export BENCH_KEY=pk_demo_local BENCH_TOKEN="$token" BENCH_INVOICES="${invoices#,}"
wrk -t2 -c4 -d5s -s scripts/bench/payment-post.lua "$base" >/dev/null
echo "== POST /v1/portal/payments ($engine), 50-cent card payments, $connections connections, $duration"
wrk -t2 -c"$connections" -d"$duration" --latency -s scripts/bench/payment-post.lua "$base" | grep -E "Requests/sec|  50%|  99%|non-2xx|requests in"
collected=0
for n in $(seq 1 $count); do
  balance="$(curl -sf -H "Authorization: Bearer $admin" "$base/v1/admin/invoices/bench-$n" | sed -nE 's/.*"balance":\{"amount":([0-9]+).*/\1/p')"
  collected=$(( collected + each - balance ))
done
echo "collected: $(( collected / 50 )) payments of 50 cents, warm-up included"
for status in succeeded pending failed; do
  page="$(curl -sf -H "Authorization: Bearer $admin" "$base/v1/admin/payments?status=$status&limit=100")"
  echo "$status: $(echo "$page" | grep -o '"status":"'"$status"'"' | wc -l)$(echo "$page" | grep -q '"hasMore":true' && echo '+')"
done
