"""The aiohttp application: routes, the request size limit, and errors as JSON (`{"errors": [...]}`)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from aiohttp import web

from bot.assessment.service import AssessmentService
from bot.store import StoreUnavailable
from web import assess
from web.assess_report import add_report_routes
from web.context import SERVICE, error, json_response
from web.headers import add_security_headers
from web.page import add_page_routes
from web.trainer import add_trainer_routes

MAX_BODY_BYTES = 64 * 1024  # a full set of answers is about 2 KB

logger = logging.getLogger(__name__)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def create_app(service: AssessmentService | None = None, *, max_body_bytes: int = MAX_BODY_BYTES) -> web.Application:
    """The chat page and the web API; `service` defaults to the configured knowledge base and database.

    The database is opened on first use.
    """
    app = web.Application(client_max_size=max_body_bytes, middlewares=[json_errors])
    app.on_response_prepare.append(add_security_headers)
    if service is not None:
        app[SERVICE] = service
    app.router.add_get("/api/health", health)
    app.router.add_post("/api/assess", assess.post_assessment)
    add_report_routes(app)  # before /api/assess/{code}, which would take "compare" for a code
    app.router.add_get("/api/assess/{code}", assess.get_assessment)
    app.router.add_get("/api/assess/{code}/instrument.txt", assess.get_instrument)
    app.router.add_get("/api/instrument.txt", assess.get_parts_instrument)
    add_page_routes(app)
    add_trainer_routes(app)
    return app


@web.middleware
async def json_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """HTTP errors (404, 405, 413...) and an unreachable database answered as JSON, never as an HTML page."""
    try:
        return await handler(request)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        return error(exc.status, exc.text or exc.reason)
    except StoreUnavailable as exc:
        logger.error("database unavailable: %s", exc)
        return error(503, "the assessment store is unavailable; try again later")


async def health(request: web.Request) -> web.Response:
    return json_response({"status": "ok"})
