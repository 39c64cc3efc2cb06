#!/usr/bin/env bash
# One Rasa server of production mode: `rasa.sh PORT MODEL CREDENTIALS` (replaces itself with `rasa run`),
# listening on 127.0.0.1 only (nginx is the public address).
# Stores from scripts/prod/endpoints.yml (the RATIFY_PG_*, RATIFY_REDIS_*, RATIFY_ACTIONS_URL variables). Rasa's
# HTTP API (/conversations, /model...) stays off unless RATIFY_RASA_API_TOKEN is set, and then needs that token.
set -euo pipefail
cd "$(dirname "$0")/../.."

port=$1 model=$2 credentials=$3
api=()
if [ -n "${RATIFY_RASA_API_TOKEN:-}" ]; then
    api=(--enable-api --auth-token "$RATIFY_RASA_API_TOKEN")
fi
exec "${RATIFY_RASA_BIN:-.venv/bin/rasa}" run --interface 127.0.0.1 --model "$model" --port "$port" --credentials "$credentials" \
    --endpoints scripts/prod/endpoints.yml "${api[@]}"
