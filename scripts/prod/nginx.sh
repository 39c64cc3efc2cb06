#!/usr/bin/env bash
# nginx in front of production mode: `nginx.sh start DIR PORT WEB_PORT RASA_PORT...` | `nginx.sh stop DIR`
# (`nginx.sh config ...`, same arguments as start: only writes DIR/nginx/nginx.conf).
# One public address (127.0.0.1:PORT, or RATIFY_PUBLIC_HOST): the chat page and /api/ go to the web app,
# /webhooks/ round-robin to the Rasa servers, /socket.io/ to the Rasa servers by client address (a socket.io
# session lives in one server's memory; the conversation itself is in the shared tracker store).
# The REST channel (/webhooks/rest/) is published only when RATIFY_REST_TOKEN is set (the channel then requires
# it); requests and connections per client address are limited (429 beyond), look-ups by code most of all.
set -euo pipefail

action=$1 dir=$2
conf="$dir/nginx/nginx.conf"
case $action in
start|config)
    port=$3 web_port=$4
    shift 4
    [ $# -gt 0 ] || { echo "usage: $0 start DIR PORT WEB_PORT RASA_PORT..." >&2; exit 2; }
    servers=""
    for rasa_port in "$@"; do
        servers+="        server 127.0.0.1:$rasa_port max_fails=1 fail_timeout=5s;"$'\n'
    done
    mkdir -p "$dir/nginx"
    user_line=""
    [ "$(id -u)" -eq 0 ] && user_line="user nobody nogroup;"
    # the REST channel takes any sender id of its own namespace: not public without its token; with it, its
    # clients are servers speaking for many people, limited more loosely
    rest="return 404;"
    [ -n "${RATIFY_REST_TOKEN:-}" ] && rest="limit_req zone=rest burst=200 nodelay; proxy_pass http://rasa;"
    cat > "$conf" <<CONF
$user_line
worker_processes 1;
pid $dir/nginx/nginx.pid;
error_log $dir/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log $dir/nginx/access.log;
    client_body_temp_path $dir/nginx/client_body;
    proxy_temp_path $dir/nginx/proxy;
    fastcgi_temp_path $dir/nginx/fastcgi;
    uwsgi_temp_path $dir/nginx/uwsgi;
    scgi_temp_path $dir/nginx/scgi;
    client_max_body_size 1m;
    server_tokens off;
    # per client address: chat traffic, the REST channel, look-ups of saved checks by code, everything else
    map \$request_method \$lookup_key { GET \$binary_remote_addr; default ""; }
    limit_req_zone \$binary_remote_addr zone=chat:10m rate=10r/s;
    limit_req_zone \$binary_remote_addr zone=rest:10m rate=100r/s;
    limit_req_zone \$lookup_key zone=lookup:10m rate=30r/m;
    limit_req_zone \$binary_remote_addr zone=pages:10m rate=20r/s;
    limit_conn_zone \$binary_remote_addr zone=per_client:10m;
    limit_req_status 429;
    limit_conn_status 429;
    upstream rasa {
$servers        keepalive 32;
    }
    upstream rasa_socketio {
        ip_hash;
$servers    }
    upstream web { server 127.0.0.1:$web_port; }
    map \$http_upgrade \$connection_upgrade { default upgrade; '' ''; }
    server {
        listen ${RATIFY_PUBLIC_HOST:-127.0.0.1}:$port;
        proxy_set_header Host \$http_host;
        proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
        proxy_set_header X-Real-IP \$remote_addr;
        proxy_read_timeout 60s;
        limit_conn per_client 100;
        proxy_hide_header X-Content-Type-Options;  # the web app sends it too: once is enough
        add_header X-Content-Type-Options nosniff always;
        location /webhooks/ {
            limit_req zone=chat burst=100 nodelay;  # Telegram, Slack and Meta each post from a few addresses
            proxy_pass http://rasa;
            location /webhooks/rest/ { $rest }
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            # a dead server (refused, or a kept-alive connection reset): the message goes to the other one. POSTs
            # are retried too (non_idempotent): Rasa stores a turn only once it is handled, so a server that died
            # before answering stored nothing. Not on a timeout: a slow answer must not be handled twice.
            proxy_next_upstream error http_502 http_503 non_idempotent;
        }
        location /socket.io/ {
            limit_req zone=chat burst=40 nodelay;
            proxy_pass http://rasa_socketio;
            proxy_http_version 1.1;
            proxy_set_header Upgrade \$http_upgrade;
            proxy_set_header Connection \$connection_upgrade;
        }
        location = /rasa/ { proxy_pass http://rasa/webhooks/rest/; }  # up or not; Rasa's / would tell its version
        location /api/assess/ { limit_req zone=lookup burst=10 nodelay; proxy_pass http://web; }
        location = /api/assess { limit_req zone=pages burst=50 nodelay; proxy_pass http://web; }  # else a 301 to /
        location / { limit_req zone=pages burst=50 nodelay; proxy_pass http://web; }
    }
}
CONF
    [ "$action" = config ] && exit 0
    nginx -t -q -c "$conf" -e "$dir/nginx/error.log"
    nginx -c "$conf" -e "$dir/nginx/error.log"
    ;;
stop)
    if [ -s "$dir/nginx/nginx.pid" ]; then
        nginx -c "$conf" -e "$dir/nginx/error.log" -s quit 2>/dev/null || kill "$(cat "$dir/nginx/nginx.pid")" 2>/dev/null || true
    fi
    ;;
*)
    echo "usage: $0 start|config DIR PORT WEB_PORT RASA_PORT... | stop DIR" >&2; exit 2
    ;;
esac
