#!/usr/bin/env bash
# `make understanding-report`: the share of right answers on the held-out questions (tests/heldout/), which the
# model never trains on. Trains only if the model is out of date, starts the action server and the Rasa server on
# free ports (bench/servers.py), asks every question over REST, prints the figures, the confusion of topics and
# every miss (also in var/results/understanding.json), and stops the servers.
set -euo pipefail
cd "$(dirname "$0")/.."

model=$(bash scripts/train.sh | tail -n 1)
exec .venv/bin/python -m bench.understanding --model "$model" --out var/results/understanding.json "$@"
