"""The web API: POST /api/assess (the spec's JSON plus the code), 400 with the CLI's messages, the size limit,
GET a saved assessment and its draft instrument; errors are JSON, never HTML."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable

import pytest
from aiohttp.test_utils import TestClient, TestServer
from test_assessment_service import THREE_PARTS

from bot import knowledge
from bot.assessment.service import AssessmentService
from bot.store import AssessmentStore, open_engine
from bot.throttle import FAILED_LOOKUPS
from web.app import create_app

Scenario = Callable[[TestClient], Awaitable[None]]


@pytest.fixture
def run(tmp_path) -> Callable[[Scenario], None]:
    """Runs a scenario against the app on a fresh database (`limit` bytes of body at most)."""
    store = AssessmentStore(open_engine(f"sqlite:///{tmp_path / 'web.db'}"))
    service = AssessmentService(knowledge.load(), store, knowledge.country_status_lookup())

    def runner(scenario: Scenario, limit: int = 64 * 1024) -> None:
        async def main() -> None:
            async with TestClient(TestServer(create_app(service, max_body_bytes=limit))) as client:
                await scenario(client)

        asyncio.run(main())

    return runner


def test_post_returns_the_assessment_and_its_code_then_get_returns_it_again(run):
    async def scenario(client: TestClient) -> None:
        posted = await client.post("/api/assess", json=THREE_PARTS)
        assert posted.status == 201
        data = await posted.json()
        assert data["article2"] == {"ratifiable": True, "acceptable_parts": ["V", "VI", "IX"], "missing": "",
                                    "article": "2"}
        assert [part["part"] for part in data["parts"]] == ["V", "VI", "IX"]
        assert posted.headers["Location"] == f"/api/assess/{data['code']}"
        again = await client.get(f"/api/assess/{data['code'].lower()}")
        assert again.status == 200
        assert await again.json() == {**data, "status": "finished"}

    run(scenario)


def test_bad_answers_get_400_with_the_cli_messages(run):
    async def scenario(client: TestClient) -> None:
        reply = await client.post("/api/assess", json={"branches": {"old_age": {"replacement_rate": 140},
                                                                    "pensions": {}}})
        assert reply.status == 400
        assert (await reply.json())["errors"] == [
            "branches.old_age.replacement_rate: 140 is not a percentage between 0 and 100",
            "branches.pensions: unknown branch (allowed: medical_care, sickness, unemployment, old_age, "
            "employment_injury, family, maternity, invalidity, survivors)"]
        not_json = await client.post("/api/assess", data=b"{country: ", headers={"Content-Type": "application/json"})
        assert not_json.status == 400
        assert (await not_json.json())["errors"][0].startswith("the body must be the answers as JSON")
        a_list = await client.post("/api/assess", json=["old_age"])
        assert a_list.status == 400
        assert "the answers must be a mapping" in (await a_list.json())["errors"][0]

    run(scenario)


def test_a_body_over_the_limit_gets_413_as_json(run):
    async def scenario(client: TestClient) -> None:
        reply = await client.post("/api/assess", data=json.dumps({"country": "x" * 2000}))
        assert reply.status == 413
        assert reply.content_type == "application/json"
        assert "exceeded" in (await reply.json())["errors"][0]

    run(scenario, limit=1000)


def test_the_draft_instrument_downloads_as_text(run):
    async def scenario(client: TestClient) -> None:
        code = (await (await client.post("/api/assess", json=THREE_PARTS)).json())["code"]
        reply = await client.get(f"/api/assess/{code}/instrument.txt")
        assert reply.status == 200 and reply.content_type == "text/plain" and reply.charset == "utf-8"
        assert reply.headers["Content-Disposition"] == f'attachment; filename="C102-instrument-{code}.txt"'
        text = await reply.text()
        assert "INSTRUMENT OF RATIFICATION" in text and "Government of Morocco" in text
        assert "Part VI – Employment injury benefit" in text

    run(scenario)


def test_no_instrument_when_not_ratifiable_unless_parts_are_chosen(run):
    async def scenario(client: TestClient) -> None:
        one_part = dict(THREE_PARTS, branches={"old_age": THREE_PARTS["branches"]["old_age"]})
        code = (await (await client.post("/api/assess", json=one_part)).json())["code"]
        refused = await client.get(f"/api/assess/{code}/instrument.txt")
        assert refused.status == 409
        assert (await refused.json())["errors"] == [
            f"no draft instrument: assessment {code} is not ratifiable yet: it needs two more Parts"]
        chosen = await client.get(f"/api/assess/{code}/instrument.txt", params={"parts": "V,VI,IX"})
        assert chosen.status == 200 and "Part IX – Invalidity benefit" in await chosen.text()

    run(scenario)


def test_a_draft_instrument_for_the_parts_named_without_a_check(run):
    async def scenario(client: TestClient) -> None:
        reply = await client.get("/api/instrument.txt", params={"parts": "V,VI,invalidity", "country": "Morocco"})
        assert reply.status == 200 and reply.content_type == "text/plain"
        assert reply.headers["Content-Disposition"] == 'attachment; filename="C102-instrument-draft.txt"'
        text = await reply.text()
        assert "Government of Morocco" in text and "Part IX – Invalidity benefit" in text
        french = await client.get("/api/instrument.txt", params={"parts": "V,VI,IX", "lang": "fr"})
        assert "INSTRUMENT DE RATIFICATION" in await french.text()
        short = await client.get("/api/instrument.txt", params={"parts": "III,VII"})
        assert short.status == 409 and "Article 2 of C102" in (await short.json())["errors"][0]
        assert (await client.get("/api/instrument.txt")).status == 400
        assert (await client.get("/api/instrument.txt", params={"parts": "XV"})).status == 409

    run(scenario)


def test_unknown_codes_and_routes_are_json_404s(run):
    async def scenario(client: TestClient) -> None:
        for path in ("/api/assess/ZZZZZZ", "/api/assess/ZZZZZZ/instrument.txt", "/nothing/here"):
            reply = await client.get(path)
            assert reply.status == 404 and reply.content_type == "application/json", path
        wrong_method = await client.delete("/api/assess/ZZZZZZ")
        assert wrong_method.status == 405 and "errors" in await wrong_method.json()
        health = await client.get("/api/health")
        assert await health.json() == {"status": "ok"}

    run(scenario)


def test_a_country_longer_than_its_column_gets_400(run):
    async def scenario(client: TestClient) -> None:
        reply = await client.post("/api/assess", json=dict(THREE_PARTS, country="x" * 201))
        assert reply.status == 400
        assert (await reply.json())["errors"] == ["country: a country's name has at most 200 characters, not 201"]

    run(scenario)


def test_failed_look_ups_are_throttled_per_client_and_long_codes_are_drawn(run):
    async def scenario(client: TestClient) -> None:
        code = (await (await client.post("/api/assess", json=THREE_PARTS)).json())["code"]
        assert len(code) == 10
        for attempt in range(FAILED_LOOKUPS):
            assert (await client.get(f"/api/assess/ZZZZZZZZZ{attempt + 2}")).status == 404
        throttled = await client.get(f"/api/assess/{code}")
        assert throttled.status == 429 and "too many failed attempts" in (await throttled.json())["errors"][0]
        assert (await client.get(f"/api/assess/{code}/instrument.txt")).status == 429
        other = await client.get(f"/api/assess/{code}", headers={"X-Real-IP": "203.0.113.7"})  # nginx's client
        assert other.status == 200

    run(scenario)


@pytest.mark.parametrize("https", [False, True])
def test_every_answer_forbids_sniffing_and_framing_and_https_adds_hsts(run, monkeypatch, https):
    monkeypatch.setenv("RATIFY_WEB_URL", "https://ratify.example.org" if https else "http://localhost:8000")

    async def scenario(client: TestClient) -> None:
        for path in ("/", "/api/health", "/api/assess/ZZZZZZZZZ2", "/static/page.css"):
            reply = await client.get(path)
            assert reply.headers["X-Content-Type-Options"] == "nosniff", path
            assert "frame-ancestors 'self'" in reply.headers["Content-Security-Policy"], path
            assert ("Strict-Transport-Security" in reply.headers) is https, path
            assert reply.headers["Server"] == "ratify", path  # no aiohttp or Python version
        page = await client.get("/")
        assert "default-src 'self'" in page.headers["Content-Security-Policy"]  # the page's own policy is kept

    run(scenario)


def test_database_work_does_not_hold_up_other_requests(tmp_path):
    class SlowStore(AssessmentStore):
        def get(self, code: str):
            time.sleep(1.0)  # a slow database, as a blocking driver waits for it
            return super().get(code)

    service = AssessmentService(knowledge.load(), SlowStore(open_engine(f"sqlite:///{tmp_path / 'slow.db'}")))

    async def main() -> None:
        async with TestClient(TestServer(create_app(service))) as client:
            slow = asyncio.ensure_future(client.get("/api/assess/ZZZZZZZZZ2"))
            await asyncio.sleep(0.2)  # the look-up is under way
            started = time.monotonic()
            health = await client.get("/api/health")
            assert health.status == 200 and time.monotonic() - started < 0.5
            assert not slow.done()
            assert (await slow).status == 404

    asyncio.run(main())
