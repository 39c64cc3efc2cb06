"""The CLI, the web API and the conversation give the same verdict for the same answers.

Each case is one set of answers (docs/assessment-contract.md). The CLI reads it from a file, the web API gets it as
JSON, and the conversation is driven question by question, answering each in words ("about 62 percent", "no limit",
"I don't know") whatever order the bot asks in. `test_three_faces_agree` talks to the running bot over the REST
webhook (e2e); `test_cli_web_and_chat_actions_agree` drives the chat actions in-process, for a fast check.
"""

from __future__ import annotations

import asyncio
import json
import re
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from unittest.mock import ANY

import pytest
import requests
import yaml
from aiohttp.test_utils import TestClient, TestServer
from test_assessment_actions import Chat

from bot import knowledge
from bot.__main__ import main
from bot.assessment import chat
from bot.assessment.questions import branch_questions, general_questions
from bot.assessment.service import AssessmentService, default_service
from bot.config import report_url
from bot.eligibility.fields import field_specs
from bot.knowledge.c102 import format_number
from bot.render.where_to_start import where_to_start_to_dict
from bot.store import AssessmentStore, open_engine
from bot.store.assessments import CODE_LENGTH
from tests.conftest import on_own_database
from web.app import create_app

CASES = {
    "ratifiable with three Parts": {
        "country": "Morocco",
        "article3_declaration": False,
        "general": {"employee_contribution_share": 45},
        "branches": {
            "old_age": {"coverage": {"basis": "employees", "percent": 62}, "replacement_rate": 42,
                        "qualifying_years": 30, "qualifying_basis": "contribution", "reduced_benefit_years": 15,
                        "pensionable_age": 65},
            "employment_injury": {"coverage": {"basis": "employees", "percent": 80}, "replacement_rate": 60,
                                  "qualifying_months": 0, "waiting_days": 0},
            "invalidity": {"coverage": {"basis": "employees", "percent": 70}, "replacement_rate": 40,
                           "qualifying_years": 15, "qualifying_basis": "contribution", "reduced_benefit_years": 5},
        },
    },
    "short of Article 2, with a gap and a missing answer": {
        "country": "Ghana",
        "branches": {
            "sickness": {"coverage": {"basis": "employees", "percent": 60}, "replacement_rate": 50,
                         "max_duration_weeks": "unlimited", "waiting_days": 3},
            "unemployment": {"coverage": {"basis": "employees", "percent": 55}, "replacement_rate": 45,
                             "max_duration_weeks": 13},  # waiting days not known: the Part is incomplete
            "old_age": {"coverage": {"basis": "employees", "percent": 62}, "replacement_rate": 38,
                        "qualifying_years": 30, "qualifying_basis": "contribution", "reduced_benefit_years": "none",
                        "pensionable_age": 67},
        },
    },
    "Article 3 declaration, but employees pay most of the financing": {
        "country": "Kenya",
        "article3_declaration": True,
        "general": {"employee_contribution_share": 60},
        "branches": {
            "medical_care": {"coverage": {"basis": "industrial_employees", "percent": 60}, "max_duration_weeks": 13},
            "sickness": {"coverage": {"basis": "industrial_employees", "percent": 55}, "replacement_rate": 66.7,
                         "max_duration_weeks": 13, "waiting_days": 3},
            "employment_injury": {"coverage": {"basis": "industrial_employees", "percent": 70},
                                  "replacement_rate": 55, "qualifying_months": 0, "waiting_days": 3},
        },
    },
}
START = "Can my country ratify C102?"
SUMMARY_START = "C102 eligibility check"
WHERE_TO_START = "Where to start ("
_HEADER = re.compile(r"^Part ([IVX]+) — .*\(\d+/\d+\)$", re.MULTILINE)
_SAVED = re.compile(rf"Saved as ([A-Z0-9]{{{CODE_LENGTH}}})")  # the whole code, not a prefix


