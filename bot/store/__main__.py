"""`python -m bot.store [--url URL] [--reach-only]`: migrate the schema (or only check the connection) before
the servers start; a database that cannot be reached gives one line and exit status 1, never a stack trace."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from bot.store.database import StoreUnavailable, database_url, first_line, open_engine, reach


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.store", description="Migrate the project's database.")
    parser.add_argument("--url", help="SQLAlchemy URL (default: RATIFY_DATABASE_URL, else var/ratify.db)")
    parser.add_argument("--reach-only", action="store_true", help="only check that the database answers")
    args = parser.parse_args(argv)
    url = args.url or database_url()
    try:
        if args.reach_only:
            reach(url)
        else:
            open_engine(url).dispose()
    except StoreUnavailable as exc:
        print(exc, file=sys.stderr)
        return 1
    except SQLAlchemyError as exc:  # e.g. missing rights on the schema: still one line
        shown = make_url(url).render_as_string(hide_password=True)
        print(f"cannot prepare the database at {shown}: {first_line(exc)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
