"""The addresses of a session: the chat page that joins it, and the trainer's dashboard."""

from __future__ import annotations

from urllib.parse import quote

from bot.web import public_url


def join_url(code: str, base: str | None = None) -> str:
    """The chat page with the code in it: the page sends "join CODE" as it opens (`static/page.js`)."""
    return f"{(base or public_url()).rstrip('/')}/?join={quote(code)}"


def dashboard_url(code: str, base: str | None = None) -> str:
    return f"{(base or public_url()).rstrip('/')}/trainer/{quote(code)}"
