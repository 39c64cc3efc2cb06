"""Command line: `python -m bot <command>`. Each command lives in its own module with `register(subparsers)`."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from bot.cli import assess, knowledge, nlp, trainer

COMMANDS = [knowledge, nlp, assess, trainer]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description="ILO Ratify Assistant tools")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.register(subparsers)
    args = parser.parse_args(argv)
    return args.run(args)
