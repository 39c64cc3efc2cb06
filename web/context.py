"""What every handler shares: the service the app serves, and errors as JSON (`{"errors": [...]}`)."""

from __future__ import annotations

import asyncio
import ipaddress
import json
from collections.abc import Callable
from typing import TypeVar

from aiohttp import web

from bot import language
from bot.assessment.service import AssessmentService, default_service
from bot.i18n import Translator, translator
from bot.knowledge.text import DEFAULT_LANGUAGE

SERVICE = web.AppKey("service", AssessmentService)
T = TypeVar("T")


def service_of(request: web.Request) -> AssessmentService:
    """The app's service; the configured one (knowledge base, database) is opened on first use."""
    app = request.app
    if SERVICE not in app:
        app[SERVICE] = default_service()
    return app[SERVICE]


def dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False)


def json_response(data: object, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    return web.json_response(data, status=status, dumps=dumps, headers=headers)


def error(status: int, *problems: str) -> web.Response:
    return json_response({"errors": list(problems)}, status=status)


def client_address(request: web.Request) -> str:
    """The client's address: nginx's `X-Real-IP` when the request comes from this machine (production mode's
    proxy), else the peer's own."""
    peer = request.remote or ""
    try:
        local = ipaddress.ip_address(peer).is_loopback
    except ValueError:
        local = False
    return (request.headers.get("X-Real-IP") or peer) if local else peer


async def off_loop(call: Callable[[], T]) -> T:
    """`call()` in a worker thread: database work (blocking drivers) must not hold up the event loop, which serves
    every other request meanwhile."""
    return await asyncio.get_running_loop().run_in_executor(None, call)


def reader_language(request: web.Request) -> Translator:
    """The language a document is asked in: `?lang=fr`, else the first of ours in the Accept-Language header
    (in the order given, weights aside), else English."""
    asked = language.normalise(request.query.get("lang"))
    if asked is None:
        tags = (tag.split(";")[0].strip() for tag in request.headers.get("Accept-Language", "").split(","))
        asked = next((found for tag in tags if (found := language.normalise(tag))), None)
    return translator(asked or DEFAULT_LANGUAGE)
