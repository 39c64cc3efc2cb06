#!/usr/bin/env bash
# Install headless Chromium and its WebDriver from Debian's packages when they are missing (the browser test uses
# them). Prints nothing when both are already there. Needs root or sudo for apt-get (apt_install.sh).
set -euo pipefail

find_browser() { command -v chromium || command -v chromium-browser || true; }

if [ -n "$(find_browser)" ] && command -v chromedriver >/dev/null; then
    exit 0
fi

bash "$(dirname "$0")/apt_install.sh" browser_setup chromium chromium-driver
echo "browser_setup: $("$(find_browser)" --version)"
