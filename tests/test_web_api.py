"""The web API: POST /api/assess (the spec's JSON plus the code), 400 with the CLI's messages, the size limit,
GET a saved assessment and its draft instrument; errors are JSON, never HTML."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable

import pytest
from aiohttp.test_utils import TestClient, TestServer
from test_assessment_service import THREE_PARTS

from bot import knowledge
from bot.assessment.service import AssessmentService
from bot.store import AssessmentStore, open_engine
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
