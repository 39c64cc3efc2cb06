"""The web API for the decision document: report.html, report.pdf, where-to-start, compare; 4xx for bad codes.
(That the CLI, the web API and the chat give the same "where to start": tests/test_assessment_faces.py.)"""

from __future__ import annotations

import copy
import io
import re

import test_web_api
from aiohttp.test_utils import TestClient
from pypdf import PdfReader
from test_assessment_service import THREE_PARTS
from test_eligibility_gaps import GHANA

from bot.assessment import service as assessment_service
from bot.assessment.service import AssessmentService
from bot.config import PROJECT_ROOT
from bot.eligibility import assess, parse_input
from bot.eligibility.compare import compare
from bot.eligibility.gaps import where_to_start
from bot.knowledge import c102
from bot.knowledge.reader import load_document
from bot.render.compare import comparison_to_dict, render_comparison
from bot.render.pdf import PdfUnavailable
from web.context import SERVICE

run_app = test_web_api.run  # the fixture: runs a scenario against the app on a fresh database
KB = c102.parse(load_document(PROJECT_ROOT / "data" / "knowledge", c102.FILE))


def reformed(data: dict) -> dict:
    """Ghana after a reform: sickness coverage and the old-age rate raised, the unemployment waiting days given."""
    after = copy.deepcopy(data)
    after["branches"]["sickness"]["coverage"]["percent"] = 55
    after["branches"]["unemployment"]["waiting_days"] = 7
    after["branches"]["old_age"]["replacement_rate"] = 40
    return after


async def post(client: TestClient, data: dict) -> str:
    reply = await client.post("/api/assess", json=data)
    assert reply.status == 201
    return (await reply.json())["code"]


async def errors(reply) -> list[str]:
    assert reply.content_type == "application/json"
    return (await reply.json())["errors"]


def test_report_html_and_pdf_of_a_saved_check(run_app):
    async def scenario(client: TestClient) -> None:
        code = await post(client, GHANA)
        page = await client.get(f"/api/assess/{code.lower()}/report.html")
        assert page.status == 200 and page.content_type == "text/html"
        html = await page.text()
        assert "Eligibility check: Ghana" in html and code in html
        assert "Coverage 41% → 50% of all employees (+9 points), Art. 15(a)" in html
        pdf = await client.get(f"/api/assess/{code}/report.pdf")
        assert pdf.status == 200 and pdf.content_type == "application/pdf"
        assert pdf.headers["Content-Disposition"] == f'attachment; filename="C102-report-{code}.pdf"'
        reader = PdfReader(io.BytesIO(await pdf.read()))
        text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
        assert "Ghana could not yet ratify C102 (Art. 2)" in text and code in text

    run_app(scenario)


def test_a_server_that_cannot_make_pdfs_answers_503_and_points_to_the_html(run_app, monkeypatch):
    def unavailable(html: str) -> bytes:
        raise PdfUnavailable("no Pango")

    monkeypatch.setattr(assessment_service, "html_to_pdf", unavailable)

    async def scenario(client: TestClient) -> None:
        code = await post(client, THREE_PARTS)
        reply = await client.get(f"/api/assess/{code}/report.pdf")
        assert reply.status == 503
        assert await errors(reply) == [f"the PDF cannot be made on this server; the same report is at "
                                       f"/api/assess/{code}/report.html"]

    run_app(scenario)


def test_bad_codes_get_a_clear_4xx(run_app):
    async def scenario(client: TestClient) -> None:
        service: AssessmentService = client.app[SERVICE]
        unfinished = service.store.save({"country": "Chile"}, status="in_progress")
        for path in ("report.html", "report.pdf", "where-to-start"):
            missing = await client.get(f"/api/assess/ZZZZZZ/{path}")
            assert missing.status == 404
            assert await errors(missing) == ["no saved assessment with the code 'ZZZZZZ'"]
            early = await client.get(f"/api/assess/{unfinished}/{path}")
            assert early.status == 409
            [message] = await errors(early)
            assert message.startswith(f"assessment {unfinished} is not finished yet (in progress)")
        code = await post(client, GHANA)
        for query, status in ((f"a={code}", 400), (f"a={code}&b=ZZZZZZ", 404), (f"a={unfinished}&b={code}", 409),
                              ("", 400)):
            reply = await client.get(f"/api/assess/compare?{query}")
            assert reply.status == status, query
            assert await errors(reply)

    run_app(scenario)


