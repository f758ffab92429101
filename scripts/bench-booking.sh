#!/usr/bin/env bash
# Availability and self-scheduling on 127.0.0.1 with wrk, on the demo company with 500 arrival windows a day for 30 days
# (15,000 windows, synced through PUT /v1/admin/capacity-windows a week at a time; half serve "AC tune-up", half
# "Furnace tune-up", 4 slots each):
#   1. GET /v1/portal/availability for AC tune-up over a 30-day range, uncached (Cache-Control: no-cache) and as a
#      repeated read may be served;
#   2. POST /v1/portal/bookings booking AC tune-up windows (a new Idempotency-Key each), counting 201 and 409
#      window_full, then checking that the windows' booked slots add up to the booked bookings and none is overbooked.
#   scripts/bench-booking.sh [sqlite|postgres]
set -euo pipefail
cd "$(dirname "$0")/.."

engine="${1:-sqlite}"
command -v wrk >/dev/null || { echo "wrk is required: apt-get install -y wrk" >&2; exit 1; }
port="${BENCH_PORT:-5094}"
duration="${BENCH_DURATION:-20s}"
connections="${BENCH_CONNECTIONS:-32}"
days="${BENCH_DAYS:-30}"
per_day="${BENCH_WINDOWS_PER_DAY:-500}"
if [ "$engine" = postgres ] && [ -z "${PORTAL_TEST_POSTGRES:-}" ]; then
  exec scripts/with-postgres.sh "$0" "$@"
fi

source scripts/bench/api.sh

bench_database "$engine" bench_booking
# The demo company exists in Development only.
bench_start_api ASPNETCORE_ENVIRONMENT=Development Demo__Seed=true \
  RateLimits__PublicPerIpPerMinute=10000000 RateLimits__PublicPerKeyPerMinute=10000000 RateLimits__PortalAuthPerIpPerMinute=10000000

admin="$(curl -sf -u demo-admin:demo-admin-secret -d grant_type=client_credentials "$base/oauth/token" | field access_token)"
auth=(-H "Authorization: Bearer $admin" -H 'Content-Type: application/json')

# Bookable 60 days ahead from now (the demo's 30 would cut the range), no lead time, the demo's cut-off.
curl -sf -X PUT "${auth[@]}" "$base/v1/admin/booking-settings" -d '{"jobTypes":[
  {"jobTypeId":"jt-ac-tune-up","requestable":true,"selfSchedulable":true,"durationMinutes":90,"businessUnitId":"bu-residential"},
  {"jobTypeId":"jt-furnace-tune-up","requestable":true,"selfSchedulable":true,"durationMinutes":90,"businessUnitId":"bu-residential"}],
  "horizonDays":60,"leadTimeHours":0,"changeCutOffHours":24,"websiteRequests":true}' >/dev/null

# 500 windows a day from the day after tomorrow (in the company's zone, America/Chicago), a week per request.
first="$(TZ=America/Chicago date -d '+2 days' +%F)"
last="$(TZ=America/Chicago date -d "$first +$((days - 1)) days" +%F)"
echo "syncing $((days * per_day)) windows, $first to $last"
started=$(date +%s%N)
for week in $(seq 0 7 $((days - 1))); do
  awk -v first="$first" -v week="$week" -v days="$days" -v per_day="$per_day" 'BEGIN {
    split("08:00 10:00 13:00 15:00", starts, " "); split("10:00 12:00 15:00 17:00", ends, " ");
    printf "{\"windows\":["; sep = "";
    for (d = week; d < week + 7 && d < days; d++) {
      cmd = "date -d \"" first " +" d " days\" +%F"; cmd | getline day; close(cmd);
      for (n = 0; n < per_day; n++) {
        s = n % 4 + 1; jt = (n % 2 == 0) ? "jt-ac-tune-up" : "jt-furnace-tune-up";
        printf "%s{\"externalId\":\"bench-%s-%d\",\"businessUnitId\":\"bu-residential\",\"jobTypeIds\":[\"%s\"],\"start\":\"%sT%s\",\"end\":\"%sT%s\",\"totalSlots\":4}", sep, day, n, jt, day, starts[s], day, ends[s];
        sep = ",";
      }
    }
    printf "]}" }' >"$work/windows.json"
  curl -sf -X PUT "${auth[@]}" "$base/v1/admin/capacity-windows" --data-binary "@$work/windows.json" >/dev/null
