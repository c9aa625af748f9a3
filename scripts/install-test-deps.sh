#!/usr/bin/env bash
# Installs what the tests need on Debian (run as root): Chromium for Playwright, a PostgreSQL
# server, aiosmtpd (a real SMTP server) with Python's icalendar as an independent parser, and poppler-utils
# (pdftotext, pdffonts: an independent PDF reader for the typesetting tests).
set -euo pipefail
packages=(chromium postgresql python3-aiosmtpd python3-icalendar poppler-utils)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The distribution's own cluster is not used by the tests; scripts/test.sh starts a throwaway one.
echo "Test dependencies present: ${packages[*]}"
