"""The decision document and "where to start" of a saved check, and two checks compared.

`GET /api/assess/{code}/report.html` (print-friendly), `/report.pdf` (the same HTML through WeasyPrint),
`/where-to-start` (JSON, as `python -m bot assess --json` gives it), `GET /api/assess/compare?a=…&b=…`.
404 for an unknown code, 409 for a check not finished yet, 400 for a compare without both codes.
"""

from __future__ import annotations

import asyncio
import logging

from aiohttp import web

from bot.render.compare import comparison_to_dict
from bot.render.pdf import PdfUnavailable
from bot.render.report import report_filename
from bot.render.where_to_start import where_to_start_to_dict
from bot.store import SavedAssessment
from bot.store.assessments import CheckStatus
from web.assess import look_up
from web.context import json_response, reader_language, service_of

logger = logging.getLogger(__name__)


async def finished(request: web.Request, code: str) -> SavedAssessment:
    """The saved check with `code`; HTTP 404 when there is none (429 after too many, `web.assess.look_up`), 409 when
    it is not finished."""
    saved = await look_up(request, code)
    if saved.status != CheckStatus.FINISHED:
        status = saved.status.value.replace("_", " ")
        raise web.HTTPConflict(text=f"assessment {saved.code} is not finished yet ({status}):"
                                    f" finish the check first, e.g. 'resume {saved.code}' in the chat")
    return saved


async def get_report_html(request: web.Request) -> web.Response:
    saved = await finished(request, request.match_info["code"])
    return web.Response(text=service_of(request).report_html(saved, reader_language(request)),
                        content_type="text/html", charset="utf-8")


async def get_report_pdf(request: web.Request) -> web.Response:
    saved = await finished(request, request.match_info["code"])
    try:  # CPU-bound: off the loop
        pdf = await asyncio.get_running_loop().run_in_executor(None, service_of(request).report_pdf, saved,
                                                               reader_language(request))
    except PdfUnavailable as exc:
        logger.error("PDF report: %s", exc)
        raise web.HTTPServiceUnavailable(text=f"the PDF cannot be made on this server; the same report is at "
                                              f"/api/assess/{saved.code}/report.html") from None
    return web.Response(body=pdf, content_type="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{report_filename(saved.code)}"'})


async def get_where_to_start(request: web.Request) -> web.Response:
    service = service_of(request)
    saved = await finished(request, request.match_info["code"])
    return json_response({"code": saved.code, **where_to_start_to_dict(service.where_to_start(saved.answers))})


async def get_comparison(request: web.Request) -> web.Response:
    """What changed from check `a` to check `b`; each item's text in the reader's language (`?lang=`, else
    Accept-Language), the data the same in every language."""
    codes = [request.query.get(name, "").strip() for name in ("a", "b")]
    if not all(codes):
        raise web.HTTPBadRequest(text="name the two checks to compare, e.g. "
                                      "/api/assess/compare?a=K7Q2XPM3N8&b=M3N8QTK7Q2")
    before, after = [await finished(request, code) for code in codes]
    return json_response(comparison_to_dict(service_of(request).compare(before, after), before.code, after.code,
                                            reader_language(request)))


def add_report_routes(app: web.Application) -> None:
    app.router.add_get("/api/assess/compare", get_comparison)
    app.router.add_get("/api/assess/{code}/report.html", get_report_html)
    app.router.add_get("/api/assess/{code}/report.pdf", get_report_pdf)
    app.router.add_get("/api/assess/{code}/where-to-start", get_where_to_start)
