"""The web API (aiohttp, `bot.web.app.create_app`), served by `python -m bot web`; its public URLs live here so the
chat can link to a download without importing the server."""

from __future__ import annotations

import os
from collections.abc import Iterable
from urllib.parse import quote, urlencode

DEFAULT_PORT = 8000


def web_port() -> int:
    """The port of the web API (`RATIFY_WEB_PORT`, default 8000)."""
    return int(os.environ.get("RATIFY_WEB_PORT") or DEFAULT_PORT)


def public_url() -> str:
    """Where people reach the web API (`RATIFY_WEB_URL`, default http://localhost:<port>)."""
    return (os.environ.get("RATIFY_WEB_URL") or f"http://localhost:{web_port()}").rstrip("/")


def instrument_url(code: str, parts: Iterable[str] = ()) -> str:
    """The download address of the draft instrument of a saved assessment (for the `parts` chosen, if any)."""
    query = f"?{urlencode({'parts': ','.join(parts)})}" if parts else ""
    return f"{public_url()}/api/assess/{quote(code)}/instrument.txt{query}"
