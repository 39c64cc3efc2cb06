"""The trainer's pages and API, on when `RATIFY_TRAINER_TOKEN` is set (404 everywhere under /trainer otherwise).

- `/trainer`: create a session, list the sessions; `/trainer/{code}`: the live dashboard (one page, two views).
  The page carries no data: its script fetches it with the token, which the trainer types once (or opens with
  `?token=`, which the page keeps for the tab and drops from the address).
- With the token (`Authorization: Bearer <token>` only, so that it stays out of logs and histories; else 401 with
  nothing but the reason, and 429 after too many wrong tokens from one address). A token shorter than 32
  characters leaves the pages off (`python -m web` refuses to start with one):
  `GET /trainer/sessions.json`, `POST /trainer/sessions` (`{"name": ..., "quiz": 10}`),
  `GET /trainer/{code}/data.json`, `GET /trainer/{code}/answers.csv` and `scores.csv`, `POST /trainer/{code}/close`.
  The dashboard's data and the CSV files are in the trainer's language: `?lang=en|fr|es`, else Accept-Language
  (the page's texts are in static/texts.json, `trainer`, with an EN | FR | ES switch as on the chat page).
- `/vendor/chart.js`: Chart.js from node_modules/ (npm, pinned in package-lock.json), as the chat widget.

Call `add_trainer_routes(app)` from `create_app`.
"""

from __future__ import annotations

import functools
import hmac
import json
from collections.abc import Awaitable, Callable
from pathlib import Path

from aiohttp import web

from bot.assessment.service import AssessmentService
from bot.config import (
    PROJECT_ROOT,
    TRAINER_TOKEN_VARIABLE,
    configured_public_url,
    dashboard_url,
    join_url,
    secret_problem,
    trainer_token,
)
from bot.i18n import Translator
from bot.knowledge.text import DEFAULT_LANGUAGE
from bot.render.words import in_words
from bot.store.trainer_sessions import SessionRecord, Snapshot
from bot.throttle import Throttle, TooManyAttempts
from bot.trainer.dashboard import dashboard, iso_time, unready
from bot.trainer.export import EXPORTS, to_csv
from bot.trainer.quiz import DEFAULT_SIZE
from bot.trainer.service import TrainerInputError, TrainerService, default_trainer_service
from web.context import client_address, error, json_response, off_loop, reader_language, service_of
from web.page import JAVASCRIPT, STATIC_DIR

TRAINER = web.AppKey("trainer", TrainerService)
WRONG_TOKENS = web.AppKey("wrong_tokens", Throttle)
CHART_BUNDLE = PROJECT_ROOT / "node_modules" / "chart.js" / "dist" / "chart.umd.min.js"
CODE = "{code:[A-Za-z0-9]{4}}"
PAGE_POLICY = "; ".join([
    "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'",
    "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'",
])
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def add_trainer_routes(app: web.Application) -> None:
    app[WRONG_TOKENS] = Throttle()
    app.router.add_get("/trainer", trainer_page)
    app.router.add_get("/trainer/sessions.json", with_token(list_sessions))
    app.router.add_post("/trainer/sessions", with_token(create_session))
    app.router.add_get(f"/trainer/{CODE}", trainer_page)
    app.router.add_get(f"/trainer/{CODE}/data.json", with_token(session_data))
    app.router.add_get(f"/trainer/{CODE}/{{export}}.csv", with_token(export_csv))
    app.router.add_post(f"/trainer/{CODE}/close", with_token(close_session))
    app.router.add_get("/vendor/chart.js", chart_bundle)


def token_problem() -> str | None:
    """Why the configured trainer token cannot be used (too short), or None (`python -m web` refuses to start)."""
    return secret_problem(TRAINER_TOKEN_VARIABLE)


def pages_off() -> web.Response:
    return error(404, f"the trainer pages are off: set {TRAINER_TOKEN_VARIABLE} to turn them on")


async def trainer_page(request: web.Request) -> web.StreamResponse:
    """static/trainer.html, the home view at /trainer and a session's dashboard at /trainer/CODE (no data in it)."""
    if trainer_token() is None:
        return pages_off()
    return web.FileResponse(STATIC_DIR / "trainer.html", headers={
        "Content-Security-Policy": PAGE_POLICY, "Cache-Control": "no-cache", "Referrer-Policy": "no-referrer"})


def presented_token(request: web.Request) -> str | None:
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def with_token(handler: Handler) -> Handler:
    """`handler` behind the trainer token: 404 when the pages are off, 401 (the reason only) without the token."""
    @functools.wraps(handler)
    async def guarded(request: web.Request) -> web.StreamResponse:
        expected = trainer_token()
        if expected is None:
            return pages_off()
        given = presented_token(request)
        wrong_tokens, client = request.app[WRONG_TOKENS], client_address(request)
        try:
            wrong_tokens.check(client)
        except TooManyAttempts as exc:
            return error(429, str(exc))
        if given is None or not hmac.compare_digest(given.encode(), expected.encode()):
            if given is not None:  # a guess; a request without a token guesses nothing
                wrong_tokens.failed(client)
            reason = ("the trainer token is required: send 'Authorization: Bearer <token>'"
                      if given is None else "the trainer token is not valid")
            response = error(401, reason)
            response.headers["WWW-Authenticate"] = 'Bearer realm="trainer"'
            return response
        return await handler(request)
    return guarded


