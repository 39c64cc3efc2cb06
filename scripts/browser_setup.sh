#!/usr/bin/env bash
# Install headless Chromium and its WebDriver from Debian's packages when they are missing (the browser test uses
# them). Prints nothing when both are already there. Needs root or sudo for apt-get.
set -euo pipefail

find_browser() { command -v chromium || command -v chromium-browser || true; }

if [ -n "$(find_browser)" ] && command -v chromedriver >/dev/null; then
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null; then
    as_root=(sudo)
else
    echo "browser_setup: Chromium is missing and installing it needs root: apt-get install chromium chromium-driver" >&2
    exit 1
fi
if ! command -v apt-get >/dev/null; then
    echo "browser_setup: Chromium and chromedriver are missing and this is not a Debian/Ubuntu system;" \
         "install them and put them on PATH" >&2
    exit 1
fi

echo "browser_setup: installing Chromium and chromedriver with apt-get (a minute or two)"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
echo "browser_setup: $("$(find_browser)" --version)"
