"""`python scripts/prod/preflight.py`: before production mode starts its servers, reach every store it needs.

Migrates the project's database (RATIFY_DATABASE_URL) to the newest Alembic revision, and checks Rasa's tracker
database (RATIFY_PG_*) and the Redis lock store (RATIFY_REDIS_*). A store that cannot be reached gives one line,
e.g. `cannot reach PostgreSQL at postgresql://ratify:***@127.0.0.1:5432/ratify_tracker: Connection refused`, and
exit status 1: Rasa itself would wait for ever on an unreachable tracker database, and fall back to a private
in-memory store when the lock store is missing.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

import redis
from sqlalchemy.engine import URL

from bot.store.__main__ import main as migrate_store
from bot.store.database import StoreUnavailable, reach

TIMEOUT_S = 10


def tracker_url(env: Mapping[str, str]) -> str:
    url = URL.create("postgresql", username=env["RATIFY_PG_USER"], password=env["RATIFY_PG_PASSWORD"],
                     host=env["RATIFY_PG_HOST"], port=int(env["RATIFY_PG_PORT"]), database=env["RATIFY_PG_TRACKER_DB"])
    return url.render_as_string(hide_password=False)


def reach_redis(env: Mapping[str, str]) -> None:
    host, port = env["RATIFY_REDIS_HOST"], int(env["RATIFY_REDIS_PORT"])
    client = redis.Redis(host=host, port=port, password=env.get("RATIFY_REDIS_PASSWORD") or None,
                         socket_connect_timeout=TIMEOUT_S, socket_timeout=TIMEOUT_S)
    try:
        client.ping()
    except redis.RedisError as exc:
        raise StoreUnavailable(f"cannot reach Redis at {host}:{port}: {str(exc).splitlines()[0]}") from None
    finally:
        client.close()


def main() -> int:
    env = os.environ
    missing = [name for name in ("RATIFY_DATABASE_URL", "RATIFY_PG_HOST", "RATIFY_PG_PORT", "RATIFY_PG_USER",
                                 "RATIFY_PG_PASSWORD", "RATIFY_PG_TRACKER_DB", "RATIFY_REDIS_HOST",
                                 "RATIFY_REDIS_PORT") if not env.get(name)]
    if missing:
        print(f"production mode needs {', '.join(missing)} (README, 'Production')", file=sys.stderr)
        return 1
    if migrate_store([]) != 0:
        return 1
    try:
        reach(tracker_url(env))
        reach_redis(env)
    except StoreUnavailable as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
