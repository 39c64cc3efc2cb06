#!/usr/bin/env bash
# apt_install.sh WHO PACKAGE...: install Debian packages with apt-get, as root or through sudo. WHO (the calling
# script) names the messages. Used by the setup scripts once they have found a package missing.
set -euo pipefail

who=$1
shift
if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null; then
    as_root=(sudo)
else
    echo "$who: installing $* needs root: apt-get install $*" >&2
    exit 1
fi
if ! command -v apt-get >/dev/null; then
    echo "$who: $* missing and this is not a Debian/Ubuntu system; install them yourself" >&2
    exit 1
fi

echo "$who: installing $* with apt-get"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 "$@" >/dev/null
