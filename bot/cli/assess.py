"""`python -m bot assess FILE [--json]`: check a country's answers (YAML or JSON) against C102.

Bad input exits with 2 and one line per problem on stderr, nothing on stdout; a broken knowledge base exits 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

import yaml

from bot import knowledge
from bot.eligibility import InputError, assess, assessment_to_dict, parse_input
from bot.eligibility.gaps import WhereToStart, where_to_start
from bot.eligibility.result import Assessment
from bot.i18n import Translator, translator
from bot.knowledge import c102, countries
from bot.knowledge.reader import KnowledgeError, load_document
from bot.knowledge.text import DEFAULT_LANGUAGE, LANGUAGES
from bot.render.assessment import render_assessment
from bot.render.pdf import PdfUnavailable, html_to_pdf
from bot.render.report import ReportSource, report_html
from bot.render.where_to_start import render_where_to_start, where_to_start_to_dict
from bot.render.words import named_in_every_language

BAD_INPUT = 2
BROKEN_KNOWLEDGE = 1
NOT_WRITTEN = 1


class AnswersFileError(ValueError):
    """The file cannot be read as YAML or JSON (one line, naming the file)."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("assess", help="check a country's answers against the C102 minimum standards")
    parser.add_argument("file", type=Path, help="the answers, as YAML or JSON (see docs/assessment-contract.md)")
    parser.add_argument("--json", action="store_true", help="print the assessment as JSON instead of a report")
    parser.add_argument("--pdf", type=Path, default=None, help="also write the report as a PDF document to this file")
    parser.add_argument("--dir", type=Path, default=None, help="knowledge directory (default: data/knowledge)")
    parser.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE,
                        help="the report's language (the JSON is the same in every language)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    directory = Path(args.dir or knowledge.knowledge_dir())
    try:
        data = read_answers(args.file)
    except AnswersFileError as exc:
        print(exc, file=sys.stderr)
        return BAD_INPUT
    try:
        c102_data = c102.parse(load_document(directory, c102.FILE))
        states = countries.parse(load_document(directory, countries.FILE))
    except KnowledgeError as exc:
        print(f"knowledge base invalid: {exc}", file=sys.stderr)
        return BROKEN_KNOWLEDGE
    try:
        answers = parse_input(data, c102_data)
    except InputError as exc:
        print("\n".join(exc.problems), file=sys.stderr)
        return BAD_INPUT
    result = assess(answers, c102_data, knowledge.country_status_lookup(directory) if answers.country else None)
    where = where_to_start(answers, c102_data)
    print(json.dumps({**assessment_to_dict(result), "where_to_start": where_to_start_to_dict(where)}, indent=2,
                     ensure_ascii=False) if args.json else report_text(named_in_every_language(states, result), where,
                                                                       translator(args.lang)))
    if args.pdf:
        return write_pdf(directory, ReportSource(result, where, data, date.today()), args.pdf)
    return 0


def report_text(result: Assessment, where: WhereToStart, t: Translator) -> str:
    """The report for people, in `t`'s language (the country named in it as the knowledge base names it there:
    `named_in_every_language`)."""
    return render_assessment(result, render_where_to_start(where, t), t)


def write_pdf(directory: Path, source: ReportSource, path: Path) -> int:
    try:
        kb = knowledge.load(directory)
    except KnowledgeError as exc:
        print(f"knowledge base invalid: {exc}", file=sys.stderr)
        return BROKEN_KNOWLEDGE
    try:
        path.write_bytes(html_to_pdf(report_html(kb, source)))
    except (OSError, PdfUnavailable) as exc:
        print(f"{path}: the PDF was not written: {exc}", file=sys.stderr)
        return NOT_WRITTEN
    return 0


def read_answers(path: Path) -> object:
    """The file's content: JSON when it ends in .json, YAML (a superset of JSON) otherwise."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise AnswersFileError(f"{path}: cannot be read ({exc.__class__.__name__}: {exc})") from None
    try:
        return json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        detail = " ".join(str(exc).split())  # YAML errors span several lines; keep one line per problem
        raise AnswersFileError(f"{path}: not valid YAML or JSON: {detail}") from None
