#!/usr/bin/env bash
# Load and soak, not part of CI: the published site (Release) on PostgreSQL with files in s3rver, first
# one node, then two nodes on the same database and store. For each: a mixed stateful workload with
# Locust (locustfile.py) and raw throughput with wrk; then a soak on two nodes, sampling each node's
# memory while Locust records response times over time. Results (CSV and summary.md) go to
# bench/load/results/<time>/.
#
# Usage: bench/load/run.sh [users=40] [minutes per load run=3] [soak minutes=10]
# Needs: Debian's python3-locust and wrk, psql, node with tests/node installed (scripts/test-deps.sh),
# and PLBADGES_TEST_POSTGRES (an admin connection string; default: the local test server on 55432).
# The sign-in and API rate limits are raised for the run (every simulated user comes from 127.0.0.1).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
users=${1:-40}
minutes=${2:-3}
soak=${3:-10}
admin=${PLBADGES_TEST_POSTGRES:-"Host=127.0.0.1;Port=55432;Username=postgres;Password=postgres"}
pg_host=$(sed -n 's/.*Host=\([^;]*\).*/\1/p' <<<"$admin")
pg_port=$(sed -n 's/.*Port=\([^;]*\).*/\1/p' <<<"$admin")
pg_user=$(sed -n 's/.*Username=\([^;]*\).*/\1/p' <<<"$admin")
psql_admin=(psql -h "$pg_host" -p "${pg_port:-5432}" -U "$pg_user" -v ON_ERROR_STOP=1 -qAt)
out="$root/bench/load/results/$(date -u +%Y%m%d-%H%M%S)"
work=$(mktemp -d /tmp/plbadges-load.XXXXXX)
db="plb_load_$(date +%s)"
mkdir -p "$out"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  "${psql_admin[@]}" -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

echo "Publishing the site (Release)..."
dotnet publish src/PLBadges.Web -c Release -o "$work/app" -v quiet -nologo >/dev/null

s3_port=$(port)
mkdir -p "$work/s3"
node tests/node/node_modules/s3rver/bin/s3rver.js --directory "$work/s3" --address 127.0.0.1 --port "$s3_port" --silent --configure-bucket plbadges &
pids+=($!)

# Starts a node on the shared database and store; prints its pid and port.
start_node() {
  local name=$1 p
  p=$(port)
  mkdir -p "$work/data-$name"
  (cd "$work/app" && \
    ASPNETCORE_URLS="http://127.0.0.1:$p" Database__Provider=Postgres Database__DataFolder="$work/data-$name" \
    ConnectionStrings__Default="$admin;Database=$db;Maximum Pool Size=60" \
    Storage__Provider=S3 Storage__S3__ServiceUrl="http://127.0.0.1:$s3_port" Storage__S3__Bucket=plbadges \
    Storage__S3__AccessKey=S3RVER Storage__S3__SecretKey=S3RVER \
    Site__PublicBaseUrl=http://plbadges.bench.test RateLimits__SignInPerMinute=1000000 RateLimits__ApiPerMinute=1000000 \
    Logging__LogLevel__Default=Warning Logging__Console__FormatterName=simple \
    exec dotnet PLBadges.Web.dll >"$out/node-$name.log" 2>&1) &
  local pid=$!
  until curl -sf "http://127.0.0.1:$p/health" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { echo "node $name exited; see $out/node-$name.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "$pid $p"
}

rss_mb() { echo $(( $(awk '/VmRSS/ {print $2}' "/proc/$1/status") / 1024 )); }

run_locust() {
  local label=$1 hosts=$2 length=$3
  PLBADGES_HOSTS="$hosts" PLBADGES_CREDENTIAL_ID="$credential" \
    locust -f bench/load/locustfile.py --headless -u "$users" -r 5 -t "${length}m" --only-summary \
    --csv "$out/$label" --csv-full-history --host "${hosts%%,*}" >"$out/$label.locust.log" 2>&1 || true
}

run_wrk() {
  local label=$1; shift
  local hosts=("$@")
  for path in /health /pathways "/credentials/$credential.json"; do
    local each=$(( 16 / ${#hosts[@]} )) files=() runs=()
    for h in "${hosts[@]}"; do
      local f="$work/wrk-$label-$RANDOM.txt"; files+=("$f")
      wrk -t1 -c"$each" -d30s --latency "$h$path" >"$f" 2>&1 &
      runs+=($!)
    done
    wait "${runs[@]}" || true
    python3 bench/load/wrk_sum.py "$label" "$path" "${files[@]}" >>"$out/wrk.md"
  done
}

read -r pid_a port_a < <(start_node a)
pids+=("$pid_a")
a="http://127.0.0.1:$port_a"
credential=$("${psql_admin[@]}" -d "$db" -c 'SELECT "Id" FROM "Credentials" LIMIT 1')
echo "One node at $a (credential $credential)"
printf '| nodes | address | requests/s | p50 ms | p99 ms | non-2xx or errors |\n|---|---|---|---|---|---|\n' >"$out/wrk.md"
run_locust one-node "$a" "$minutes"
run_wrk "1" "$a"
echo "one node: rss $(rss_mb "$pid_a") MB" >>"$out/memory.txt"

read -r pid_b port_b < <(start_node b)
pids+=("$pid_b")
b="http://127.0.0.1:$port_b"
echo "Two nodes at $a and $b"
run_locust two-nodes "$a,$b" "$minutes"
run_wrk "2" "$a" "$b"

echo "Soak: $soak minutes on two nodes"
( while true; do echo "$(date +%s) $(rss_mb "$pid_a") $(rss_mb "$pid_b")"; sleep 15; done ) >"$out/soak-memory.txt" &
sampler=$!
run_locust soak "$a,$b" "$soak"
kill "$sampler" 2>/dev/null || true

python3 bench/load/summary.py "$out" >"$out/summary.md"
cat "$out/summary.md"
echo "Results in $out"
