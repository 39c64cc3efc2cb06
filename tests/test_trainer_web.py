"""The trainer's pages and API over HTTP (aiohttp's test client, no Rasa): off without RATIFY_TRAINER_TOKEN, 401
without the token and nothing else in the answer, create / dashboard data / CSV / close with it, and bad requests
answered with what is wrong."""

from __future__ import annotations

import asyncio
import csv
import io
import re
from collections.abc import Awaitable, Callable

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot import knowledge
from bot.assessment.service import AssessmentService
from bot.config import TRAINER_TOKEN_VARIABLE as TOKEN_VARIABLE
from bot.i18n import translator
from bot.store import AssessmentStore, open_engine
from bot.store.trainer_sessions import TrainerStore
from bot.throttle import FAILED_LOOKUPS
from bot.trainer import chat
from bot.trainer.dashboard import questions_of
from bot.trainer.service import TrainerService
from tests.test_assessment_service import THREE_PARTS
from web.__main__ import main
from web.app import create_app
from web.context import SERVICE
from web.page import STATIC_DIR, page_texts
from web.trainer import CHART_BUNDLE, TRAINER

TOKEN = "s3cret-trainer-token-of-at-least-32-characters"
BEARER = {"Authorization": f"Bearer {TOKEN}"}
SESSION_NAME = "Atelier Dakar"
Scenario = Callable[[TestClient], Awaitable[None]]


@pytest.fixture
def trainer(tmp_path) -> TrainerService:
    return TrainerService(knowledge.load(), TrainerStore(open_engine(f"sqlite:///{tmp_path / 'web.db'}")))


@pytest.fixture
def run(trainer, monkeypatch) -> Callable[[Scenario], None]:
    monkeypatch.setenv(TOKEN_VARIABLE, TOKEN)
    monkeypatch.delenv("RATIFY_WEB_URL", raising=False)

    def runner(scenario: Scenario) -> None:
        async def main() -> None:
            app = create_app()
            app[TRAINER] = trainer
            async with TestClient(TestServer(app, host="127.0.0.1")) as client:
                await scenario(client)

        asyncio.run(main())

    return runner


def joined_and_answered(trainer: TrainerService) -> str:
    """A session with one participant who answered the first question (option A, whatever it is)."""
    session = trainer.create(SESSION_NAME, 3)
    trainer.join("sender-1", f"join {session.code} as Amina")
    trainer.answer("sender-1", "A")
    trainer.record_topic("sender-1", "procedure")
    return session.code


PROTECTED = [("GET", "/trainer/sessions.json"), ("POST", "/trainer/sessions"), ("GET", "/trainer/{code}/data.json"),
             ("GET", "/trainer/{code}/answers.csv"), ("GET", "/trainer/{code}/scores.csv"),
             ("POST", "/trainer/{code}/close")]


@pytest.mark.parametrize(("method", "path"), PROTECTED)
@pytest.mark.parametrize("credentials", [{}, {"headers": {"Authorization": "Bearer wrong"}},
                                         {"params": {"token": TOKEN}}, {"headers": {"Authorization": TOKEN}}],
                         ids=["none", "wrong bearer", "token in the query", "no scheme"])
def test_without_the_token_401_and_no_data(run, trainer, method, path, credentials):
    code = joined_and_answered(trainer)

    async def scenario(client: TestClient) -> None:
        reply = await client.request(method, path.format(code=code), json={"name": "Leak?"}, **credentials)
        assert reply.status == 401
        assert reply.headers["WWW-Authenticate"].startswith("Bearer")
        body = await reply.json()
        assert list(body) == ["errors"] and len(body["errors"]) == 1
        assert "trainer token" in body["errors"][0]
        for secret in (SESSION_NAME, "Amina", code, "sender-1", TOKEN):
            assert secret not in await reply.text()

    run(scenario)
    assert [s.name for s in trainer.sessions()] == [SESSION_NAME]  # nothing created, nothing closed
    assert trainer.session(code).is_open


def test_pages_and_api_are_off_without_a_configured_token(run, trainer, monkeypatch):
    code = joined_and_answered(trainer)
    monkeypatch.delenv(TOKEN_VARIABLE)

    async def scenario(client: TestClient) -> None:
        for method, path in [("GET", "/trainer"), ("GET", "/trainer/{code}"), *PROTECTED]:
            reply = await client.request(method, path.format(code=code), headers=BEARER)
            assert reply.status == 404, path
            off = f"the trainer pages are off: set {TOKEN_VARIABLE} to turn them on"
            assert (await reply.json())["errors"] == [off]

    run(scenario)


