#!/usr/bin/env bash
# A PostgreSQL instance of our own: `postgres.sh start DIR PORT PASSWORD` | `postgres.sh stop DIR`.
# Data in DIR/pg, listening on 127.0.0.1:PORT only, with the role `ratify` (PASSWORD) owning the databases
# `ratify` (the project's own tables) and `ratify_tracker` (Rasa's tracker store). PostgreSQL refuses to run as
# root: as root it runs as the `postgres` user that Debian's package creates. Over TCP every role needs its
# password (scram-sha-256); over the socket, only the server's own OS user, as the superuser of its name (peer
# authentication, and a socket no other user may open: unix_socket_permissions 0700).
set -euo pipefail

action=$1 dir=$2
bin=${RATIFY_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
[ -x "$bin/pg_ctl" ] || { echo "prod: PostgreSQL is not installed (scripts/prod/install.sh)" >&2; exit 1; }
data="$dir/pg"
run="$dir/pg-run"  # its socket and its log, owned by the server's user

superuser=postgres  # peer authentication: the superuser bears the name of the OS user running the server
[ "$(id -u)" -eq 0 ] || superuser=$(id -un)

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

case $action in
start)
    port=$3 password=$4
    mkdir -p "$data" "$run"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$data" "$run"
    if [ ! -f "$data/PG_VERSION" ]; then
        as_owner "$bin/initdb" -D "$data" -U "$superuser" --auth-local=peer --auth-host=scram-sha-256 \
            --encoding=UTF8 --locale=C.UTF-8 >"$dir/pg-initdb.log" 2>&1 \
            || { echo "prod: initdb failed, see $dir/pg-initdb.log" >&2; exit 1; }
    fi
    as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1 && exit 0  # already running
    as_owner "$bin/pg_ctl" -D "$data" -l "$run/postgres.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $run -c unix_socket_permissions=0700 -c max_connections=200" \
        start >/dev/null
    if [ ! -f "$dir/pg-roles.done" ]; then
        # the password travels in the environment, never on a command line or in a log
        PGPASSWORD_NEW=$password as_owner "$bin/psql" -q -h "$run" -p "$port" -U "$superuser" -d postgres \
            -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
\getenv pw PGPASSWORD_NEW
CREATE ROLE ratify LOGIN PASSWORD :'pw';
CREATE DATABASE ratify OWNER ratify;
CREATE DATABASE ratify_tracker OWNER ratify;
SQL
        touch "$dir/pg-roles.done"
    fi
    ;;
stop)
    if [ -f "$data/postmaster.pid" ]; then
        as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null
    fi
    ;;
*)
    echo "usage: $0 start DIR PORT PASSWORD | stop DIR" >&2; exit 2
    ;;
esac
