#!/usr/bin/env bash
# Measures the published site's start: time from process start to the first answered request
# (/health) on a fresh SQLite data folder (migrations + demo recipe), then on the same folder again
# (a warm start), and the resident memory after start and after a few requests. Prints a small table.
# Usage: bench/startup.sh [runs]   (default 5 runs of each)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
out=$(mktemp -d /tmp/plbadges-bench.XXXXXX)
trap 'rm -rf "$out"' EXIT
dotnet publish src/PLBadges.Web -c Release -o "$out/app" -v quiet -nologo >/dev/null

port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Starts the site on a data folder, waits for /health, prints "milliseconds rss_kb pid".
start() {
  local data=$1 p
  p=$(port)
  local t0 t1
  t0=$(date +%s%N)
  (cd "$out/app" && Database__DataFolder="$data" Logging__LogLevel__Default=Warning ASPNETCORE_URLS="http://127.0.0.1:$p" exec dotnet PLBadges.Web.dll >"$data.log" 2>&1) &
  local pid=$!
  until curl -sf "http://127.0.0.1:$p/health" >/dev/null 2>&1; do sleep 0.02; done
  t1=$(date +%s%N)
  local rss
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$(pgrep -P $pid -f PLBadges.Web.dll || echo $pid)/status" 2>/dev/null || awk '/VmRSS/ {print $2}' /proc/$pid/status)
  echo "$(( (t1 - t0) / 1000000 )) $rss $pid $p"
}

stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

cold=() warm=() rss_start=() rss_busy=()
for i in $(seq 1 "$runs"); do
  data="$out/data-$i"
  read -r ms rss pid p < <(start "$data"); cold+=("$ms"); rss_start+=("$rss"); stop "$pid"
  read -r ms rss pid p < <(start "$data"); warm+=("$ms")
  for path in / /account/signin /health /.well-known/openid-configuration /openapi/v1.json; do
    for _ in 1 2 3 4 5 6 7 8 9 10; do curl -s -o /dev/null "http://127.0.0.1:$p$path"; done
  done
  rss_busy+=("$(awk '/VmRSS/ {print $2}' /proc/$pid/status)"); stop "$pid"
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
printf '| measure | median | runs |\n|---|---|---|\n'
printf '| cold start to first /health (new SQLite file: migrations + demo recipe) | %s ms | %s |\n' "$(median "${cold[@]}")" "${cold[*]}"
printf '| warm start to first /health (existing database) | %s ms | %s |\n' "$(median "${warm[@]}")" "${warm[*]}"
printf '| resident memory after cold start | %s MiB | |\n' "$(( $(median "${rss_start[@]}") / 1024 ))"
printf '| resident memory after 50 page and API requests | %s MiB | |\n' "$(( $(median "${rss_busy[@]}") / 1024 ))"