def trainer_of(request: web.Request) -> TrainerService:
    if TRAINER not in request.app:
        request.app[TRAINER] = default_trainer_service()
    return request.app[TRAINER]


def base_url(request: web.Request) -> str:
    """Links for participants use the address the trainer opened the page with, unless RATIFY_WEB_URL says."""
    return configured_public_url() or f"{request.scheme}://{request.host}"


def session_links(session: SessionRecord, base: str) -> dict[str, object]:
    return {"code": session.code, "name": session.name, "status": session.status, "questions": len(session.quiz),
            "created_at": iso_time(session.created_at),
            "join_url": join_url(session.code, base), "dashboard_url": dashboard_url(session.code, base)}


def code_of(request: web.Request) -> str:
    return request.match_info["code"].upper()


def unknown(code: str) -> web.HTTPNotFound:
    return web.HTTPNotFound(text=f"no training session with the code '{code}'")


async def snapshot_or_404(request: web.Request) -> Snapshot:
    snapshot = await off_loop(lambda: trainer_of(request).snapshot(code_of(request)))
    if snapshot is None:
        raise unknown(code_of(request))
    return snapshot


async def list_sessions(request: web.Request) -> web.Response:
    base = base_url(request)
    sessions = await off_loop(lambda: trainer_of(request).sessions())
    return json_response({"sessions": [session_links(session, base) for session in sessions]})


async def create_session(request: web.Request) -> web.Response:
    """201 with the code and the links; 400 naming the problem."""
    try:
        data = json.loads(await request.read())
    except (ValueError, UnicodeDecodeError):
        data = None
    if not isinstance(data, dict):
        return error(400, 'the body must be JSON such as {"name": "Workshop Nairobi", "quiz": 10}')
    size = data.get("quiz", DEFAULT_SIZE)
    if isinstance(size, bool) or not isinstance(size, int):
        return error(400, f"'quiz' must be a whole number of questions, not {json.dumps(size)}")
    try:
        session = await off_loop(lambda: trainer_of(request).create(str(data.get("name") or ""), size))
    except TrainerInputError as exc:
        return error(400, str(exc))
    links = session_links(session, base_url(request))
    return json_response(links, status=201, headers={"Location": f"/trainer/{session.code}"})


async def session_data(request: web.Request) -> web.Response:
    """The dashboard's data, its texts in the trainer's language (`?lang=`, else Accept-Language)."""
    snapshot, t = await snapshot_or_404(request), reader_language(request)
    missing = await off_loop(lambda: missing_in(service_of(request), snapshot, t))
    data = dashboard(snapshot, join_url(snapshot.session.code, base_url(request)), t, missing,
                     trainer_of(request).kb.countries)
    return json_response(data, headers={"Cache-Control": "no-store", "Vary": "Accept-Language"})


def missing_in(checks: AssessmentService, snapshot: Snapshot, t: Translator) -> dict[str, str]:
    """By code, what the session's checks that could not ratify yet lack, in `t`'s language: the engine run again
    on their saved answers, as for their report (the saved result has it in English, what English shows)."""
    if t.lang == DEFAULT_LANGUAGE:
        return {}
    found = {}
    for assessment in filter(unready, snapshot.assessments):
        saved = checks.saved(assessment.code)
        if saved is not None:
            found[assessment.code] = in_words(checks.reassess(saved).article2.missing, t)
    return found


async def export_csv(request: web.Request) -> web.Response:
    export = request.match_info["export"]
    if export not in EXPORTS:
        return error(404, f"no export '{export}.csv': there are {', '.join(f'{name}.csv' for name in EXPORTS)}")
    snapshot = await snapshot_or_404(request)
    filename = f"trainer-{snapshot.session.code}-{export}.csv"
    t = reader_language(request)  # the headers' and the questions' language (`?lang=`, else Accept-Language)
    # with a byte order mark, so that spreadsheets read the names' accents as UTF-8
    return web.Response(text="\ufeff" + to_csv(EXPORTS[export](snapshot, t)), content_type="text/csv", charset="utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{filename}"',
                                 "Cache-Control": "no-store"})


async def close_session(request: web.Request) -> web.Response:
    closed = await off_loop(lambda: trainer_of(request).close(code_of(request)))
    if closed is None:
        raise unknown(code_of(request))
    return json_response(session_links(closed, base_url(request)))


@functools.cache
def load_chart(path: Path) -> bytes:
    return path.read_bytes()


async def chart_bundle(request: web.Request) -> web.Response:
    if not CHART_BUNDLE.is_file():
        raise web.HTTPServiceUnavailable(text="Chart.js is not installed: run `bash scripts/web_setup.sh`")
    return web.Response(body=load_chart(CHART_BUNDLE), content_type=JAVASCRIPT,
                        headers={"Cache-Control": "public, max-age=3600"})
