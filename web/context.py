"""What every handler shares: the service the app serves, and errors as JSON (`{"errors": [...]}`)."""

from __future__ import annotations

import json

from aiohttp import web

from bot.assessment.service import AssessmentService, default_service

SERVICE = web.AppKey("service", AssessmentService)


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
