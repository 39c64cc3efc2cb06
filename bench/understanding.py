"""`make understanding-report`: ask every held-out question (tests/heldout/, judged by bot/nlu/understanding.py) over
REST, print the share of right answers, the confusion of topics and every miss, and write them as JSON.

    python -m bench.understanding --model models/ratify-....tar.gz   # start our bot on free ports, ask, stop it
    python -m bench.understanding --url http://localhost:5005         # ask a bot already running

With --model (scripts/understanding_report.sh), our bot runs as `make run` starts it (bench.servers.ours), with a
fresh tracker store and Rasa's HTTP API behind a one-off token, so each answer's topic is read from the tracker.
Against a running bot, pass its API token (--token) for the same, or the topic is recognised from the reply text.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import secrets
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import aiohttp

from bench.servers import ours, peak_rss_mib
from bot.config import var_dir
from bot.nlu.understanding import (
    HELDOUT_DIR,
    HeldoutError,
    Item,
    Judged,
    Reply,
    after_last_question,
    aggregate,
    judge,
    load_items,
    render,
    reply_from_rest,
)

REST_PATH = "/webhooks/rest/webhook"


@dataclass(frozen=True)
class Bot:
    """A running Rasa server: its base URL and, when its HTTP API is on, the token to read trackers."""

    url: str
    token: str | None = None
    timeout_s: float = 60  # per request


async def ask(session: aiohttp.ClientSession, bot: Bot, sender: str, text: str) -> Reply:
    """One message over REST, and what the tracker says of it when the bot's API can be read."""
    base = bot.url.rstrip("/")
    async with session.post(f"{base}{REST_PATH}", json={"sender": sender, "message": text}) as response:
        response.raise_for_status()
        texts, buttons = reply_from_rest(await response.json())
    if bot.token is None:
        return Reply(texts, buttons)
    async with session.get(f"{base}/conversations/{sender}/tracker", params={"token": bot.token}) as response:
        response.raise_for_status()
        actions, slots = after_last_question((await response.json()).get("events") or [])
    return Reply(texts, buttons, actions, slots)


async def ask_item(session: aiohttp.ClientSession, bot: Bot, item: Item, sender: str) -> list[Judged]:
    replies = [await ask(session, bot, sender, turn.text) for turn in item.turns]
    return judge(item, replies)


async def run_items(items: Sequence[Item], bot: Bot, prefix: str, concurrency: int = 2) -> list[Judged]:
    """Every item in a conversation of its own (sender `<prefix>-<item id>`), the turns of an exchange in order;
    the judged turns in the items' order."""
    limit = asyncio.Semaphore(max(1, concurrency))

    async def one(session: aiohttp.ClientSession, item: Item) -> list[Judged]:
        async with limit:
            return await ask_item(session, bot, item, f"{prefix}-{item.id}")

    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=bot.timeout_s)) as session:
        results = await asyncio.gather(*(one(session, item) for item in items))
    return [judged for result in results for judged in result]


def report(items: Sequence[Item], bot: Bot, prefix: str, out: Path | None = None, concurrency: int = 2,
           pids: Mapping[str, int] | None = None) -> dict:
    """Ask every item, print the report, write it as JSON to `out` (when given); the summary. With the servers'
    `pids`, also their peak memory once every item has been asked (issue 17's goal: Rasa + actions ≤ 1.5 GiB)."""
    summary = aggregate(asyncio.run(run_items(items, bot, prefix, concurrency)))
    summary["topic_source"] = "tracker" if bot.token else "reply text"
    if pids:
        summary["peak_rss_mib_after_heldout"] = {name: peak_rss_mib(pid) for name, pid in pids.items()}
    print(render(summary))
    if pids:
        print(f"understanding: peak memory of the servers after the held-out set: "
              f"{summary['peak_rss_mib_after_heldout']} MiB")
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"understanding: results in {out}")
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.understanding", description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--model", help="start our bot with this model (scripts/train.sh prints it), ask, stop it")
    where.add_argument("--url", help="ask the Rasa server already running here, e.g. http://localhost:5005")
    parser.add_argument("--token", help="with --url: the Rasa HTTP API's auth token (topics from the tracker)")
    parser.add_argument("--prefix", help="sender ids are <prefix>-<item id> (default with --url: heldout-<time>, so "
                                         "that a bot keeping its conversations starts every item afresh)")
    parser.add_argument("--concurrency", type=int, default=2, help="items asked at once")
    parser.add_argument("--heldout", type=Path, default=HELDOUT_DIR, help="the held-out folder")
    parser.add_argument("--out", type=Path, default=var_dir() / "results" / "understanding.json")
    args = parser.parse_args(argv)
    try:
        items = load_items(args.heldout)
    except HeldoutError as error:
        print(f"understanding: {error}", file=sys.stderr)
        return 2
    if args.url:
        prefix = args.prefix or f"heldout-{time.strftime('%Y%m%dT%H%M%S')}"
        report(items, Bot(args.url, args.token), prefix, args.out, args.concurrency)
        return 0
    work = Path(tempfile.mkdtemp(prefix="ratify-understanding-"))
    token = secrets.token_hex(16)  # the HTTP API of this private server only
    print(f"understanding: starting the servers (logs in {work})", flush=True)
    with ours(work, args.model, api_token=token) as running:
        report(items, Bot(running.webhook.removesuffix(REST_PATH), token), args.prefix or "heldout", args.out,
               args.concurrency, running.pids)
    return 0


if __name__ == "__main__":
    sys.exit(main())
