"""The chat page: `/` (the page), `/embed.js` (the widget on any page), `/vendor/rasa-webchat.js` (the widget,
served from node_modules/), `/static/` (the page's own CSS, script and icon) and `/favicon.ico`.

Nothing is fetched from elsewhere at run time: the widget bundle comes from our server with its remote font
import removed, and the page's Content-Security-Policy only lets it reach our own server and the Rasa server's
socket.io. Call `add_page_routes(app)` from `create_app`.

The page's own texts and the chat's are in static/texts.json, per language (en, fr, es): page.js reads the page's,
and the embed script carries the chat's (`widget`), so that it needs no other request on someone else's page.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

from aiohttp import web
from yarl import URL

from bot.config import PROJECT_ROOT, rasa_port
from bot.config import socket_url as socket_url_setting

STATIC_DIR = Path(__file__).parent / "static"
TEXTS = STATIC_DIR / "texts.json"
WIDGET_BUNDLE = PROJECT_ROOT / "node_modules" / "rasa-webchat" / "lib" / "index.js"
REMOTE_IMPORT = re.compile(rb"@import url\((?:https?:)?//[^)]*\);?")
SETTINGS_PLACEHOLDER = '"__RATIFY_SETTINGS__"'
JAVASCRIPT = "application/javascript"


def add_page_routes(app: web.Application) -> None:
    """The page, the embed script, the widget and the static files, on `app`."""
    app.router.add_get("/", index_page)
    app.router.add_get("/favicon.ico", favicon)
    app.router.add_get("/embed.js", embed_script)
    app.router.add_get("/vendor/rasa-webchat.js", widget_bundle)
    app.router.add_static("/static/", STATIC_DIR)


def socket_url(request: web.Request) -> str:
    """Where browsers reach Rasa's socket.io: `RATIFY_SOCKET_URL`, else this host on the Rasa port."""
    configured = socket_url_setting()
    if configured:
        return configured
    # built from the Host header: aiohttp's request.url breaks on a Host with a port under newer yarl
    return str(URL(f"{request.scheme}://{request.host}").with_port(rasa_port()))


def content_security_policy(socket: str) -> str:
    """Our own server, plus the Rasa server's socket.io over HTTP and WebSocket; nothing else."""
    websocket = re.sub(r"^http", "ws", socket)
    return "; ".join([
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",  # the widget injects its styles at run time
        "img-src 'self' data:",
        "font-src 'self' data:",  # the widget's carousel icons are inline fonts
        f"connect-src 'self' {socket} {websocket}",
        "base-uri 'self'",
        "form-action 'self'",
    ])


async def index_page(request: web.Request) -> web.FileResponse:
    headers = {"Content-Security-Policy": content_security_policy(socket_url(request)), "Cache-Control": "no-cache"}
    return web.FileResponse(STATIC_DIR / "index.html", headers=headers)


async def favicon(request: web.Request) -> web.FileResponse:
    """Browsers ask for /favicon.ico where a page names no icon."""
    return web.FileResponse(STATIC_DIR / "favicon.svg", headers={"Content-Type": "image/svg+xml"})


async def embed_script(request: web.Request) -> web.Response:
    """static/embed.js with the settings it needs from the server: the socket URL, the chat's texts per language."""
    settings = json.dumps({"socketUrl": socket_url(request), "texts": widget_texts()}, ensure_ascii=False)
    script = (STATIC_DIR / "embed.js").read_text(encoding="utf-8").replace(SETTINGS_PLACEHOLDER, settings, 1)
    return web.Response(text=script, content_type=JAVASCRIPT, headers={"Cache-Control": "no-cache"})


@functools.cache
def page_texts() -> dict[str, dict[str, Any]]:
    """static/texts.json: by language, the page's texts (`page`) and the chat's (`widget`)."""
    return json.loads(TEXTS.read_text(encoding="utf-8"))


def widget_texts() -> dict[str, dict[str, str]]:
    return {language: texts["widget"] for language, texts in page_texts().items()}


def without_remote_imports(bundle: bytes) -> bytes:
    """The widget's code without its CSS `@import` of a web font from a CDN (the page sets its own fonts)."""
    return REMOTE_IMPORT.sub(b"", bundle)


@functools.cache
def load_widget(path: Path) -> bytes:
    return without_remote_imports(path.read_bytes())


async def widget_bundle(request: web.Request) -> web.Response:
    if not WIDGET_BUNDLE.is_file():
        raise web.HTTPServiceUnavailable(text="the chat widget is not installed: run `bash scripts/web_setup.sh`")
    return web.Response(body=load_widget(WIDGET_BUNDLE), content_type=JAVASCRIPT,
                        headers={"Cache-Control": "public, max-age=3600"})
