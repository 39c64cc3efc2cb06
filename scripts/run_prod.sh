#!/usr/bin/env bash
# `make run-prod`: production mode on this machine. PostgreSQL (tracker store and the project's own database),
# Redis (lock store), RATIFY_RASA_SERVERS Rasa servers (default 2) behind nginx, one action server, the web app.
# Without RATIFY_PG_HOST it starts its own PostgreSQL and Redis (state kept in RATIFY_PROD_DIR, default var/prod);
# with RATIFY_PG_* / RATIFY_REDIS_* / RATIFY_DATABASE_URL set it uses those. The servers run under supervisord
# (bot/cli/supervise.py): each is started again when it stops (a crash, kill -9); `.venv/bin/supervisorctl -c
# RATIFY_PROD_DIR/run/supervisord.conf status|pid NAME|stop NAME|start NAME` reaches them (NAME: actions, web,
# rasa-PORT). Once all answer, it writes RATIFY_PROD_DIR/run/addresses.env (the ports) and run/ready. Ctrl-C stops
# everything.
set -euo pipefail
cd "$(dirname "$0")/.."

PROD_DIR=${RATIFY_PROD_DIR:-var/prod}
mkdir -p "$PROD_DIR"
PROD_DIR=$(cd "$PROD_DIR" && pwd)
LOGS=$PROD_DIR/log RUN=$PROD_DIR/run
mkdir -p "$LOGS" "$RUN"
rm -f "$RUN/ready"
PUBLIC_PORT=${RATIFY_PUBLIC_PORT:-8080}
ACTIONS_PORT=${RATIFY_ACTIONS_PORT:-5055}
if [ -n "${RATIFY_RASA_PORTS:-}" ]; then
    read -r -a RASA_PORTS <<<"$RATIFY_RASA_PORTS"
else
    RASA_PORTS=()
    for i in $(seq 0 $((${RATIFY_RASA_SERVERS:-2} - 1))); do RASA_PORTS+=($((5005 + i))); done
fi
export RATIFY_WEB_PORT=${RATIFY_WEB_PORT:-8000}
export RATIFY_WEB_URL=${RATIFY_WEB_URL:-http://localhost:$PUBLIC_PORT}  # the chat page, through nginx
export RATIFY_SOCKET_URL=${RATIFY_SOCKET_URL:-$RATIFY_WEB_URL}          # socket.io, through nginx too
export RATIFY_ACTIONS_URL=${RATIFY_ACTIONS_URL:-http://127.0.0.1:$ACTIONS_PORT/webhook}

supervisord="" own_services=0 current=""
cleanup() {
    set +e
    [ -n "$current" ] && kill "$current" 2>/dev/null && wait "$current" 2>/dev/null
    [ -n "$supervisord" ] && kill "$supervisord" 2>/dev/null && wait "$supervisord" 2>/dev/null  # stops the servers
    bash scripts/prod/nginx.sh stop "$PROD_DIR"
    if [ "$own_services" = 1 ]; then
        bash scripts/prod/services.sh stop "$PROD_DIR/services"
    fi
}
trap cleanup EXIT
trap 'echo; echo "run-prod: stopping"; exit 0' INT TERM

# step COMMAND...: run it in the background and wait, so that a TERM stops production mode at once, even here
step() {
    "$@" &
    current=$!
    wait "$current"
    current=""
}

step bash scripts/setup.sh
step bash scripts/web_setup.sh
step .venv/bin/python -m channels.config --out "$RUN/credentials.yml"
if [ -z "${RATIFY_MODEL:-}" ]; then
    step bash -c 'set -o pipefail; bash scripts/train.sh | tail -n 1 >"$1"' _ "$RUN/model"
    RATIFY_MODEL=$(cat "$RUN/model")
fi
model=$RATIFY_MODEL

if [ -z "${RATIFY_PG_HOST:-}" ]; then
    own_services=1
    step bash scripts/prod/services.sh start "$PROD_DIR/services"
    # shellcheck source=/dev/null
    source "$PROD_DIR/services/services.env"
fi

# the project's schema migrated, the tracker database and Redis reachable: else one line and exit status 1
step .venv/bin/python scripts/prod/preflight.py

# every server listens on this machine only; nginx is the one public address
programs=(actions env SANIC_HOST=127.0.0.1 .venv/bin/rasa run actions --port "$ACTIONS_PORT" --actions actions)
ready=("http://127.0.0.1:$ACTIONS_PORT/health")
echo "run-prod: action server on port $ACTIONS_PORT"
for port in "${RASA_PORTS[@]}"; do
    echo "run-prod: Rasa server on 127.0.0.1:$port with $model"
    programs+=(-- "rasa-$port" bash scripts/prod/rasa.sh "$port" "$model" "$RUN/credentials.yml")
    ready+=("http://127.0.0.1:$port/")
done
echo "run-prod: web app on port $RATIFY_WEB_PORT"
programs+=(-- web .venv/bin/python -m web --port "$RATIFY_WEB_PORT")
step .venv/bin/python -m bot.cli.supervise config "$RUN/supervisord.conf" "$RUN" "$LOGS" "${programs[@]}"
.venv/bin/supervisord -c "$RUN/supervisord.conf" &
supervisord=$!
step bash scripts/prod/nginx.sh start "$PROD_DIR" "$PUBLIC_PORT" "$RATIFY_WEB_PORT" "${RASA_PORTS[@]}"
ready+=("http://127.0.0.1:$RATIFY_WEB_PORT/api/health" "http://127.0.0.1:$PUBLIC_PORT/api/health")

# in the background so that Ctrl-C or a TERM stops everything at once, even while waiting
.venv/bin/python -m bot.cli.wait_ready --timeout 600 "${ready[@]}" &
wait $! || {
    echo "run-prod: the servers did not start; see $LOGS/" >&2
    exit 1
}
cat <<MSG

The ILO Ratify Assistant is ready (production mode, ${#RASA_PORTS[@]} Rasa servers).
  Chat in your browser:   $RATIFY_WEB_URL/
  Over HTTP:              curl -s -X POST $RATIFY_WEB_URL/webhooks/rest/webhook -H 'Authorization: Bearer TOKEN' \\
                            -H 'Content-Type: application/json' -d '{"sender": "me", "message": "hello"}'
                          (only with RATIFY_REST_TOKEN set, TOKEN its value; without it the REST channel is not public)
  Logs:                   $LOGS/
Press Ctrl-C to stop.
MSG
cat >"$RUN/addresses.env" <<ENV
RATIFY_PUBLIC_PORT=$PUBLIC_PORT
RATIFY_RASA_PORTS="${RASA_PORTS[*]}"
RATIFY_ACTIONS_PORT=$ACTIONS_PORT
RATIFY_WEB_PORT=$RATIFY_WEB_PORT
ENV
touch "$RUN/ready"
wait "$supervisord" || true
supervisord=""
echo "run-prod: a server could not be kept running; see $LOGS/" >&2
exit 1
