#!/usr/bin/env bash
# Finds the system Chromium for the end-to-end tests, installing Debian's package when it is absent and
# we are allowed to (root with apt-get). Playwright never downloads a browser here (docs/stack.md).
set -euo pipefail
for candidate in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then
    echo "$candidate"
    exit 0
  fi
done
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Chromium not found: installing Debian's package (about a minute)..." >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
  echo /usr/bin/chromium
  exit 0
fi
echo "Chromium is needed for the end-to-end tests: install it (Debian: sudo apt-get install -y chromium) or set CHROMIUM_PATH." >&2
exit 1
