"""`python -m bot.cli.wait_ready URL...`: wait until every URL answers HTTP 200 (used by `make run` and tests)."""

from __future__ import annotations

import argparse
import sys
import time
import urllib.error
import urllib.request


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as reply:
            return reply.status == 200
    except (urllib.error.URLError, OSError):
        return False


def wait_ready(urls: list[str], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    pending = list(urls)
    while pending and time.monotonic() < deadline:
        pending = [url for url in pending if not answers(url)]
        if pending:
            time.sleep(0.5)
    return not pending


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("urls", nargs="+")
    parser.add_argument("--timeout", type=float, default=120)
    args = parser.parse_args()
    return 0 if wait_ready(args.urls, args.timeout) else 1


if __name__ == "__main__":
    sys.exit(main())