done
echo "synced in $(( ($(date +%s%N) - started) / 1000000 )) ms"

token="$(curl -sf -H 'X-Portal-Key: pk_demo_local' -H 'Content-Type: application/json' \
  -d '{"email":"pat@example.com","password":"demo-portal-password"}' "$base/v1/portal/auth/sign-in" | field accessToken)"
portal=(-H 'X-Portal-Key: pk_demo_local' -H "Authorization: Bearer $token")
options="$(curl -sf "${portal[@]}" "$base/v1/portal/booking-options")"
job_type="$(grep -oE '\{"id":"[^"]+","name":"AC tune-up"' <<<"$options" | field id)"
location="$(grep -oE '"locations":\[\{"id":"[^"]+"' <<<"$options" | sed -E 's/.*"id":"([^"]+)"/\1/')"
path="/v1/portal/availability?jobTypeId=$job_type&locationId=$location&from=$first&to=$last"
answer="$(curl -sf "${portal[@]}" -H 'Cache-Control: no-cache' "$base$path")"
windows="$(grep -oE '"id":"[^"]+","date"' <<<"$answer" | sed -E 's/"id":"([^"]+)".*/\1/' | paste -sd,)"
echo "availability answers $(tr ',' '\n' <<<"$windows" | wc -l) windows, $(wc -c <<<"$answer") bytes"

export BENCH_KEY=pk_demo_local BENCH_TOKEN="$token" BENCH_PATH="$path"
for fresh in 1 0; do
  export BENCH_FRESH=$fresh
  wrk -t2 -c4 -d3s -s scripts/bench/portal-get.lua "$base" >/dev/null
  echo "== GET /v1/portal/availability, 30 days ($engine), $([ $fresh = 1 ] && echo uncached || echo repeated), $connections connections, $duration"
  wrk -t2 -c"$connections" -d"$duration" --latency -s scripts/bench/portal-get.lua "$base" | grep -E "Requests/sec|  50%|  99%|non-2xx|requests in"
done

export BENCH_WINDOWS="$windows" BENCH_JOB_TYPE="$job_type" BENCH_LOCATION="$location"
echo "== POST /v1/portal/bookings with windowId ($engine), $connections connections, $duration"
wrk -t2 -c"$connections" -d"$duration" --latency -s scripts/bench/booking-post.lua "$base" | grep -E "Requests/sec|  50%|  99%|booked|requests in"

# Every booked booking holds one slot, and no window holds more than it has.
booked=0
after=""
while :; do
  page="$(curl -sf "${auth[@]}" "$base/v1/admin/bookings?status=booked&limit=100${after:+&after=$after}")"
  booked=$(( booked + $(grep -o '"status":"booked"' <<<"$page" | wc -l || true) ))
  after="$(grep -oE '"nextCursor":"[^"]+"' <<<"$page" | field nextCursor || true)"
  [ -n "$after" ] || break
done
slots=0
over=0
after=""
while :; do
  page="$(curl -sf "${auth[@]}" "$base/v1/admin/capacity-windows?limit=100${after:+&after=$after}")"
  slots=$(( slots + $(grep -oE '"bookedSlots":[0-9]+' <<<"$page" | cut -d: -f2 | paste -sd+ | bc || true) ))
  over=$(( over + $(grep -oE '"overbookedBy":[1-9][0-9]*' <<<"$page" | wc -l || true) ))
  after="$(grep -oE '"nextCursor":"[^"]+"' <<<"$page" | field nextCursor || true)"
  [ -n "$after" ] || break
done
echo "booked bookings: $booked, booked slots over all windows: $slots, overbooked windows: $over"
