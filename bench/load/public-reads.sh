#!/usr/bin/env bash
# Public reads, measured beside a bare Kestrel anchor (issue 26): the published site (Release) on a fresh
# database with the demo recipe, and bench/PLBadges.BareKestrel (Kestrel alone, one JSON byte array) started
# next to it. For each address wrk runs 2 threads and 16 connections; each round measures the anchor
# again, and every figure is given as requests/s and as a share of the anchor in the same round.
# Not part of CI. Prints a Markdown table; bench/results/issue-26.md keeps the figures measured.
#
# Usage: [ONLY=regex] bench/load/public-reads.sh [Sqlite|Postgres] [seconds per address=10] [rounds=2] [git revision of the site]
# With a revision (a commit, a branch), the site is published from that revision's files (the anchor still from the
# working tree), so a "before" can be measured again beside the "after".
# Needs: Debian's wrk, python3; for Postgres psql and PLBADGES_TEST_POSTGRES (an admin connection string).
# The verify rate limit is raised for the run (every request comes from 127.0.0.1).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
provider=${1:-Sqlite}
seconds=${2:-10}
rounds=${3:-2}
revision=${4:-}
work=$(mktemp -d /tmp/plbadges-reads.XXXXXX)
pids=()
db="plb_reads_$(date +%s)"
admin=${PLBADGES_TEST_POSTGRES:-"Host=127.0.0.1;Port=55432;Username=postgres;Password=postgres"}
psql_admin=(psql -h "$(sed -n 's/.*Host=\([^;]*\).*/\1/p' <<<"$admin")" -p "$(sed -n 's/.*Port=\([^;]*\).*/\1/p' <<<"$admin")" \
  -U "$(sed -n 's/.*Username=\([^;]*\).*/\1/p' <<<"$admin")" -v ON_ERROR_STOP=1 -qAt)
export PGPASSWORD=${PGPASSWORD:-$(sed -n 's/.*Password=\([^;]*\).*/\1/p' <<<"$admin")}
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ "$provider" = Postgres ]; then "${psql_admin[@]}" -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() { until curl -sf -o /dev/null "$1"; do kill -0 "$2" 2>/dev/null || { echo "$3 exited:" >&2; tail -20 "$4" >&2; exit 1; }; sleep 0.5; done; }

echo "Building the anchor and publishing the site (Release)..." >&2
dotnet publish bench/PLBadges.BareKestrel -c Release -o "$work/bare" -v quiet -nologo >"$work/bare-build.log" 2>&1 || { cat "$work/bare-build.log" >&2; exit 1; }
site_source=$root
if [ -n "$revision" ]; then
  site_source="$work/source"
  mkdir -p "$site_source"
  git archive "$revision" | tar -x -C "$site_source"
fi
dotnet publish "$site_source/src/PLBadges.Web" -c Release -o "$work/app" -v quiet -nologo >"$work/publish.log" 2>&1 || { cat "$work/publish.log" >&2; exit 1; }

bare_port=$(port)
dotnet "$work/bare/PLBadges.BareKestrel.dll" "http://127.0.0.1:$bare_port" --file="$root/themes/PLBadges.Theme.Default/wwwroot/site.css" >"$work/bare.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$bare_port/" "$!" "bare Kestrel" "$work/bare.log"

site_port=$(port)
settings=(Database__DataFolder="$work/data")
if [ "$provider" = Postgres ]; then
  settings+=(Database__Provider=Postgres ConnectionStrings__Default="$admin;Database=$db")
fi
(cd "$work/app" && exec env "${settings[@]}" ASPNETCORE_URLS="http://127.0.0.1:$site_port" Site__PublicBaseUrl="http://127.0.0.1:$site_port" \
  RateLimits__VerifyPerMinute=100000000 Logging__LogLevel__Default=Warning dotnet PLBadges.Web.dll >"$work/site.log" 2>&1) &
pids+=($!)
wait_for "http://127.0.0.1:$site_port/health" "$!" "the site" "$work/site.log"

query() {
  if [ "$provider" = Postgres ]; then "${psql_admin[@]}" -d "$db" -F ' ' -c "$1"
  else python3 -c 'import sqlite3, sys; print(" ".join(str(v) for v in (sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone() or ())))' "$work/data/plbadges.db" "$1"; fi
}
# The demo's credentials are issued by the outbox shortly after start.
for _ in $(seq 1 120); do
  row=$(query 'SELECT "Id", "IssuerId", "StatusListId" FROM "Credentials" ORDER BY "Id" LIMIT 1' 2>/dev/null || true)
  [ -n "$row" ] && [ "$row" != None ] && break
  sleep 1
done
read -r credential issuer list <<<"$row"
if [ "$provider" = Sqlite ]; then # SQLite keeps Guids as upper-case text; the routes take either case
  issuer=${issuer,,}; list=${list,,}
