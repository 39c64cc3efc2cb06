#!/usr/bin/env bash
# The shared services of production mode on this machine: `services.sh start DIR` | `services.sh stop DIR`.
# Installs PostgreSQL and Redis when missing, starts them on free local ports with fresh passwords, and writes
# DIR/services.env (mode 600) with the RATIFY_PG_* / RATIFY_REDIS_* / RATIFY_DATABASE_URL settings that
# scripts/prod/endpoints.yml and the web app read. A DIR that already has services.env keeps its ports,
# passwords and data.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

action=$1 dir=$2
case $action in
start)
    bash "$here/install.sh"
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    chmod 755 "$dir"  # the postgres user must reach its data folder inside
    if [ ! -f "$dir/services.env" ]; then
        free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
        secret() { python3 -c 'import secrets; print(secrets.token_hex(16))'; }
        pg_port=${RATIFY_PG_PORT:-$(free_port)}
        redis_port=${RATIFY_REDIS_PORT:-$(free_port)}
        pg_password=$(secret)
        (umask 077 && cat > "$dir/services.env" <<ENV
export RATIFY_PG_HOST=127.0.0.1
export RATIFY_PG_PORT=$pg_port
export RATIFY_PG_USER=ratify
export RATIFY_PG_PASSWORD=$pg_password
export RATIFY_PG_TRACKER_DB=ratify_tracker
export RATIFY_DATABASE_URL=postgresql://ratify:$pg_password@127.0.0.1:$pg_port/ratify
export RATIFY_REDIS_HOST=127.0.0.1
export RATIFY_REDIS_PORT=$redis_port
export RATIFY_REDIS_PASSWORD=$(secret)
ENV
        )
    fi
    # shellcheck source=/dev/null
    source "$dir/services.env"
    bash "$here/postgres.sh" start "$dir" "$RATIFY_PG_PORT" "$RATIFY_PG_PASSWORD"
    bash "$here/redis.sh" start "$dir" "$RATIFY_REDIS_PORT" "$RATIFY_REDIS_PASSWORD"
    echo "prod: PostgreSQL on 127.0.0.1:$RATIFY_PG_PORT, Redis on 127.0.0.1:$RATIFY_REDIS_PORT (state in $dir)" >&2
    ;;
stop)
    bash "$here/redis.sh" stop "$dir"
    bash "$here/postgres.sh" stop "$dir"
    ;;
*)
    echo "usage: $0 start DIR | stop DIR" >&2; exit 2
    ;;
esac