# -- the answers in words ---------------------------------------------------------------------------------------
def in_words(kb: knowledge.Knowledge, field: str, value: object) -> str:
    """What a person would type for `value`."""
    if value is None or value == "unknown":
        return "I don't know"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value == "unlimited":
        return "no limit"
    if value == "none":
        return "none"
    if field == "coverage.basis":
        return {"industrial_employees": "industrial workers"}.get(str(value),
                                                                 kb.c102.coverage_basis(str(value)).synonyms[0])
    if field == "qualifying_basis":
        return {"contribution": "contributions"}.get(str(value), str(value))
    number = format_number(float(value))  # type: ignore[arg-type]
    unit = field_specs(kb.c102)[field].unit
    if field.endswith("percent") or field in ("replacement_rate", "employee_contribution_share"):
        return f"about {number} percent" if float(number) % 2 else f"{number}%"
    return f"{number} {unit}" if unit else number


def flat(case: dict) -> dict[tuple[str | None, str], object]:
    """(branch or None, field) -> value, with the coverage as `coverage.basis` / `coverage.percent`."""
    values: dict[tuple[str | None, str], object] = {(None, name): value
                                                    for name, value in case.get("general", {}).items()}
    for branch, answers in case["branches"].items():
        for name, value in answers.items():
            if name == "coverage":
                values.update({(branch, f"coverage.{key}"): item for key, item in value.items()})
            else:
                values[(branch, name)] = value
    return values


class Interviewee:
    """Answers whatever the bot asks from one case; knows the questions from the engine's own texts."""

    def __init__(self, kb: knowledge.Knowledge, case: dict) -> None:
        self.kb = kb
        self.case = case
        self.values = flat(case)

    def reply_to(self, text: str) -> str | None:
        """The answer to the last question in `text`; None when `text` holds no question."""
        c102 = self.kb.c102
        general = {question.text: question.field for question in general_questions(c102)}
        if chat.COUNTRY_QUESTION in text:
            return self.case["country"]
        if chat.BRANCHES_QUESTION in text:
            return ", ".join(c102.part(branch).title.lower() for branch in self.case["branches"])
        headers = list(_HEADER.finditer(text))
        if headers:
            branch = c102.part(headers[-1].group(1)).branch
            question = text[headers[-1].end():].strip().splitlines()[0]
            basis = self.values.get((branch, "coverage.basis"))
            fields = {q.text: q.field for b in (None, basis) for q in branch_questions(c102, branch, b)}
            return in_words(self.kb, fields[question], self.values.get((branch, fields[question])))
        for question, field in general.items():
            if question in text:
                if field == "article3_declaration":
                    return in_words(self.kb, field, bool(self.case.get(field)))
                return in_words(self.kb, field, self.values.get((None, field)))
        return None


def converse(kb: knowledge.Knowledge, case: dict, send: Callable[[str], str], turns: int = 40) -> str:
    """The whole check through `send` (a message in, the bot's text out); the text of the last turn."""
    interviewee = Interviewee(kb, case)
    said = START
    transcript: list[str] = []
    for _ in range(turns):
        reply = send(said)
        transcript += [f"> {said}", reply]
        assert "Sorry" not in reply, f"the bot refused {said!r}: {reply}"
        if SUMMARY_START in reply:
            return reply
        answer = interviewee.reply_to(reply)
        assert answer is not None, f"no question found after {said!r} in: {reply}"
        said = answer
    raise AssertionError("the check did not finish; the last turns:\n" + "\n".join(transcript[-8:]))


