"""Command line: `python -m bot <command>`. Each command lives in its own module with `register(subparsers)`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from bot import cli_assess, cli_knowledge, cli_nlp, cli_trainer, cli_web

COMMANDS = [cli_knowledge, cli_nlp, cli_assess, cli_web, cli_trainer]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description="ILO Ratify Assistant tools")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.register(subparsers)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # e.g. `python -m bot assess x.yml --json | head`: the reader left, nothing is wrong
        sys.stderr.close()
        sys.exit(0)
