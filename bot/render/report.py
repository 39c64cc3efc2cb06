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
from bot.knowledge import Knowledge
from bot.render.assessment import PART_WORDS, UNVERIFIED, check_line, need, verdict_sentence
from bot.render.instrument import render_instrument
from bot.render.where_to_start import change_text, label, part_lines, path_text

TEMPLATES = Path(__file__).parent / "templates"
CHECK_WORDS = {Status.MEETS: "meets", Status.FAILS: "falls short", Status.UNKNOWN: "missing",
               Status.REVIEW: "review"}
UNNAMED_COUNTRY = "[country]"


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


def report_html(kb: Knowledge, source: ReportSource) -> str:
    """The whole document as one HTML page with its CSS inline."""
    return _environment().get_template("report.html").render(**report_context(kb, source))


def report_context(kb: Knowledge, source: ReportSource) -> dict[str, Any]:
    assessment, where = source.assessment, source.where
    c102 = kb.c102
    columns = list(dict.fromkeys(check.check for part in assessment.parts for check in part.checks))
    verdict = assessment.article2
    instrument = render_instrument(c102, assessment.country or UNNAMED_COUNTRY, verdict.acceptable_parts,
                                   article3_declaration=assessment.article3_declaration) if verdict.ratifiable else None
    return {
        "css": (TEMPLATES / "report.css").read_text(encoding="utf-8"),
        "country": assessment.country or "Country not named",
        "country_status": assessment.country_status,
        "issued": f"{source.issued.day} {source.issued:%B %Y}",
        "code": source.code,
        "verdict": verdict_sentence(assessment),
        "ratifiable": verdict.ratifiable,
        "columns": [{"id": column, "label": label(column)} for column in columns],
        "rows": [_row(part, columns) for part in assessment.parts],
        "parts": [_detail(part) for part in assessment.parts],
        "where": [{"part": gap.part, "title": gap.title, "status": PART_WORDS[_part_status(assessment, gap.part)],
                   "lines": part_lines(gap)} for gap in where.parts],
        "general_changes": [change_text(change) for change in where.general],
        "paths": [path_text(path) for path in where.paths],
        "no_path": where.no_path,
        "article3_made": assessment.article3_declaration,
        "article3_fact": c102.general_fact("art3_declaration").cite(),
        "financing": [check_line(check) for check in assessment.general],
        "not_modelled": assessment.not_modelled,
        "full_review": assessment.full_review,
        "steps": [{"title": step.title, "text": step.cite()} for step in kb.procedure.next_steps()],
        "assistance": kb.campaign.technical_assistance.cite(),
        "contact_email": kb.campaign.contact_email,
        "links": kb.campaign.links,
        "answers": yaml.safe_dump(dict(source.answers), allow_unicode=True, sort_keys=False),
        "instrument": instrument,
    }


def _part_status(assessment: Assessment, numeral: str) -> Any:
    return next(part.status for part in assessment.parts if part.part == numeral)


def _cell(check: CheckResult) -> dict[str, str]:
    return {"status": check.status.value, "word": CHECK_WORDS[check.status], "article": check.article}


def _row(part: PartResult, columns: list[str]) -> dict[str, Any]:
    by_check = {check.check: _cell(check) for check in part.checks}
    return {"part": part.part, "title": part.title, "status": part.status.value, "words": PART_WORDS[part.status],
            "cells": [by_check.get(column) for column in columns]}


def _detail(part: PartResult) -> dict[str, Any]:
    return {"part": part.part, "title": part.title, "status": part.status.value, "words": PART_WORDS[part.status],
            "checks": [{**_cell(check), "label": label(check.check), "required": need(check.required),
                        "given": check.given or "not given", "caveat": "" if check.verified else UNVERIFIED}
                       for check in part.checks]}
