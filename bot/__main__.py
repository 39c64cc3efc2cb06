"""`python -m bot <command>`: the command line (`bot.cli`)."""

import sys

from bot.cli import main

if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # e.g. `python -m bot assess x.yml --json | head`: the reader left, nothing is wrong
        sys.stderr.close()
        sys.exit(0)
