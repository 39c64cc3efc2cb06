#!/usr/bin/env bash
# A Redis instance of our own (Rasa's lock store): `redis.sh start DIR PORT PASSWORD` | `redis.sh stop DIR`.
# Listens on 127.0.0.1:PORT only, nothing written to disk; the password is in DIR/redis.conf (mode 600).
set -euo pipefail

action=$1 dir=$2
case $action in
start)
    port=$3 password=$4
    mkdir -p "$dir"
    (umask 077 && cat > "$dir/redis.conf" <<CONF
bind 127.0.0.1
port $port
daemonize yes
pidfile $dir/redis.pid
logfile $dir/redis.log
dir $dir
save ""
appendonly no
requirepass $password
CONF
    )
    redis-server "$dir/redis.conf"
    for _ in $(seq 50); do
        [ -s "$dir/redis.pid" ] && REDISCLI_AUTH=$password redis-cli -p "$port" ping >/dev/null 2>&1 && exit 0
        sleep 0.2
    done
    echo "prod: Redis did not start, see $dir/redis.log" >&2; exit 1
    ;;
stop)
    if [ -s "$dir/redis.pid" ]; then
        kill "$(cat "$dir/redis.pid")" 2>/dev/null || true
        rm -f "$dir/redis.pid"
    fi
    ;;
*)
    echo "usage: $0 start DIR PORT PASSWORD | stop DIR" >&2; exit 2
    ;;
esac
