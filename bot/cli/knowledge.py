"""`python -m bot knowledge check`: load and validate the knowledge base, print what each file holds."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from bot import knowledge


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("knowledge", help="inspect the knowledge base")
    actions = parser.add_subparsers(dest="knowledge_command", required=True)
    check = actions.add_parser("check", help="load and validate every file, print counts per file")
    check.add_argument("--dir", type=Path, default=None, help="knowledge directory (default: data/knowledge)")
    check.set_defaults(run=run_check)


def run_check(args: argparse.Namespace) -> int:
    directory = args.dir or knowledge.knowledge_dir()
    started = time.perf_counter()
    try:
        loaded = knowledge.load_from(Path(directory))
    except knowledge.KnowledgeError as exc:
        print(f"knowledge base invalid: {exc}", file=sys.stderr)
        return 1
    elapsed_ms = (time.perf_counter() - started) * 1000
    for name, summary in loaded.summaries():
        print(f"{name:<20} {summary}")
    print(f"loaded and validated in {elapsed_ms:.0f} ms from {directory}")
    return 0