fi
site="http://127.0.0.1:$site_port"
curl -sf "$site/credentials/$credential.json" >"$work/credential.json"
cat >"$work/verify.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$work/credential.json", "rb"); wrk.body = f:read("*a"); f:close()
LUA

addresses=(
  "bare Kestrel|http://127.0.0.1:$bare_port/"
  "bare Kestrel answering site.css's 38 KB from memory (the ceiling for a static file of that size)|http://127.0.0.1:$bare_port/file"
  "\`/_content/PLBadges.Theme.Default/site.css\` (static file, 38 KB)|$site/_content/PLBadges.Theme.Default/site.css"
  "\`/_content/PLBadges.Theme.Default/site.css\` (static file, Brotli as browsers ask, 7.5 KB)|$site/_content/PLBadges.Theme.Default/site.css"
  "\`/_content/PLBadges.Theme.Default/site.js\` (static file, 5.9 KB)|$site/_content/PLBadges.Theme.Default/site.js"
  "\`/credentials/{id}.json\`|$site/credentials/$credential.json"
  "\`/credentials/{id}.jwt\`|$site/credentials/$credential.jwt"
  "\`/issuers/{id}/jwks\`|$site/issuers/$issuer/jwks"
  "\`/status/{id}\` (JWT)|$site/status/$list"
  "\`/health/live\`|$site/health/live"
  "\`/health\`|$site/health"
  "\`/api/v1/pathways\`|$site/api/v1/pathways"
  "\`/pathways\` (a page)|$site/pathways"
  "\`POST /api/v1/verify\` (a credential issued here)|$site/api/v1/verify"
)

# ONLY=regex measures just the addresses whose label matches (and the anchor), e.g. ONLY='static|health'.
if [ -n "${ONLY:-}" ]; then
  kept=()
  for entry in "${addresses[@]}"; do
    label=${entry%%|*}
    if [ "$label" = "bare Kestrel" ] || [[ $label =~ $ONLY ]]; then kept+=("$entry"); fi
  done
  addresses=("${kept[@]}")
fi

# A warm-up of 2 s per address first, not counted, so that round 1 does not measure the JIT's first tiers.
for entry in "${addresses[@]}"; do
  url=${entry#*|} extra=()
  [[ $url == */api/v1/verify ]] && extra=(-s "$work/verify.lua")
  wrk -t2 -c16 -d2s "${extra[@]}" "$url" >/dev/null 2>&1 || true
done

declare -A rate
for round in $(seq 1 "$rounds"); do
  for entry in "${addresses[@]}"; do
    label=${entry%%|*} url=${entry#*|}
    extra=()
    if [[ $label == *Brotli* ]]; then extra=(-H "Accept-Encoding: br, gzip"); fi
    if [[ $url == */api/v1/verify ]]; then extra=(-s "$work/verify.lua"); code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' --data-binary @"$work/credential.json" "$url")
    else code=$(curl -s -o /dev/null -w '%{http_code}' "$url"); fi
    if [ "$code" != 200 ]; then rate["$round|$label"]="answers $code"; continue; fi
    wrk -t2 -c16 -d"${seconds}s" "${extra[@]}" "$url" >"$work/wrk.txt" 2>&1 || true
    rate["$round|$label"]=$(sed -n 's/Requests\/sec:[[:space:]]*\([0-9.]*\).*/\1/p' "$work/wrk.txt")
    errors=$(sed -n 's/.*Non-2xx or 3xx responses: \([0-9]*\).*/\1/p' "$work/wrk.txt")
    [ -n "$errors" ] && rate["$round|$label"]="${rate["$round|$label"]} ($errors non-2xx)"
  done
done

echo "$provider, $rounds rounds of ${seconds}s per address, wrk -t2 -c16, $(nproc) cores, $(date -u +%Y-%m-%d)"
echo
printf '| address |'; for round in $(seq 1 "$rounds"); do printf ' round %s requests/s | share of bare |' "$round"; done; echo
printf '|---|'; for round in $(seq 1 "$rounds"); do printf -- '---|---|'; done; echo
for entry in "${addresses[@]}"; do
  label=${entry%%|*}
  printf '| %s |' "$label"
  for round in $(seq 1 "$rounds"); do
    value=${rate["$round|$label"]} bare=${rate["$round|bare Kestrel"]}
    python3 -c 'import sys, re
v, b = sys.argv[1], sys.argv[2]
m = re.match(r"^([\d.]+)(.*)$", v)
if m: print(f" {float(m.group(1)):,.0f}{m.group(2)} | {float(m.group(1)) / float(b):.3f} |", end="")
else: print(f" {v} | |", end="")' "$value" "$bare"
  done
  echo
done