def test_compare_two_checks_before_and_after_a_reform(run_app):
    async def scenario(client: TestClient) -> None:
        before, after = await post(client, GHANA), await post(client, reformed(GHANA))
        reply = await client.get(f"/api/assess/compare?a={before}&b={after.lower()}")
        assert reply.status == 200
        data = await reply.json()
        assert data["a"] == before and data["b"] == after
        assert [move["text"] for move in data["parts_moved"]] == [
            "Part III – Sickness benefit: falls short → meets the minimum",
            "Part IV – Unemployment benefit: answers missing → meets the minimum",
        ]
        assert [(move["part"], move["check"]) for move in data["now_meet"]] == [
            ("III", "coverage"), ("IV", "waiting_period"), ("V", "benefit_rate")]
        assert data["now_meet"][0]["text"] == \
            "Part III, coverage (Art. 15(a)): 41% of all employees → 55% of all employees"
        assert data["no_longer_meet"] == []
        assert data["ratifiable"] == {"a": False, "b": False}  # Art. 71(2) still broken
        assert all(path["parts"] for path in data["new_paths"])
        french = await (await client.get(f"/api/assess/compare?a={before}&b={after}&lang=fr")).json()
        spanish = await (await client.get(f"/api/assess/compare?a={before}&b={after}",
                                          headers={"Accept-Language": "es-ES,es;q=0.9"})).json()
        assert without_texts(french) == without_texts(spanish) == without_texts(data)
        assert french["parts_moved"][0]["text"] == \
            "Partie III – Indemnités de maladie : n'atteint pas le minimum → atteint le minimum"
        assert spanish["now_meet"][0]["text"].startswith("Parte III, personas protegidas (art. 15(a)): ")

    run_app(scenario)


def without_texts(data: object) -> object:
    """The comparison's data without its words: what must not change with the language."""
    if isinstance(data, dict):
        return {key: without_texts(value) for key, value in data.items() if key != "text"}
    return [without_texts(item) for item in data] if isinstance(data, list) else data


def test_compare_pure():
    def both(data: dict):
        answers = parse_input(data, KB)
        return assess(answers, KB), where_to_start(answers, KB)

    fixed = reformed(GHANA)
    fixed["general"]["employee_contribution_share"] = 50
    fixed["branches"]["employment_injury"] = THREE_PARTS["branches"]["employment_injury"]
    comparison = compare(*both(GHANA), *both(fixed))
    assert (comparison.ratifiable_before, comparison.ratifiable_after) == (False, True)
    assert [(path.parts, path.to_change) for path in comparison.new_paths] == [(("III", "IV", "VI"), ())]
    assert compare(*both(GHANA), *both(GHANA)).parts_moved == ()
    dropped = {**GHANA, "branches": {key: value for key, value in GHANA["branches"].items() if key != "sickness"}}
    [move] = compare(*both(GHANA), *both(dropped)).parts_moved
    assert (move.part, move.after) == ("III", None)

    data = comparison_to_dict(comparison, "K7Q2XP4M3N", "M3N8QT7P2K")
    text = render_comparison(comparison, "K7Q2XP4M3N", "M3N8QT7P2K")  # the chat's words: the same lines
    assert text.startswith("What changed from check K7Q2XP4M3N to check M3N8QT7P2K\n"
                           "Article 2: could not yet ratify → could ratify as described\n")
    lines = [item["text"] for key in ("parts_moved", "now_meet", "no_longer_meet", "new_paths") for item in data[key]]
    assert lines and all(f"  - {line}" in text.splitlines() for line in lines)
    assert "No Part and no check changed" not in text

    from bot.i18n import translator
    from bot.nlu.understanding import english_sentences

    for lang in ("fr", "es"):  # the chat's words in the conversation's language, the verdicts the same
        t = translator(lang)
        assert without_texts(comparison_to_dict(comparison, "K7Q2XP4M3N", "M3N8QT7P2K", t)) == without_texts(data)
        words = render_comparison(comparison, "K7Q2XP4M3N", "M3N8QT7P2K", t)
        assert english_sentences(words) == [], words
        assert len(words.splitlines()) == len(text.splitlines())
    assert render_comparison(comparison, "K7Q2XP4M3N", "M3N8QT7P2K", translator("fr")).startswith(
        "Ce qui a changé entre la vérification K7Q2XP4M3N et la vérification M3N8QT7P2K\n"
        "Article 2 : ratification pas encore possible → ratification possible dans la situation décrite\n")
    assert "Artículo 2: sin cambios, ratificación aún no posible" in render_comparison(
        compare(*both(GHANA), *both(GHANA)), "A", "B", translator("es"))


def test_the_report_in_french_and_spanish_by_lang_or_accept_language(run_app):
    """The document in the reader's language (`?lang=`, else Accept-Language); the JSON is the same in every one."""
    from html import unescape

    from bot.nlu.understanding import english_sentences

    async def scenario(client: TestClient) -> None:
        code = await post(client, GHANA)
        french = unescape(await (await client.get(f"/api/assess/{code}/report.html?lang=fr")).text())
        assert '<html lang="fr">' in french and "Vérification des conditions : Ghana" in french
        assert "Le pays" not in french and "ne pourrait pas encore être ratifiée par le Ghana (art. 2)" in french
        spanish = unescape(await (await client.get(f"/api/assess/{code}/report.html",
                                                   headers={"Accept-Language": "es-419,es;q=0.9,en;q=0.5"})).text())
        assert '<html lang="es">' in spanish and "Comprobación de requisitos: Ghana" in spanish
        for page in (french, spanish):
            body = page.split("<body>")[1].split("Annex")[0].split("Annexe")[0].split("Anexo")[0]
            text = " ".join(re.sub(r"<[^>]+>", " ", body).split())
            assert english_sentences(text) == []
        english = await (await client.get(f"/api/assess/{code}/report.html",
                                          headers={"Accept-Language": "de-DE, en;q=0.8"})).text()
        assert '<html lang="en">' in english and "Eligibility check: Ghana" in english

    run_app(scenario)
