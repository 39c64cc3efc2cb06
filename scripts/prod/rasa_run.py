"""`python scripts/prod/rasa_run.py ARGS...`: `rasa ARGS...`, with Rasa's HTTP API switched on and its token set
from RATIFY_RASA_API_TOKEN inside the process, so that the token never appears on a command line (`ps`)."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence

TOKEN_VARIABLE = "RATIFY_RASA_API_TOKEN"


def rasa_argv(args: Sequence[str], env: Mapping[str, str]) -> list[str]:
    """Rasa's arguments: `args`, plus `--enable-api --auth-token TOKEN` when the token is set."""
    token = env.get(TOKEN_VARIABLE, "").strip()
    return ["rasa", *args, *(["--enable-api", "--auth-token", token] if token else [])]


if __name__ == "__main__":
    sys.argv = rasa_argv(sys.argv[1:], os.environ)
    from rasa.__main__ import main

    main()
