"""The decision document: the eligibility check as one print-friendly HTML page (template + CSS), from which the
PDF is made (`bot.render.pdf`), so the browser, the printer and the PDF show the same document.

Cover (country, date, reference, the Article 2 verdict in one sentence); a summary table Parts × checks; the detail
per Part with the figures given and required; where to start and the ratification paths; the Article 3 position;
the financing; what the check does not model; next steps from the knowledge base; annexes: the answers as given
and, when the country could ratify, the draft instrument. The wording of checks and verdict is that of
`bot/render/assessment.py` (the CLI and chat report).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from bot.eligibility.gaps import WhereToStart
from bot.eligibility.result import Assessment, CheckResult, PartResult, Status
from bot.i18n import N_, Translator
from bot.knowledge import Knowledge
from bot.knowledge.text import in_language
from bot.render.assessment import ENGLISH, PART_WORDS, UNVERIFIED, check_line, need, verdict_sentence
from bot.render.instrument import render_instrument
from bot.render.where_to_start import change_text, label, part_lines, path_text
from bot.render.words import in_words, named_in_every_language

TEMPLATES = Path(__file__).parent / "templates"
CHECK_WORDS = {Status.MEETS: N_("meets"), Status.FAILS: N_("falls short"), Status.UNKNOWN: N_("missing"),
               Status.REVIEW: N_("review")}
NO_COUNTRY = N_("Country not named")
NOT_GIVEN = N_("not given")
UNNAMED_COUNTRY = N_("[country]")


@dataclass(frozen=True)
class ReportSource:
    """What the document is made of: the result, its gaps and the answers as given, with where they were saved."""

    assessment: Assessment
    where: WhereToStart
    answers: Mapping[str, Any]
    issued: date
    code: str | None = None  # the saved check's reference; None for a file assessed by the CLI


def report_filename(code: str) -> str:
    """The file name the document of a saved check is downloaded or sent as."""
    return f"C102-report-{code}.pdf"


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True)


def report_html(kb: Knowledge, source: ReportSource, t: Translator = ENGLISH) -> str:
    """The whole document as one HTML page with its CSS inline, in `t`'s language."""
    return _environment().get_template("report.html").render(**report_context(kb, source, t))


def report_context(kb: Knowledge, source: ReportSource, t: Translator = ENGLISH) -> dict[str, Any]:
    assessment, where = named_in_every_language(kb.countries, source.assessment), source.where
    c102 = kb.c102
    columns = list(dict.fromkeys(check.check for part in assessment.parts for check in part.checks))
    verdict = assessment.article2
    country = assessment.country or t.gettext(UNNAMED_COUNTRY)
    instrument = render_instrument(c102, country, verdict.acceptable_parts, t=t,
                                   article3_declaration=assessment.article3_declaration) if verdict.ratifiable else None
    return {
        "_": t.gettext,
        "lang": t.lang,
        "css": (TEMPLATES / "report.css").read_text(encoding="utf-8"),
        "convention_title": t.gettext("ILO {title}").format(title=in_language(c102.convention.title, t.lang)),
        "country": in_words(assessment.country, t) if assessment.country else t.gettext(NO_COUNTRY),
        "country_status": in_words(assessment.country_status, t) if assessment.country_status else None,
        "issued": f"{source.issued.day} {source.issued:%B %Y}" if t.lang == "en" else t.format_day(source.issued),
        "code": source.code,
        "verdict": verdict_sentence(assessment, t),
        "ratifiable": verdict.ratifiable,
        "columns": [{"id": column, "label": label(column, t)} for column in columns],
        "rows": [_row(part, columns, t) for part in assessment.parts],
        "parts": [_detail(part, t) for part in assessment.parts],
        "where": [{"part": gap.part, "title": in_words(gap.title, t),
                   "status": t.gettext(PART_WORDS[_part_status(assessment, gap.part)]),
                   "lines": part_lines(gap, t)} for gap in where.parts],
        "general_changes": [change_text(change, t) for change in where.general],
        "paths_heading": t.gettext("Ratification paths ({article})").format(article=t.article("Art. 2")),
        "paths": [path_text(path, t) for path in where.paths],
        "no_path": in_words(where.no_path, t),
        "article3_made": assessment.article3_declaration,
        "article3_fact": c102.general_fact("art3_declaration").cite(t.lang, t.article),
        "financing": [check_line(check, t) for check in assessment.general],
        "not_modelled": in_words(assessment.not_modelled, t),
        "full_review": in_words(assessment.full_review, t),
        "steps": [{"title": in_language(step.title, t.lang), "text": step.cite(t.lang, t.article)}
                  for step in kb.procedure.next_steps()],
        "assistance": kb.campaign.technical_assistance.cite(t.lang, t.article),
        "contact_email": kb.campaign.contact_email,
        "links": kb.campaign.links,
        "answers": yaml.safe_dump(dict(source.answers), allow_unicode=True, sort_keys=False),
        "instrument": instrument,
    }


def _part_status(assessment: Assessment, numeral: str) -> Any:
    return next(part.status for part in assessment.parts if part.part == numeral)


def _cell(check: CheckResult, t: Translator) -> dict[str, str]:
    return {"status": check.status.value, "word": t.gettext(CHECK_WORDS[check.status]),
            "article": t.article(f"Art. {check.article}")}


def _row(part: PartResult, columns: list[str], t: Translator) -> dict[str, Any]:
    by_check = {check.check: _cell(check, t) for check in part.checks}
    return {"part": part.part, "title": in_words(part.title, t), "status": part.status.value,
            "words": t.gettext(PART_WORDS[part.status]), "cells": [by_check.get(column) for column in columns]}


def _detail(part: PartResult, t: Translator) -> dict[str, Any]:
    return {"part": part.part, "title": in_words(part.title, t), "status": part.status.value,
            "words": t.gettext(PART_WORDS[part.status]),
            "checks": [{**_cell(check, t), "label": label(check.check, t), "required": need(check.required, t),
                        "given": in_words(check.given, t) if check.given else t.gettext(NOT_GIVEN),
                        "caveat": "" if check.verified else t.gettext(UNVERIFIED)}
                       for check in part.checks]}
