"""Every setting of the assistant that comes from the environment (`RATIFY_*`), and the public URLs built from
them, in one place: the domain, the web app, the actions and the channels all read them from here.

Each is read when asked for, not at import, so a test or a server started with other variables sees them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote, urlencode

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_WEB_PORT = 8000
DEFAULT_RASA_PORT = 5005
TRAINER_TOKEN_VARIABLE = "RATIFY_TRAINER_TOKEN"
REST_TOKEN_VARIABLE = "RATIFY_REST_TOKEN"
PSEUDONYM_KEY_VARIABLE = "RATIFY_PSEUDONYM_KEY"
MIN_SECRET_CHARS = 32  # a token that people could try to guess: at least this many random characters
REPORT_FILE = "report.pdf"
REPORT_LINK = re.compile(rf"https?://\S+/api/assess/([A-Za-z0-9]+)/{re.escape(REPORT_FILE)}")


def _setting(name: str) -> str:
    """The variable's value without surrounding spaces; "" when unset."""
    return os.environ.get(name, "").strip()


def knowledge_dir() -> Path:
    """The YAML knowledge base (`RATIFY_KNOWLEDGE_DIR` overrides, e.g. for tests)."""
    return Path(_setting("RATIFY_KNOWLEDGE_DIR") or PROJECT_ROOT / "data" / "knowledge")


def var_dir() -> Path:
    """Run-time state: SQLite databases, logs, the built spaCy pipeline (`RATIFY_VAR_DIR` overrides)."""
    return Path(_setting("RATIFY_VAR_DIR") or PROJECT_ROOT / "var")


def database_url() -> str:
    """The SQLAlchemy URL of the assistant's own tables (`RATIFY_DATABASE_URL`, default SQLite under var/)."""
    return _setting("RATIFY_DATABASE_URL") or f"sqlite:///{var_dir() / 'ratify.db'}"


def web_host() -> str:
    """The interface the web app listens on (`RATIFY_WEB_HOST`, default 127.0.0.1: this machine only)."""
    return _setting("RATIFY_WEB_HOST") or "127.0.0.1"


def web_port() -> int:
    """The port of the web app (`RATIFY_WEB_PORT`, default 8000)."""
    return int(_setting("RATIFY_WEB_PORT") or DEFAULT_WEB_PORT)


def configured_public_url() -> str | None:
    """`RATIFY_WEB_URL` when set: where people reach the web app from outside."""
    return _setting("RATIFY_WEB_URL").rstrip("/") or None


def public_url() -> str:
    """Where people reach the web app (`RATIFY_WEB_URL`, default http://localhost:<port>)."""
    return configured_public_url() or f"http://localhost:{web_port()}"


def rasa_port() -> int:
    """The Rasa server's port (`RATIFY_RASA_PORT`, default 5005)."""
    return int(_setting("RATIFY_RASA_PORT") or DEFAULT_RASA_PORT)


def socket_url() -> str | None:
    """Where browsers reach Rasa's socket.io when it is not this host on the Rasa port (`RATIFY_SOCKET_URL`)."""
    return _setting("RATIFY_SOCKET_URL").rstrip("/") or None


def extra_allowed_origins() -> list[str]:
    """Other sites whose pages may open the web chat (`RATIFY_ALLOWED_ORIGINS`, comma or space separated)."""
    return _setting("RATIFY_ALLOWED_ORIGINS").replace(",", " ").split()


def short_secret(name: str, value: str) -> str | None:
    """Why `value`, the token of the variable `name`, cannot be used (set, but shorter than `MIN_SECRET_CHARS`), or
    None."""
    if value and len(value) < MIN_SECRET_CHARS:
        return (f"{name} has {len(value)} characters: use at least {MIN_SECRET_CHARS} random ones, e.g. "
                f"python3 -c 'import secrets; print(secrets.token_urlsafe(32))'")
    return None


def secret_problem(name: str) -> str | None:
    """`short_secret` for the variable `name` as the environment sets it."""
    return short_secret(name, _setting(name))


def _secret(name: str) -> str | None:
    return None if secret_problem(name) else _setting(name) or None


def trainer_token() -> str | None:
    """The trainer pages' token (`RATIFY_TRAINER_TOKEN`); None keeps the trainer pages off, also when it is too
    short (`secret_problem`: the web app then refuses to start)."""
    return _secret(TRAINER_TOKEN_VARIABLE)


def rest_token() -> str | None:
    """The REST channel's token (`RATIFY_REST_TOKEN`): with it, the channel needs `Authorization: Bearer <token>`
    and production mode publishes it; None without (or too short: `secret_problem`)."""
    return _secret(REST_TOKEN_VARIABLE)


def pseudonym_key() -> str | None:
    """The secret behind participants' pseudonyms on the trainer dashboard (`RATIFY_PSEUDONYM_KEY`); None: a random
    key kept in var/pseudonym.key."""
    return _setting(PSEUDONYM_KEY_VARIABLE) or None


def instrument_url(code: str, parts: Iterable[str] = ()) -> str:
    """The download address of the draft instrument of a saved assessment (for the `parts` chosen, if any)."""
    query = f"?{urlencode({'parts': ','.join(parts)})}" if parts else ""
    return f"{public_url()}/api/assess/{quote(code)}/instrument.txt{query}"


def parts_instrument_url(parts: Iterable[str], country: str | None = None) -> str:
    """The download address of a draft instrument for the Parts named, with no check behind it."""
    query = {"parts": ",".join(parts), **({"country": country} if country else {})}
    return f"{public_url()}/api/instrument.txt?{urlencode(query)}"


def report_url(code: str) -> str:
    """The download address of the decision document (PDF) of a saved, finished assessment."""
    return f"{public_url()}/api/assess/{quote(code)}/{REPORT_FILE}"


def report_code(text: str) -> str | None:
    """The code of the saved assessment whose report link (`report_url`, on any host) `text` carries, or None."""
    found = REPORT_LINK.search(text)
    return found.group(1) if found else None


def join_url(code: str, base: str | None = None) -> str:
    """The chat page with a trainer session's code in it: the page sends "join CODE" as it opens."""
    return f"{(base or public_url()).rstrip('/')}/?join={quote(code)}"


def dashboard_url(code: str, base: str | None = None) -> str:
    """The trainer's dashboard of a session."""
    return f"{(base or public_url()).rstrip('/')}/trainer/{quote(code)}"
