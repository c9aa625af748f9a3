#!/usr/bin/env bash
# Screenshots of a given commit, for before-and-after comparisons of the site's look:
#   scripts/screenshots.sh COMMIT NAME [SET]   (for example: scripts/screenshots.sh d1be375 before pages)
# builds COMMIT in a temporary git worktree, runs it on a fresh SQLite database with the demo recipe,
# and saves PNGs at 390x844 (a phone) and 1280x800 (a laptop) into docs/screenshots/NAME/ of this
# checkout. SET: "frame" (issue 20: home pages, the menu, the style guide), "pages" (issue 21: the
# teacher's home, readiness, the state dashboard, the coach's scoring page, the earning email, the
# badge's public page; a teacher submits, the coach claims and passes it on the way) or "all" (the
# default). Only the files of the shots taken are replaced. Needs the .NET SDK, Chromium (PLBADGES_CHROMIUM, default /usr/bin/chromium) and Node;
# the browser driver (playwright-core) comes from tests/node's lockfile.
set -euo pipefail
if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  echo "usage: $0 COMMIT NAME [frame|pages|all]" >&2
  exit 2
fi
commit=$1
name=$2
set_name=${3:-all}
cd "$(dirname "$0")/.."
root=$(pwd)
out="$root/docs/screenshots/$name"

(cd tests/node && npm ci --no-audit --no-fund --silent)

work=$(mktemp -d /tmp/plbadges-shots.XXXXXX)
site_pid=
cleanup() {
  if [ -n "$site_pid" ]; then kill "$site_pid" 2>/dev/null || true; wait "$site_pid" 2>/dev/null || true; fi
  git -C "$root" worktree remove --force "$work/src" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

git -C "$root" worktree add --detach "$work/src" "$commit" >/dev/null
echo "Building $(git -C "$work/src" log --oneline -1)"
dotnet build "$work/src/src/PLBadges.Web" -v q -nologo >"$work/build.log" 2>&1 || { tail -n 30 "$work/build.log"; exit 1; }

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# Development serves the theme's and modules' static files straight from the build (no publish step).
(cd "$work/src/src/PLBadges.Web" && ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="http://127.0.0.1:$port" \
  Database__Provider=Sqlite Database__DataFolder="$work/data" Recipes__OnFirstRun=demo \
  Site__PublicBaseUrl="http://127.0.0.1:$port" Mail__PublicBaseUrl="http://127.0.0.1:$port" Mail__SmtpHost= \
  exec dotnet run --no-build --no-launch-profile) >"$work/site.log" 2>&1 &
site_pid=$!
for _ in $(seq 1 180); do
  if curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$site_pid" 2>/dev/null; then tail -n 30 "$work/site.log"; exit 1; fi
  sleep 1
done

mkdir -p "$out"
NODE_PATH="$root/tests/node/node_modules" node "$root/scripts/screenshots.js" "http://127.0.0.1:$port" "$out" "$work/data" "$set_name"
echo "Screenshots of $commit in ${out#"$root"/}"
