"""Headers every answer of the web app carries: no content sniffing, no framing by other sites, HSTS when the
public address is https (`RATIFY_WEB_URL`), and a `Server` that names no software version. Pages with a
Content-Security-Policy of their own keep it, with `frame-ancestors` added when missing."""

from __future__ import annotations

from aiohttp import web

from bot.config import public_url

FRAME_ANCESTORS = "frame-ancestors 'self'"
HSTS = "max-age=31536000"
SERVER = "ratify"


async def add_security_headers(request: web.Request, response: web.StreamResponse) -> None:
    """For `app.on_response_prepare`."""
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Server"] = SERVER  # aiohttp would name itself and Python, with their versions
    policy = response.headers.get("Content-Security-Policy")
    if policy is None:
        response.headers["Content-Security-Policy"] = FRAME_ANCESTORS
    elif "frame-ancestors" not in policy:
        response.headers["Content-Security-Policy"] = f"{policy}; {FRAME_ANCESTORS}"
    if public_url().startswith("https://"):
        response.headers["Strict-Transport-Security"] = HSTS
