#!/usr/bin/env bash
# Install the web chat widget (npm, pinned by package-lock.json) into node_modules/; does nothing when it is
# already installed from the current lock file. The page server serves the widget from there: no CDN at run time.
set -euo pipefail
cd "$(dirname "$0")/.."

STAMP=node_modules/.ratify-lock
wanted=$(sha256sum package.json package-lock.json | sha256sum | cut -c1-16)
if [ -f node_modules/rasa-webchat/lib/index.js ] && [ "$(cat "$STAMP" 2>/dev/null)" = "$wanted" ]; then
    exit 0
fi

if ! command -v npm >/dev/null; then
    echo "web_setup: npm is required to install the chat widget (install Node.js 18 or later)" >&2
    exit 1
fi
echo "web_setup: installing the chat widget with npm ci (about a minute the first time)"
# --ignore-scripts: the widget ships a built bundle, no install script of any dependency needs to run
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
echo "$wanted" > "$STAMP"
echo "web_setup: done"
