#!/usr/bin/env bash
# Install PostgreSQL, Redis and nginx from Debian's packages when any is missing (production mode and its tests).
# Needs root or sudo the first time; does nothing when all three are there.
set -euo pipefail

missing=()
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || missing+=(redis-server)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
[ ${#missing[@]} -eq 0 ] && exit 0

as_root=()
if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
        echo "prod: ${missing[*]} missing; install them (apt-get install ${missing[*]}) or run as root" >&2
        exit 1
    fi
    as_root=(sudo)
fi
echo "prod: installing ${missing[*]} from Debian's packages" >&2
export DEBIAN_FRONTEND=noninteractive
# the packages' own services are not wanted: our instances run on their own ports in a temporary folder
"${as_root[@]}" apt-get update -qq >&2
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