def test_a_token_shorter_than_32_characters_leaves_the_pages_off_and_the_server_unstarted(run, trainer, monkeypatch,
                                                                                         capsys):
    monkeypatch.setenv(TOKEN_VARIABLE, "x" * 31)

    async def scenario(client: TestClient) -> None:
        reply = await client.get("/trainer/sessions.json", headers={"Authorization": "Bearer " + "x" * 31})
        assert reply.status == 404

    run(scenario)
    assert main(["--port", "1"]) == 2  # refuses before listening
    assert "at least 32" in capsys.readouterr().err


def test_wrong_tokens_are_throttled_per_client_address(run, trainer):
    async def scenario(client: TestClient) -> None:
        wrong = {"Authorization": "Bearer wrong"}
        for _ in range(FAILED_LOOKUPS):
            assert (await client.get("/trainer/sessions.json", headers=wrong)).status == 401
        throttled = await client.get("/trainer/sessions.json", headers=BEARER)  # even the right one, for a while
        assert throttled.status == 429 and "too many failed attempts" in (await throttled.json())["errors"][0]
        # behind production mode's nginx, the client is the one nginx names
        elsewhere = await client.get("/trainer/sessions.json", headers=BEARER | {"X-Real-IP": "203.0.113.9"})
        assert elsewhere.status == 200

    run(scenario)


def test_the_pages_carry_no_data_and_load_only_from_our_server(run, trainer):
    code = joined_and_answered(trainer)

    async def scenario(client: TestClient) -> None:
        for path in ("/trainer", f"/trainer/{code}"):
            reply = await client.get(path)
            assert reply.status == 200 and reply.content_type == "text/html"
            html = await reply.text()
            for script in ("/vendor/chart.js", "/static/trainer.js", "/static/trainer.session.js"):
                assert f'<script src="{script}" defer></script>' in html
            assert SESSION_NAME not in html and "Amina" not in html
            assert "default-src 'self'" in reply.headers["Content-Security-Policy"]
            assert "connect-src 'self'" in reply.headers["Content-Security-Policy"]
        for asset in ("/static/trainer.js", "/static/trainer.home.js", "/static/trainer.session.js",
                      "/static/trainer.css"):
            assert (await client.get(asset)).status == 200, asset

    run(scenario)


@pytest.mark.skipif(not CHART_BUNDLE.is_file(), reason="Chart.js not installed (scripts/web_setup.sh)")
def test_chart_js_comes_from_node_modules(run):
    async def scenario(client: TestClient) -> None:
        reply = await client.get("/vendor/chart.js")
        assert reply.status == 200 and reply.content_type == "application/javascript"
        assert await reply.read() == CHART_BUNDLE.read_bytes()

    run(scenario)


def test_create_a_session_follow_it_close_it(run, trainer):
    async def scenario(client: TestClient) -> None:
        reply = await client.post("/trainer/sessions", json={"name": "Workshop Nairobi", "quiz": 4}, headers=BEARER)
        assert reply.status == 201
        created = await reply.json()
        code = created["code"]
        assert reply.headers["Location"] == f"/trainer/{code}"
        assert created["join_url"] == f"http://{client.host}:{client.port}/?join={code}"
        assert created["dashboard_url"].endswith(f"/trainer/{code}") and created["questions"] == 4

        trainer.join("sender-1", f"join {code}")
        trainer.answer("sender-1", "B")
        data = await (await client.get(f"/trainer/{code}/data.json", headers=BEARER)).json()
        assert data["session"]["name"] == "Workshop Nairobi" and len(data["participants"]) == 1
        assert sum(q["answered"] for q in data["questions"]) == 1

        listing = await (await client.get("/trainer/sessions.json", headers=BEARER)).json()
        assert [s["code"] for s in listing["sessions"]] == [code]

        closed = await client.post(f"/trainer/{code.lower()}/close", headers=BEARER)
        assert closed.status == 200 and (await closed.json())["status"] == "closed"
        assert trainer.join("late", f"join {code}").status.value == "closed"

    run(scenario)


