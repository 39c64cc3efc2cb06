"""`/api/assess`: assess answers posted as JSON and save them; fetch a saved assessment and its draft instrument."""

from __future__ import annotations

import json

from aiohttp import web

from bot.assessment.service import InstrumentUnavailable
from bot.eligibility import InputError
from bot.plain_text import first_unreadable
from bot.store import SavedAssessment
from bot.store.assessments import CheckStatus
from bot.throttle import TooManyAttempts
from web.context import client_address, error, json_response, off_loop, reader_language, service_of

EXAMPLE = '{"country": "Ruritania", "branches": {"old_age": {"replacement_rate": 42}}}'


async def post_assessment(request: web.Request) -> web.Response:
    """The spec's JSON output plus `code` (201); 400 with one message per problem, as `python -m bot assess`."""
    body = await request.read()  # 413 beyond the app's client_max_size
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: nested too deep
        return error(400, f"the body must be the answers as JSON (docs/assessment-contract.md), e.g. {EXAMPLE}")
    bad = first_unreadable(data)
    if bad:
        return error(400, f"{bad}: holds characters that are not text (NUL or a lone surrogate)")
    try:
        outcome = await off_loop(lambda: service_of(request).finish(data))
    except InputError as exc:
        return error(400, *exc.problems)
    return json_response(outcome.to_dict(), status=201, headers={"Location": f"/api/assess/{outcome.code}"})


async def look_up(request: web.Request, code: str) -> SavedAssessment:
    """The saved assessment, else 404; 429 once this client has failed too often lately (codes are not guessed)."""
    client = client_address(request)
    try:
        saved = await off_loop(lambda: service_of(request).look_up(code, client))
    except TooManyAttempts as exc:
        raise web.HTTPTooManyRequests(text=str(exc)) from None
    if saved is None:
        raise web.HTTPNotFound(text=f"no saved assessment with the code '{code}'")
    return saved


async def get_assessment(request: web.Request) -> web.Response:
    """A finished assessment as POST returned it (plus `status`); an unfinished one with its answers so far."""
    code = request.match_info["code"]
    saved = await look_up(request, code)
    if saved.status == CheckStatus.FINISHED and saved.result is not None:
        data = {**saved.result, "code": saved.code, "status": saved.status}
    else:
        data = {"code": saved.code, "status": saved.status, "country": saved.country, "answers": saved.answers}
    return json_response(data)


def _parts(request: web.Request) -> list[str]:
    return [part.strip() for part in request.query.get("parts", "").split(",") if part.strip()]


def _download(text: str, name: str) -> web.Response:
    return web.Response(text=text + "\n", content_type="text/plain", charset="utf-8", headers={
        "Content-Disposition": f'attachment; filename="C102-instrument-{name}.txt"'})


async def get_instrument(request: web.Request) -> web.Response:
    """The draft instrument as a plain-text download; `?parts=V,VI,IX` drafts it for the Parts chosen.
    409 when it cannot be drafted (not finished, not ratifiable, Parts short of Article 2)."""
    service = service_of(request)
    saved = await look_up(request, request.match_info["code"])
    try:
        text = service.instrument(saved, _parts(request), reader_language(request))
    except InstrumentUnavailable as exc:
        return error(409, f"no draft instrument: {exc}")
    return _download(text, saved.code)


async def get_parts_instrument(request: web.Request) -> web.Response:
    """`/api/instrument.txt?parts=V,VI,IX[&country=Morocco]`: the draft instrument for the Parts named, with no check
    behind it; 400 without Parts, 409 when they do not satisfy Article 2 (the message says what they need)."""
    parts = _parts(request)
    if not parts:
        return error(400, "name the Parts to accept, e.g. ?parts=V,VI,IX")
    try:
        text = service_of(request).instrument_for_parts(parts, request.query.get("country"), reader_language(request))
    except InstrumentUnavailable as exc:
        return error(409, f"no draft instrument: {exc}")
    return _download(text, "draft")
