#!/usr/bin/env bash
# What the tests need, installed only where missing: Debian packages (as root, or through `sudo -n`),
# the .NET local tools and packages, and the Node packages of tests/node from its lockfile (into
# tests/node/node_modules, never globally). scripts/test.sh runs this first; run it alone to prepare a
# machine. Later work adds its needs to the lists below.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests use; "package:command" is satisfied by that command from elsewhere too.
packages=(
  chromium             # Playwright drives Debian's Chromium
  postgresql           # test.sh starts a throwaway cluster
  python3-aiosmtpd     # a real SMTP server
  python3-icalendar    # an independent iCalendar parser
  poppler-utils        # pdftotext, pdffonts, pdftoppm: an independent PDF reader for the typesetting and certificate tests
  zbar-tools           # zbarimg: reads the certificates' QR codes back
  openssh-server       # sshd: a real SFTP server for the roster sync tests (each test starts its own on 127.0.0.1)
  nodejs:node          # independent verifiers and protocol peers from npm
  npm:npm
)

missing=()
for entry in "${packages[@]}"; do
  package=${entry%%:*}
  command=${entry#"$package"}
  command=${command#:}
  if [ -n "$command" ] && command -v "$command" >/dev/null 2>&1; then
    continue
  fi
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
  as_root=()
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      as_root=(sudo -n)
    else
      echo "The tests need these Debian packages, and this user can neither install them nor use sudo without a password: ${missing[*]}. Install them (apt-get install ${missing[*]}) and run again." >&2
      exit 1
    fi
  fi
  echo "Installing Debian packages for the tests: ${missing[*]}"
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# .NET: the local tools (dotnet-ef) and the solution's packages.
dotnet tool restore >/dev/null
dotnet restore PLBadges.sln --verbosity quiet

# Node packages for the tests, exactly as the committed lockfile pins them; reinstalled only when the
# lockfile changed since the last install.
if [ -f tests/node/package-lock.json ]; then
  stamp=tests/node/node_modules/.lock-sha256
  want=$(sha256sum tests/node/package-lock.json | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "Installing the tests' Node packages (tests/node, npm ci)"
    npm ci --prefix tests/node --no-audit --no-fund --ignore-scripts --loglevel=error
    echo "$want" > "$stamp"
  fi
fi
