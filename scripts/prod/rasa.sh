#!/usr/bin/env bash
# One Rasa server of production mode: `rasa.sh PORT MODEL CREDENTIALS` (replaces itself with `rasa run`),
# listening on 127.0.0.1 only (nginx is the public address).
# Stores from scripts/prod/endpoints.yml (the RATIFY_PG_*, RATIFY_REDIS_*, RATIFY_ACTIONS_URL variables). Rasa's
# HTTP API (/conversations, /model...) stays off unless RATIFY_RASA_API_TOKEN is set, and then needs that token
# (passed inside the process by scripts/prod/rasa_run.py, not on the command line).
set -euo pipefail
cd "$(dirname "$0")/../.."

port=$1 model=$2 credentials=$3
# the API token, if any, is added inside the process by rasa_run.py: never on a command line (`ps` shows those)
launcher=(.venv/bin/python scripts/prod/rasa_run.py)
[ -n "${RATIFY_RASA_BIN:-}" ] && launcher=("$RATIFY_RASA_BIN")
exec "${launcher[@]}" run --interface 127.0.0.1 --model "$model" --port "$port" --credentials "$credentials" \
    --endpoints scripts/prod/endpoints.yml
