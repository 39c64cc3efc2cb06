"""The database connection: URL from the environment, schema migrated with Alembic on first use.

An unreachable database raises `StoreUnavailable` with one line, `cannot reach PostgreSQL at
postgresql://ratify:***@host:port/db: <reason>`; `python -m bot.store` (production mode's start) prints it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from bot.config import database_url

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
CONNECT_TIMEOUT_S = 10
BACKEND_TITLES = {"postgresql": "PostgreSQL", "sqlite": "SQLite", "mysql": "MySQL", "mariadb": "MariaDB"}


class StoreUnavailable(RuntimeError):
    """The database cannot be reached or migrated; the message says which one, without the password."""


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


def unreachable(url: URL, exc: SQLAlchemyError) -> StoreUnavailable:
    """One line naming the database (password hidden) and the driver's first line of explanation."""
    title = BACKEND_TITLES.get(url.get_backend_name(), url.get_backend_name())
    return StoreUnavailable(f"cannot reach {title} at {url.render_as_string(hide_password=True)}: {first_line(exc)}")


def first_line(exc: SQLAlchemyError) -> str:
    """The driver's own message (not SQLAlchemy's wrapping), first line only."""
    lines = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def new_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    connect_args = {"connect_timeout": CONNECT_TIMEOUT_S} if parsed.get_backend_name() == "postgresql" else {}
    return create_engine(url, future=True, pool_pre_ping=True, connect_args=connect_args)


@lru_cache(maxsize=8)
def open_engine(url: str | None = None) -> Engine:
    """An engine for `url` (default: `database_url()`), its schema migrated; one per URL per process."""
    engine = new_engine(url or database_url())
    try:
        migrate(engine)
    except OperationalError as exc:
        raise unreachable(engine.url, exc) from None
    return engine


def reach(url: str) -> None:
    """Connect once to `url`; `StoreUnavailable` when that fails."""
    engine = new_engine(url)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except OperationalError as exc:
        raise unreachable(engine.url, exc) from None
    finally:
        engine.dispose()
