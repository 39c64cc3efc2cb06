"""The decision document: its HTML (what each section holds) and the PDF read back (pypdf), with page 1 drawn to
var/screenshots/report-page1.png by poppler's pdftoppm (scripts/pdf_setup.sh installs it)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import date

import pytest
import yaml
from PIL import Image
from pypdf import PdfReader
from test_assessment_service import THREE_PARTS
from test_eligibility_gaps import GHANA

from bot import knowledge
from bot.__main__ import main
from bot.config import PROJECT_ROOT
from bot.eligibility import assess, parse_input
from bot.eligibility.gaps import where_to_start
from bot.render.assessment import verdict_sentence
from bot.render.pdf import PdfUnavailable, html_to_pdf
from bot.render.report import ReportSource, report_html
from bot.render.where_to_start import change_text, missing_text, path_text

SCREENSHOT = PROJECT_ROOT / "var" / "screenshots" / "report-page1.png"


@pytest.fixture(scope="module")
def kb() -> knowledge.Knowledge:
    return knowledge.load()


def source(kb: knowledge.Knowledge, data: dict, code: str | None = "K7Q2XP") -> ReportSource:
    answers = parse_input(data, kb.c102)
    return ReportSource(assess(answers, kb.c102), where_to_start(answers, kb.c102), data, date(2026, 3, 9), code)


def flat(text: str) -> str:
    """Text with every run of whitespace as one space (the PDF breaks lines anywhere)."""
    return " ".join(text.split())


def expected_phrases(report: ReportSource) -> list[str]:
    """What the document must say: country, verdict, every Part, every article cited, every change suggested."""
    assessment, where = report.assessment, report.where
    phrases = [assessment.country or "", flat(_verdict(report))]
    phrases += [f"Part {part.part} – {part.title}" for part in assessment.parts]
    phrases += [f"Art. {check.article}" for part in assessment.parts for check in part.checks]
    phrases += [f"Art. {check.article}" for check in assessment.general]
    phrases += [change_text(change) for gap in where.parts for change in gap.changes]
    phrases += [missing_text(item) for gap in where.parts for item in gap.missing]
    phrases += [change_text(change) for change in where.general] + [path_text(path) for path in where.paths]
    return phrases


def _verdict(report: ReportSource) -> str:
    return verdict_sentence(report.assessment)


def test_the_html_has_every_section(kb):
    report = source(kb, GHANA)
    html = flat(report_html(kb, report))
    for phrase in expected_phrases(report):
        assert phrase.replace("'", "&#39;") in html, phrase
    assert "9 March 2026" in html and "K7Q2XP" in html
    assert flat(report.assessment.not_modelled).replace("'", "&#39;") in html
    assert "not a legal opinion" in html
    assert kb.campaign.contact_email in html
    for step in kb.procedure.next_steps():
        assert step.title in html
    assert "An Article 3 declaration (temporary exceptions) is <strong>not made</strong>" in html
    assert "employee_contribution_share: 60" in html  # the answers as given
    assert "INSTRUMENT OF RATIFICATION" not in html  # not ratifiable: no draft
    # the summary table: one row per Part, a cell per check with its word and article
    assert re.search(r"<td class=\"fails\">falls short<br><span class=\"art\">Art\. 28 \+ Schedule</span>", html)
    assert re.search(r"<td class=\"unknown\">missing<br><span class=\"art\">Art\. 24\(3\)</span>", html)


def test_a_ratifiable_country_gets_the_draft_instrument_and_a_path_without_changes(kb):
    html = flat(report_html(kb, source(kb, THREE_PARTS)))
    assert "INSTRUMENT OF RATIFICATION" in html and "Part V – Old-age benefit" in html
    assert "Parts V, VI and IX: they meet the minimum as described" in html
    assert "Morocco could ratify C102 as described (Art. 2), accepting Parts V, VI and IX." in html


def test_an_unnamed_country_and_an_unsaved_check_are_said_so(kb):
    data = {key: value for key, value in GHANA.items() if key != "country"}
    html = report_html(kb, source(kb, data, code=None))
    assert "Eligibility check: Country not named" in html
    assert "not saved (assessed from a file)" in html


def test_the_cli_writes_the_pdf_which_reads_back_and_draws_page_one(kb, tmp_path, capsys):
    answers = tmp_path / "ghana.yml"
    answers.write_text(yaml.safe_dump(GHANA), encoding="utf-8")
    pdf = tmp_path / "report.pdf"
    assert main(["assess", str(answers), "--pdf", str(pdf)]) == 0
    capsys.readouterr()
    reader = PdfReader(pdf)
    text = flat(" ".join(page.extract_text() for page in reader.pages))
    for phrase in expected_phrases(source(kb, GHANA)):
        assert flat(phrase) in text, phrase
    assert "not a legal opinion" in text and kb.campaign.contact_email in text
    cover = flat(reader.pages[0].extract_text())  # the cover is a page of its own
    assert "Eligibility check: Ghana" in cover and flat(_verdict(source(kb, GHANA))) in cover
    assert "1. Summary" not in cover
    assert "Page 2 of" in text  # the running footer

    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "pdftoppm is missing: run scripts/pdf_setup.sh (poppler-utils)"
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([pdftoppm, "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(SCREENSHOT.with_suffix(""))], check=True, timeout=60)
    with Image.open(SCREENSHOT) as image:
        width, height = image.size
        assert abs(height / width - 297 / 210) < 0.01  # an A4 page
        assert len(set(image.convert("L").resize((40, 56)).getdata())) > 2  # not a blank page


def test_the_pdf_is_made_from_the_same_html(kb, tmp_path):
    pdf = html_to_pdf(report_html(kb, source(kb, THREE_PARTS)))
    assert pdf.startswith(b"%PDF-")
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    text = flat(" ".join(page.extract_text() for page in PdfReader(path).pages))
    assert "INSTRUMENT OF RATIFICATION" in text and "K7Q2XP" in text


def test_a_pdf_that_cannot_be_written_is_one_line_on_stderr(tmp_path, capsys):
    answers = tmp_path / "ghana.yml"
    answers.write_text(yaml.safe_dump(GHANA), encoding="utf-8")
    target = tmp_path / "no such directory" / "report.pdf"
    assert main(["assess", str(answers), "--pdf", str(target)]) == 1
    out, err = capsys.readouterr()
    assert out.startswith("C102 eligibility check: Ghana")  # the report was printed all the same
    [line] = err.splitlines()
    assert line.startswith(f"{target}: the PDF was not written: ")


def test_without_weasyprint_the_message_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails as it does without the package
    with pytest.raises(PdfUnavailable, match="run scripts/pdf_setup.sh"):
        html_to_pdf("<p>x</p>")
