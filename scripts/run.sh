#!/usr/bin/env bash
# `make run`: set up, train if needed, start the action server and the Rasa server, say where to chat.
# Ctrl-C stops them all.
set -euo pipefail
cd "$(dirname "$0")/.."

ACTIONS_PORT=${RATIFY_ACTIONS_PORT:-5055}
RASA_PORT=${RATIFY_RASA_PORT:-5005}
HOST=${RATIFY_HOST:-127.0.0.1}  # this machine only, unless asked (e.g. RATIFY_HOST=0.0.0.0 in a container)
export RATIFY_WEB_HOST=${RATIFY_WEB_HOST:-$HOST}
export RATIFY_WEB_PORT=${RATIFY_WEB_PORT:-8000}  # the web API; the actions link its instrument downloads
VAR=${RATIFY_VAR_DIR:-var}  # logs, the tracker store, the generated settings (and, by default, ratify.db)
mkdir -p "$VAR/log" "$VAR/run"
VAR=$(cd "$VAR" && pwd)
LOGS=$VAR/log RUN=$VAR/run

bash scripts/setup.sh
bash scripts/web_setup.sh
# REST and the web chat's socket.io, plus each messaging channel whose variables are set (README, "Messaging
# channels"); stops here, naming the variable, when a channel is half configured
.venv/bin/python -m channels.config --out "$VAR/credentials.yml"
model=${RATIFY_MODEL:-$(bash scripts/train.sh | tail -n 1)}  # RATIFY_MODEL: a trained model to serve as it is

# the three servers under supervisord (bot/cli/supervise.py): one that stops (a crash, kill -9) is started again
# while the others keep serving; the chat apologises meanwhile (channels/unavailable.py)
sed -e "s#localhost:5055/#localhost:$ACTIONS_PORT/#" -e "s#\"var/tracker.db\"#\"$VAR/tracker.db\"#" endpoints.yml \
    >"$RUN/endpoints.yml"
.venv/bin/python -m bot.cli.supervise config "$RUN/supervisord.conf" "$RUN" "$LOGS" \
    actions env "SANIC_HOST=$HOST" .venv/bin/rasa run actions --port "$ACTIONS_PORT" --actions actions -- \
    rasa .venv/bin/rasa run --interface "$HOST" --model "$model" --port "$RASA_PORT" \
        --credentials "$VAR/credentials.yml" --endpoints "$RUN/endpoints.yml" -- \
    web .venv/bin/python -m web --port "$RATIFY_WEB_PORT"

supervisord=""
cleanup() {
    [ -z "$supervisord" ] && return
    kill "$supervisord" 2>/dev/null || true  # supervisord stops its servers
    wait "$supervisord" 2>/dev/null || true
}
trap cleanup EXIT
trap 'echo; echo "run: stopping"; exit 0' INT TERM

echo "run: starting the action server on port $ACTIONS_PORT (log: $LOGS/actions.log)"
echo "run: starting the Rasa server on port $RASA_PORT with $model (log: $LOGS/rasa.log)"
echo "run: starting the web API on port $RATIFY_WEB_PORT (log: $LOGS/web.log)"
: >"$LOGS/give_up.log"  # this run's give-up only
.venv/bin/supervisord -c "$RUN/supervisord.conf" &
supervisord=$!

.venv/bin/python -m bot.cli.wait_ready --timeout 300 \
    "http://localhost:$ACTIONS_PORT/health" "http://localhost:$RASA_PORT/" "http://localhost:$RATIFY_WEB_PORT/api/health" || {
    echo "run: the servers did not start; see $LOGS/actions.log, $LOGS/rasa.log and $LOGS/web.log" >&2
    exit 1
}

cat <<MSG

The ILO Ratify Assistant is ready.
  Chat in your browser:   http://localhost:$RATIFY_WEB_PORT/
  Web API:                http://localhost:$RATIFY_WEB_PORT/api/assess  (POST the answers as JSON; GET /api/assess/{code})
  Chat in the terminal:   make shell
  Or over HTTP:           curl -s -X POST http://localhost:$RASA_PORT/webhooks/rest/webhook \\
                            -H 'Content-Type: application/json' -d '{"sender": "me", "message": "hello"}'
MSG
if [ -n "${RATIFY_TRAINER_TOKEN:-}" ]; then
    echo "  Trainer sessions:       http://localhost:$RATIFY_WEB_PORT/trainer  (the token is RATIFY_TRAINER_TOKEN)"
fi
echo "Servers that stop are started again (status: .venv/bin/supervisorctl -c $RUN/supervisord.conf status)."
echo "Press Ctrl-C to stop."
wait "$supervisord" || true
supervisord=""
# Ctrl-C reaches supervisord too, which may stop before this script's trap runs: only the give-up listener's
# message (bot/cli/supervise.py) means that a server could not be kept running
if ! grep -qs "giving up" "$LOGS/give_up.log"; then
    echo; echo "run: stopping"
    exit 0
fi
echo "run: a server could not be kept running; see $LOGS/" >&2
exit 1