# -- the three faces ---------------------------------------------------------------------------------------------
def cli(tmp_path: Path, case: dict, capsys: pytest.CaptureFixture) -> tuple[dict, str]:
    """(the --json output, the readable report) of `python -m bot assess`."""
    path = tmp_path / "answers.yml"
    path.write_text(yaml.safe_dump(case), encoding="utf-8")
    assert main(["assess", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert main(["assess", str(path)]) == 0
    return data, capsys.readouterr().out


def summary_of(report: str) -> str:
    return report.split("\n\n")[0]


def web(service: AssessmentService, case: dict, then: str | None = None) -> dict:
    """The reply of POST /api/assess; with `then`, that of GET /api/assess/{code}/{then} after it."""
    async def post() -> dict:
        async with TestClient(TestServer(create_app(service))) as client:
            reply = await client.post("/api/assess", json=case)
            assert reply.status == 201
            if then:
                reply = await client.get(f"/api/assess/{(await reply.json())['code']}/{then}")
                assert reply.status == 200
            return await reply.json()

    return asyncio.run(post())


def verdict(data: dict) -> dict:
    """What must agree: Article 2, each Part's status and checks, the financing check."""
    return {"article2": data["article2"], "general": data["general"],
            "parts": [(part["part"], part["status"], part["checks"]) for part in data["parts"]]}


@pytest.fixture
def kb() -> knowledge.Knowledge:
    return knowledge.load()


@pytest.fixture
def web_service(tmp_path) -> AssessmentService:
    store = AssessmentStore(open_engine(f"sqlite:///{tmp_path / 'web.db'}"))
    return AssessmentService(knowledge.load(), store, knowledge.country_status_lookup())


@pytest.fixture
def chat_database(tmp_path, monkeypatch) -> Iterator[None]:
    """The chat actions' service on its own database."""
    yield from on_own_database(tmp_path / "chat.db", monkeypatch, default_service)


def chat_actions(kb: knowledge.Knowledge, case: dict) -> Chat:
    """The whole check driven through the chat's actions (in-process); the chat after the report's turn."""
    conversation = Chat()

    def send(text: str) -> str:
        return conversation.start(text) if text == START else conversation.answer(text)

    converse(kb, case, send)
    return conversation


@pytest.mark.parametrize("name", list(CASES))
def test_cli_web_and_chat_actions_agree(name, kb, tmp_path, capsys, web_service, chat_database):
    case = CASES[name]
    cli_data, cli_report = cli(tmp_path, case, capsys)
    assert verdict(web(web_service, case)) == verdict(cli_data)
    conversation = chat_actions(kb, case)
    assert summary_of(cli_report) in conversation.text
    assert verdict(default_service().saved(conversation.code).result) == verdict(cli_data)


def texts_of(where: dict) -> list[str]:
    """Every line of a "where to start" as JSON: the changes and missing answers per Part, the general changes, the
    paths, what no path lacks."""
    items = [item for part in where["parts"] for item in (*part["changes"], *part["missing"])]
    lines = [item["text"] for item in (*items, *where["general"], *where["paths"])]
    return lines + ([where["no_path"]] if where["no_path"] else [])


@pytest.mark.parametrize("name", list(CASES))
def test_cli_web_and_chat_actions_give_the_same_where_to_start(name, kb, tmp_path, capsys, web_service,
                                                              chat_database):
    case = CASES[name]
    cli_data, cli_report = cli(tmp_path, case, capsys)
    expected = cli_data["where_to_start"]
    assert texts_of(expected)  # something to compare
    assert web(web_service, case, then="where-to-start") == {"code": ANY, **expected}

    conversation = chat_actions(kb, case)
    messages = [message["text"] for message in conversation.messages]
    [shown] = [text for text in messages if text.startswith(WHERE_TO_START)]
    assert f"\n\n{shown}\n\n" in cli_report  # the same block as the CLI's readable report
    assert all(text in shown for text in texts_of(expected))
    saved = default_service().saved(conversation.code)
    assert where_to_start_to_dict(default_service().where_to_start(saved.answers)) == expected
    # after it, the link to the same check's report as a document
    assert messages[messages.index(shown) + 1] == chat.DOWNLOAD_REPORT.format(url=report_url(conversation.code))


@pytest.mark.e2e
@pytest.mark.parametrize("name", list(CASES))
def test_three_faces_agree(name, kb, tmp_path, capsys, web_service, servers):
    case = CASES[name]
    cli_data, cli_report = cli(tmp_path, case, capsys)
    web_data = web(web_service, case)
    sender = uuid.uuid4().hex

    def send(text: str) -> str:
        reply = requests.post(servers.webhook, json={"sender": sender, "message": text}, timeout=60)
        assert reply.status_code == 200, reply.text
        return "\n".join(message.get("text", "") for message in reply.json())

    report = converse(kb, case, send)
    assert summary_of(cli_report) in report
    assert all(text in report for text in texts_of(cli_data["where_to_start"]))
    saved = _SAVED.search(report)
    assert saved, report
    chat_data = AssessmentStore(open_engine()).get(saved.group(1)).result  # the action server's database
    assert verdict(chat_data) == verdict(web_data) == verdict(cli_data)
