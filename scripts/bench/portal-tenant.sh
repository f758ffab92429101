# Sourced by the portal load tests (scripts/bench-portal*.sh, after scripts/bench/api.sh and bench_database): builds the
# data set, starts the API and prepares a tenant whose portal is on.
#   bench_portal_tenant INVOICES [VAR=value ...]
# generates INVOICES invoices (customers = INVOICES / 5: five jobs, appointments and invoices each, as in the 1M-invoice
# tenant of scripts/bench-import.sh) with tools/HeadlessPortal.DataGenerator, starts the API with the baseline endpoints,
# rate limits lifted and the extra settings given, creates a tenant and an admin client through the platform API, imports
# the data set through POST /v1/admin/imports, accepts the legal agreement, turns the portal on and creates a
# publishable key. Sets: customers, key, and admin (curl with the admin token) and import_file (POST an NDJSON file,
# wait until it is applied).
bench_portal_tenant() {
  local invoices="$1"
  shift
  customers=$(( invoices / 5 > 0 ? invoices / 5 : 1 ))
  dotnet build tools/HeadlessPortal.DataGenerator -c Release -v quiet -nologo >/dev/null
  dotnet tools/HeadlessPortal.DataGenerator/bin/Release/net10.0/HeadlessPortal.DataGenerator.dll \
    --customers "$customers" --invoices "$invoices" --out "$work/import.ndjson" >/dev/null

  bench_start_api Bench__BaselineEndpoints=true RateLimits__PublicPerIpPerMinute=10000000 \
    RateLimits__PublicPerKeyPerMinute=10000000 RateLimits__PortalAuthPerIpPerMinute=10000000 "$@"

  local tenant client
  tenant="$(curl -sf -H "X-Platform-Key: $platform_key" -H 'Content-Type: application/json' \
    -d '{"name":"Bench Portal HVAC","hostName":"bench-portal"}' "$base/v1/platform/tenants" | field id)"
  client="$(curl -sf -H "X-Platform-Key: $platform_key" -H 'Content-Type: application/json' \
    -d '{"name":"Bench admin","role":"admin"}' "$base/v1/platform/tenants/$tenant/api-clients")"
  client_id="$(field clientId <<<"$client")"
  client_secret="$(field clientSecret <<<"$client")"
  bench_admin_token

  echo "== $engine, $invoices invoices, $customers customers, $(nproc) cores"
  local started
  started=$(date +%s)
  import_file "$work/import.ndjson"
  echo "import:        $(field applied <<<"$import_state") records applied, $(field failed <<<"$import_state") failed, $(( $(date +%s) - started )) s"

  # The portal: legal agreement, on, a publishable key.
  admin -X POST "$base/v1/admin/portal-settings/legal-agreement/acceptance" >/dev/null
  local etag
  etag="$(curl -sf -D - -o "$work/settings.json" -H "Authorization: Bearer $bearer" "$base/v1/admin/portal-settings" | sed -nE 's/^[Ee][Tt]ag: (.*)\r?$/\1/p' | tr -d '\r')"
  sed -i -E 's/"enabled":false/"enabled":true/' "$work/settings.json"
  admin -X PUT -H 'Content-Type: application/json' -H "If-Match: $etag" --data-binary @"$work/settings.json" "$base/v1/admin/portal-settings" >/dev/null
  key="$(admin -H 'Content-Type: application/json' -d '{"name":"Bench front end","allowedOrigins":[]}' "$base/v1/admin/publishable-keys" | field key)"
  echo "$key" >"$work/publishable-key"
}

bench_admin_token() {
  bearer="$(curl -sf -d grant_type=client_credentials -d "client_id=$client_id" -d "client_secret=$client_secret" "$base/oauth/token" | field access_token)"
}

admin() { curl -sS --fail-with-body -H "Authorization: Bearer $bearer" "$@"; }

# Uploads an NDJSON file to POST /v1/admin/imports and waits until it completes (BENCH_TIMEOUT seconds, default 7200);
# sets import_state to the import's last answer.
import_file() {
  local started id deadline
  started=$(date +%s)
  deadline=$(( started + ${BENCH_TIMEOUT:-7200} ))
  id="$(admin -H 'Content-Type: application/x-ndjson' -X POST --upload-file "$1" "$base/v1/admin/imports" | field id)"
  while :; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "import timed out" >&2; exit 1; }
    # The admin token lasts 15 minutes: a long import gets a new one.
    if [ $(( ($(date +%s) - started) % 600 )) -lt 2 ] && [ "$(date +%s)" -gt $(( started + 10 )) ]; then
      bench_admin_token
    fi
    import_state="$(admin "$base/v1/admin/imports/$id" || true)"
    [ "$(field status <<<"$import_state")" = completed ] && break
    sleep 1
  done
  bench_admin_token
}

# The portal users of the many-users benchmarks: user n is a billing contact on 1 + n % 3 customer records spread over
# the tenant (a record may have several contacts: at 10k invoices there are fewer records than contacts). Imports them,
# then signs each in with a magic link through the API at $3 (default $base); "token invoiceIds" lines go to $work/users.txt.
bench_portal_users() {
  local users="$1" customers="$2" api="${3:-$base}" started
  python3 - "$users" "$customers" >"$work/contacts.ndjson" <<'PY'
import json, sys
users, customers = int(sys.argv[1]), int(sys.argv[2])
for n in range(users):
    for j in range(1 + n % 3):
        customer = (n * 7 + j * 997) % customers + 1
        print(json.dumps({"type": "contact", "externalId": f"bench-u{n}-{j}", "data": {
            "customerId": f"cus-{customer:07d}", "email": f"bench.user{n}@example.com", "accessLevel": "billing"}}))
PY
  import_file "$work/contacts.ndjson"
  echo "contacts:      $(field applied <<<"$import_state") applied, $(field failed <<<"$import_state") failed"
  started=$(date +%s)
  for n in $(seq 0 $(( users - 1 ))); do echo "bench.user$n@example.com"; done \
    | python3 scripts/bench/sign-in-users.py "$api" "$key" "$work/mail" "$work/users.txt"
  echo "sign-in:       $users users signed in with magic links in $(( $(date +%s) - started )) s"
}
