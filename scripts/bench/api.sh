# Sourced by the scripts/bench-*.sh load tests (after `cd` to the repository and setting `port`): a work folder,
# the database, and the API in Release on 127.0.0.1, stopped (and the folder removed unless BENCH_KEEP=1) on exit.
#   bench_database ENGINE NAME      sets db_env: SQLite in the work folder, or a new PostgreSQL database NAME
#                                   (ENGINE postgres runs under scripts/with-postgres.sh)
#   bench_start_api [VAR=value ...] builds and starts the API with db_env, the settings every load test uses
#                                   (production, demo off, logs at Warning, files and mail in the work folder) and these
#                                   (later ones win: a load test of the demo company passes ASPNETCORE_ENVIRONMENT=Development);
#                                   BENCH_API_DLL runs that build of the API instead (e.g. an earlier commit's, to compare);
#                                   called again with another base (and api_log), it starts a further process, all of
#                                   them stopped on exit
# A script that sets bench_reuse to a folder kept by an earlier run (BENCH_KEEP=1) works in it again; it is never removed.
work="${bench_reuse:-$(mktemp -d /tmp/headlessportal-bench.XXXXXX)}"
apis=()
base="http://127.0.0.1:${port:?set port before sourcing scripts/bench/api.sh}"
platform_key="bench-platform-key-0123456789"

# The value of a JSON field in an answer, one line or indented: field id <<<'{"id": "x"}'.
field() { sed -nE "s/.*\"$1\": *\"?([^\",}]+)\"?.*/\\1/p" | head -n 1; }

bench_database() {
  db_env=(Database__Provider=sqlite "ConnectionStrings__Portal=Data Source=$work/portal.db")
  if [ "$1" = postgres ]; then
    : "${PORTAL_TEST_POSTGRES:?run under scripts/with-postgres.sh}"
    psql "postgresql://postgres@127.0.0.1:$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$PORTAL_TEST_POSTGRES")/postgres" -qc "CREATE DATABASE $2" >/dev/null
    db_env=(Database__Provider=postgres "ConnectionStrings__Portal=${PORTAL_TEST_POSTGRES/Database=postgres/Database=$2}")
  fi
}

bench_start_api() {
  local dll="${BENCH_API_DLL:-src/Api/bin/Release/net10.0/HeadlessPortal.Api.dll}"
  [ -n "${BENCH_API_DLL:-}" ] || dotnet build src/Api -c Release -v quiet -nologo >/dev/null
  env "${db_env[@]}" ASPNETCORE_ENVIRONMENT=Production Platform__ApiKey="$platform_key" Auth__Issuer="$base" Demo__Seed=false \
    Logging__LogLevel__Default=Warning ASPNETCORE_URLS="$base" Documents__Directory="$work/files" \
    Imports__Directory="$work/imports" Email__Delivery=pickup Email__PickupDirectory="$work/mail" DataProtection__KeysDirectory="$work/keys" "$@" \
    dotnet "$dll" >"${api_log:-$work/api.log}" 2>&1 &
  api=$!
  apis+=("$api")
  trap bench_stop_api EXIT
  # Up to two minutes: a loaded machine (a build beside the load test) starts the API slowly.
  for _ in $(seq 1 240); do
    curl -sf "$base/health/ready" >/dev/null && return 0
    sleep 0.5
  done
  echo "the API did not become ready; the end of its log:" >&2
  tail -n 20 "${api_log:-$work/api.log}" >&2
  exit 1
}

bench_stop_api() {
  local pid
  for pid in "${apis[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [ "${BENCH_KEEP:-0}" = 1 ] || [ -n "${bench_reuse:-}" ]; then echo "kept $work"; else rm -rf "$work"; fi
}
