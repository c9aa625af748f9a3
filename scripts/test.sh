#!/usr/bin/env bash
# Runs the whole test suite, as the README says and CI does: starts a throwaway PostgreSQL (unless
# PLBADGES_TEST_POSTGRES points at one), then `dotnet test` over the solution, then prints one
# "Tests: N passed, N failed" line. Needs: the .NET SDK, PostgreSQL server binaries, Chromium and
# python3-aiosmtpd (scripts/install-test-deps.sh installs them on Debian).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

# The Node packages the linked-data tests run and read (jsonld, rdf-canonize, the canonicalization suite), from the lockfile.
if command -v npm >/dev/null 2>&1; then npm ci --prefix tests/node --no-audit --no-fund --ignore-scripts --loglevel=error; fi

if [ -z "${PLBADGES_TEST_POSTGRES:-}" ]; then
  pg_bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
  if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
    echo "PostgreSQL server binaries were not found. Run scripts/install-test-deps.sh, or set PLBADGES_TEST_POSTGRES." >&2
    exit 1
  fi
  pg_dir=$(mktemp -d /tmp/plbadges-pg.XXXXXX)
  pg_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  as_pg=()
  if [ "$(id -u)" = 0 ]; then
    # PostgreSQL refuses to run as root.
    chown postgres "$pg_dir"
    as_pg=(runuser -u postgres --)
  fi
  "${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 >/dev/null
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
    -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" start >/dev/null
  trap '"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$pg_dir"' EXIT
  export PLBADGES_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=postgres;Pooling=true;Maximum Pool Size=50"
  echo "PostgreSQL for tests on 127.0.0.1:$pg_port"
fi

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"
status=0
dotnet test "$root/PLBadges.sln" --configuration "${CONFIGURATION:-Debug}" \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@" || status=$?

# One closing line that any reader understands.
python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    counters = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    if counters is None:
        continue
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    skipped += int(counters.get("notExecuted", 0))
    for result in ET.parse(path).getroot().iterfind(".//t:UnitTestResult", ns):
        if result.get("outcome") in ("Failed", "Error", "Timeout", "Aborted"):
            message = result.find("t:Output/t:ErrorInfo/t:Message", ns)
            text = (message.text or "").strip().splitlines() if message is not None else []
            print(f"FAILED {result.get('testName')}: {' / '.join(text[:3])[:400]}")
print(f"Tests: {passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
