#!/usr/bin/env bash
# Headless Chromium for the report's browser test.
# Installs Chromium from Debian's packages when the machine has none, and prints the
# executable's path.
set -euo pipefail

find_chromium() {
  for candidate in /usr/bin/chromium /usr/bin/chromium-browser; do
    if [ -x "$candidate" ]; then echo "$candidate"; return 0; fi
  done
  command -v chromium 2>/dev/null || command -v chromium-browser 2>/dev/null || return 1
}

if ! find_chromium >/dev/null; then
  echo "installing Chromium (Debian packages)..." >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >&2
fi
find_chromium