def test_the_csv_exports(run, trainer):
    code = joined_and_answered(trainer)
    (answer,) = trainer.snapshot(code).answers

    async def scenario(client: TestClient) -> None:
        reply = await client.get(f"/trainer/{code}/answers.csv", headers=BEARER)
        assert reply.status == 200 and reply.content_type == "text/csv" and reply.charset == "utf-8"
        assert reply.headers["Content-Disposition"] == f'attachment; filename="trainer-{code}-answers.csv"'
        (row,) = list(csv.DictReader(io.StringIO((await reply.read()).decode("utf-8-sig"))))
        assert (row["session"], row["display_name"], row["question"], row["answer"]) == (code, "Amina", "1",
                                                                                         answer.choice)
        scores = (await (await client.get(f"/trainer/{code}/scores.csv", headers=BEARER)).read()).decode("utf-8-sig")
        assert scores.splitlines()[0].startswith("session,participant,display_name")

    run(scenario)


@pytest.mark.parametrize(("lang", "answers_header", "scores_header", "correct"), [
    ("fr", "Session,Participant,Nom affiché,Question", "Session,Participant,Nom affiché,Inscrit le", {"oui", "non"}),
    ("es-419", "Sesión,Participante,Nombre mostrado,Pregunta", "Sesión,Participante,Nombre mostrado,Inscripción",
     {"sí", "no"}),
])
def test_the_csv_headers_in_the_trainers_language(run, trainer, lang, answers_header, scores_header, correct):
    code = joined_and_answered(trainer)

    async def scenario(client: TestClient) -> None:
        answers = (await (await client.get(f"/trainer/{code}/answers.csv?lang={lang}", headers=BEARER)).read())
        lines = answers.decode("utf-8-sig").splitlines()
        assert lines[0].startswith(answers_header)
        (row,) = list(csv.reader(lines[1:]))
        assert row[7] in correct
        scores = (await (await client.get(f"/trainer/{code}/scores.csv?lang={lang}", headers=BEARER)).read())
        assert scores.decode("utf-8-sig").splitlines()[0].startswith(scores_header)

    run(scenario)


@pytest.mark.parametrize(("query", "headers", "lang"), [
    ("", {}, "en"), ("?lang=fr", {}, "fr"), ("", {"Accept-Language": "es-MX,es;q=0.9,en;q=0.5"}, "es"),
    ("?lang=fr", {"Accept-Language": "es"}, "fr"), ("", {"Accept-Language": "de-DE,fr;q=0.7"}, "fr"),
], ids=["default", "?lang=", "Accept-Language", "?lang= first", "the first of ours"])
def test_the_dashboard_data_in_the_trainers_language(run, trainer, query, headers, lang):
    code = joined_and_answered(trainer)
    questions = questions_of(trainer.session(code))
    t = translator(lang)

    async def scenario(client: TestClient) -> None:
        reply = await client.get(f"/trainer/{code}/data.json{query}", headers={**BEARER, **headers})
        assert reply.status == 200 and "Accept-Language" in reply.headers["Vary"]
        data = await reply.json()
        assert [q["prompt"] for q in data["questions"]] == [q.prompt.get(lang) for q in questions]
        assert [q["answer"] for q in data["questions"]] == [q.answer.get(lang) for q in questions]
        assert data["topics"][0]["label"] == t.gettext("The ratification procedure")
        assert data["session"]["join_words"] == chat.join_example(t, code) and data["session"]["language"] == lang
        assert [p["answered"] for p in data["participants"]] == [1]  # the figures whatever the language

    run(scenario)


@pytest.mark.parametrize(("lang", "verdicts"), [
    ("en", {("Morocco", "not yet: needs two more Parts"), ("Morocco", "could ratify: Parts V, VI, IX")}),
    ("fr", {("Maroc", "pas encore : il faut deux parties de plus"),
            ("Maroc", "pourrait ratifier : parties V, VI, IX")}),
    ("es", {("Marruecos", "todavía no: necesita dos partes más"), ("Marruecos", "podría ratificar: partes V, VI, IX")}),
])
def test_the_checks_of_the_session_in_the_trainers_language(run, trainer, tmp_path, lang, verdicts):
    """What a check that cannot ratify yet lacks, from the engine in the trainer's language, and the country's name."""
    code = joined_and_answered(trainer)
    trainer.join("sender-2", f"join {code}")
    checks = AssessmentService(trainer.kb, AssessmentStore(trainer.store.engine))
    checks.finish({**THREE_PARTS, "branches": {"old_age": THREE_PARTS["branches"]["old_age"]}}, sender_id="sender-1")
    checks.finish(THREE_PARTS, sender_id="sender-2")

    async def scenario(client: TestClient) -> None:
        client.app[SERVICE] = checks
        data = await (await client.get(f"/trainer/{code}/data.json?lang={lang}", headers=BEARER)).json()
        assert {(check["country"], check["verdict"]) for check in data["assessments"]} == verdicts

    run(scenario)


