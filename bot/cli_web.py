"""`python -m bot web [--host H] [--port P]`: serve the web API (`/api/assess`) with aiohttp."""

from __future__ import annotations

import argparse
import os
import sys

from bot.web import web_port


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("web", help="serve the web API: POST /api/assess, GET /api/assess/{code}")
    parser.add_argument("--host", default=os.environ.get("RATIFY_WEB_HOST", "127.0.0.1"),
                        help="interface to listen on (default: RATIFY_WEB_HOST or 127.0.0.1)")
    parser.add_argument("--port", type=int, default=None, help="port (default: RATIFY_WEB_PORT or 8000)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from aiohttp import web  # the other commands do not need the server

    from bot.web.app import create_app
    from bot.web.trainer import token_problem

    problem = token_problem()
    if problem:
        print(f"web: {problem}", file=sys.stderr)
        return 2
    port = args.port or web_port()
    web.run_app(create_app(), host=args.host, port=port,
                print=lambda _: print(f"web API on http://{args.host}:{port}/api/assess", flush=True))
    return 0
