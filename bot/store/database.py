"""The database connection: URL from the environment, schema migrated with Alembic on first use."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import OperationalError

from bot.paths import var_dir

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class StoreUnavailable(RuntimeError):
    """The database cannot be reached or migrated; the message says which one, without the password."""


def database_url() -> str:
    return os.environ.get("RATIFY_DATABASE_URL") or f"sqlite:///{var_dir() / 'ratify.db'}"


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (creates it on an empty database)."""
    config = alembic_config(str(engine.url))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


@lru_cache(maxsize=8)
def open_engine(url: str | None = None) -> Engine:
    """An engine for `url` (default: `database_url()`), its schema migrated; one per URL per process."""
    url = url or database_url()
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, future=True, pool_pre_ping=True)
    try:
        migrate(engine)
    except OperationalError as exc:
        raise StoreUnavailable(
            f"cannot reach the database at {parsed.render_as_string(hide_password=True)}: {exc.orig}"
        ) from None
    return engine
