"""`make understanding-report` (scripts/understanding_report.sh): start our bot as `make run` does, on free ports
and with a fresh tracker store, ask it every held-out question (tests/heldout/, bot/nlu/understanding.py) over REST,
reading each answer's topic from the tracker, print the report and write it as JSON; then stop the servers."""

from __future__ import annotations

import argparse
import secrets
import sys
import tempfile
from pathlib import Path

from bench.servers import ours
from bot.nlu.understanding import HELDOUT_DIR, Bot, items_or_complaint, report
from bot.paths import var_dir

REST_PATH = "/webhooks/rest/webhook"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.understanding", description=__doc__)
    parser.add_argument("--model", required=True, help="the trained model (scripts/train.sh prints it)")
    parser.add_argument("--heldout", type=Path, default=HELDOUT_DIR)
    parser.add_argument("--out", type=Path, default=var_dir() / "results" / "understanding.json")
    args = parser.parse_args(argv)
    items = items_or_complaint(args.heldout)
    if items is None:
        return 2
    work = Path(tempfile.mkdtemp(prefix="ratify-understanding-"))
    token = secrets.token_hex(16)  # the HTTP API of this private server only
    print(f"understanding: starting the servers (logs in {work})", flush=True)
    with ours(work, args.model, api_token=token) as running:
        report(items, Bot(running.webhook.removesuffix(REST_PATH), token), "heldout", args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