def test_the_csv_follows_accept_language_too(run, trainer):
    code = joined_and_answered(trainer)
    (question,) = questions_of(trainer.session(code))[:1]

    async def scenario(client: TestClient) -> None:
        reply = await client.get(f"/trainer/{code}/answers.csv", headers={**BEARER, "Accept-Language": "fr-FR"})
        (row,) = list(csv.DictReader(io.StringIO((await reply.read()).decode("utf-8-sig"))))
        assert row["Énoncé"] == question.prompt.get("fr") and row["Bonne réponse"] == question.answer.get("fr")

    run(scenario)


TEXT_KEYS = re.compile(r'data-(?:text|label|placeholder)="(\w+)"|\.dataset\.text = "(\w+)"|\btext\("(\w+)"')
SWITCHED_KEYS = re.compile(r'"(status_open|status_closed|status_closed_long|token_invalid|token_required)"')


def test_every_text_of_the_trainer_page_is_in_the_three_languages():
    """The page's texts (trainer.html's data-text/-label/-placeholder, the scripts' text("...")) are all in
    static/texts.json for every language, translated, and the join words the page shows are the chat's."""
    sources = [STATIC_DIR / name for name in ("trainer.html", "trainer.js", "trainer.home.js", "trainer.session.js")]
    used = {key for path in sources for match in TEXT_KEYS.finditer(path.read_text(encoding="utf-8"))
            for key in match.groups() if key}
    used |= {key for path in sources for key in SWITCHED_KEYS.findall(path.read_text(encoding="utf-8"))}
    assert {"heading", "col_question", "no_participants", "confirm_close", "status_open", "axis_percent",
            "token_required"} <= used
    texts = page_texts()
    for lang in ("en", "fr", "es"):
        assert used <= set(texts[lang]["trainer"]), lang
        assert texts[lang]["page"]["join"] == chat.join_example(translator(lang), "{code}"), lang
    assert set(texts["fr"]["trainer"]) == set(texts["en"]["trainer"]) == set(texts["es"]["trainer"])
    for lang in ("fr", "es"):
        same = [key for key in texts["en"]["trainer"] if texts[lang]["trainer"][key] == texts["en"]["trainer"][key]]
        assert set(same) <= {"col_number", "col_code", "sessions", "col_questions", "questions_title", "col_question",
                             "participants_title", "col_participant", "col_article", "token_label",
                             "axis_participants"}, (lang, same)


def test_the_page_has_the_language_switch(run, trainer):
    async def scenario(client: TestClient) -> None:
        html = await (await client.get("/trainer")).text()
        for lang in ("en", "fr", "es"):
            assert f'data-lang="{lang}"' in html

    run(scenario)


@pytest.mark.parametrize(("method", "path", "body", "status", "problem"), [
    ("GET", "/trainer/ZZZZ/data.json", None, 404, "no training session with the code 'ZZZZ'"),
    ("GET", "/trainer/ZZZZ/answers.csv", None, 404, "no training session with the code 'ZZZZ'"),
    ("POST", "/trainer/ZZZZ/close", None, 404, "no training session with the code 'ZZZZ'"),
    ("GET", "/trainer/{code}/all.csv", None, 404, "no export 'all.csv': there are answers.csv, scores.csv"),
    ("POST", "/trainer/sessions", b"not json", 400, "the body must be JSON"),
    ("POST", "/trainer/sessions", b'["Workshop"]', 400, "the body must be JSON"),
    ("POST", "/trainer/sessions", b'{"name": "W", "quiz": "ten"}', 400, "'quiz' must be a whole number"),
    ("POST", "/trainer/sessions", b'{"name": "W", "quiz": true}', 400, "'quiz' must be a whole number"),
    ("POST", "/trainer/sessions", b'{"name": "W", "quiz": 0}', 400, "the quiz can have 1 to"),
    ("POST", "/trainer/sessions", b'{"name": " "}', 400, "give the session a name"),
])
def test_bad_requests_say_what_is_wrong(run, trainer, method, path, body, status, problem):
    code = joined_and_answered(trainer)

    async def scenario(client: TestClient) -> None:
        reply = await client.request(method, path.format(code=code), data=body, headers=BEARER)
        assert reply.status == status
        (message,) = (await reply.json())["errors"]
        assert message.startswith(problem)

    run(scenario)
