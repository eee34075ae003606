#!/usr/bin/env bash
# Installs what mdbrief needs and is missing: Debian packages (Chromium, fonts, poppler, canvas build deps), then npm
# dependencies (npm ci, only when package-lock.json changed since the last install). A second run is a quick check.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(
  chromium fonts-dejavu-core fonts-noto-core fonts-noto-cjk fonts-liberation2 poppler-utils
  build-essential python3 pkg-config libcairo2-dev libpango1.0-dev libjpeg-dev libgif-dev librsvg2-dev
)

# One dpkg-query for all packages: a second run of make must stay a quick check. dpkg-query exits 1 when it knows
# none of some package (a new machine), which must not stop the script under pipefail.
installed=$( (dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${apt_packages[@]}" 2>/dev/null || true) | awk '$2 == "installed" {print $1}')
missing=()
for pkg in "${apt_packages[@]}"; do
  grep -qx "$pkg" <<<"$installed" || missing+=("$pkg")
done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "mdbrief setup: missing Debian packages: ${missing[*]}" >&2
    echo "mdbrief setup: install them as root: apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "mdbrief setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm ci only when the lockfile differs from the one last installed (node_modules/.mdbrief-lock holds a copy).
if ! cmp -s package-lock.json node_modules/.mdbrief-lock 2>/dev/null; then
  echo "mdbrief setup: npm ci"
  PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund
  cp package-lock.json node_modules/.mdbrief-lock
fi
