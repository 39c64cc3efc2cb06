"""`python -m web [--host H] [--port P]`: serve the web app (the chat page, `/api/assess`, the trainer's pages)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from aiohttp import web

from bot.config import web_host, web_port
from web.app import create_app
from web.trainer import token_problem


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m web", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default=None, help="interface to listen on (default: RATIFY_WEB_HOST or 127.0.0.1)")
    parser.add_argument("--port", type=int, default=None, help="port (default: RATIFY_WEB_PORT or 8000)")
    args = parser.parse_args(argv)
    problem = token_problem()
    if problem:
        print(f"web: {problem}", file=sys.stderr)
        return 2
    host = args.host or web_host()
    port = args.port or web_port()
    web.run_app(create_app(), host=host, port=port,
                print=lambda _: print(f"web app on http://{host}:{port}/", flush=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
