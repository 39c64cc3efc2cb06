"""The eligibility assessment as text for people: the CLI report, the chat reply and the web page say the same.

Summary first (can the country ratify, which Parts are acceptable, what is missing), then each Part with its
failing checks first, each citing its article and the gap in figures, then the "not modelled" line and where
to ask for a full review.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.eligibility.result import Assessment, Bound, CheckResult, PartResult, PartStatus, Requirement, Status, quantity
from bot.knowledge.c102 import join_words

CHECK_LABELS = {
    "coverage": "Coverage",
    "benefit_rate": "Benefit rate",
    "duration": "Duration",
    "waiting_period": "Waiting period",
    "qualifying_period": "Qualifying period",
    "reduced_benefit": "Reduced benefit",
    "pensionable_age": "Pensionable age",
    "family_benefit_value": "Value of family benefits",
    "employee_contribution_share": "Employees' share of the financing",
}
MARKS = {Status.FAILS: "✗", Status.UNKNOWN: "?", Status.REVIEW: "!", Status.MEETS: "✓"}
PART_WORDS = {PartStatus.MEETS: "meets the minimum", PartStatus.FAILS: "falls short",
              PartStatus.INCOMPLETE: "answers missing", PartStatus.REVIEW: "needs review"}
UNVERIFIED = "(not yet confirmed against a copy of the Convention's text)"
_ORDER = (Status.FAILS, Status.UNKNOWN, Status.REVIEW, Status.MEETS)


def render_assessment(assessment: Assessment, where_to_start: str | None = None) -> str:
    """The full report; `where_to_start` (bot/render/where_to_start.py) goes before the not-modelled line."""
    blocks = [summary(assessment)]
    blocks += [render_part(part) for part in assessment.parts]
    blocks.append("\n".join(["Financing", *(f"  {check_line(check)}" for check in assessment.general)]))
    if where_to_start:
        blocks.append(where_to_start)
    blocks.append(f"{assessment.not_modelled}\n{assessment.full_review}")
    return "\n\n".join(blocks)


def summary(assessment: Assessment) -> str:
    """The verdict in a few lines: the chat sends this first."""
    verdict = assessment.article2
    lines = [f"C102 eligibility check{': ' + assessment.country if assessment.country else ''}"]
    if assessment.country_status:
        lines.append(f"Ratification record: {assessment.country_status}")
    lines.append(verdict_sentence(assessment))
    if not verdict.ratifiable and verdict.acceptable_parts:
        lines.append(f"Acceptable now: {_parts(verdict.acceptable_parts)}.")
    for status, heading in ((PartStatus.FAILS, "Falls short"), (PartStatus.INCOMPLETE, "Answers missing"),
                            (PartStatus.REVIEW, "Needs review")):
        parts = [part for part in assessment.parts if part.status is status]
        if parts:
            lines.append(f"{heading}: {'; '.join(_part_with_checks(part, status) for part in parts)}.")
    declaration = "made" if assessment.article3_declaration else "not made"
    lines.append(f"Article 3 declaration (temporary exceptions): {declaration}.")
    return "\n".join(lines)


def verdict_sentence(assessment: Assessment) -> str:
    """The Article 2 verdict in one sentence."""
    verdict = assessment.article2
    who = assessment.country or "The country"
    if verdict.ratifiable:
        return (f"{who} could ratify C102 as described (Art. {verdict.article}), accepting "
                f"{_parts(verdict.acceptable_parts)}.")
    return f"{who} could not yet ratify C102 (Art. {verdict.article}): it needs {verdict.missing}."


def render_part(part: PartResult) -> str:
    checks = sorted(part.checks, key=lambda check: _ORDER.index(check.status))
    lines = [f"Part {part.part} – {part.title}: {PART_WORDS[part.status]}"]
    lines += [f"  {check_line(check)}" for check in checks]
    return "\n".join(lines)


def check_line(check: CheckResult) -> str:
    """One check with its article and the gap in figures: "✗ Benefit rate (Art. 28 + Schedule): 40% needed, you
    told me 38%."."""
    label = CHECK_LABELS.get(check.check, check.check.replace("_", " ").capitalize())
    if check.given is None:
        told = "you have not told me yet"
    elif check.status is Status.REVIEW:
        told = f"you told me {check.given}, which needs review"
    else:
        told = f"you told me {check.given}"
    caveat = "" if check.verified else f" {UNVERIFIED}"
    return f"{MARKS[check.status]} {label} (Art. {check.article}): {need(check.required)}, {told}.{caveat}"


def need(required: Requirement) -> str:
    """The requirement as people say it: "40% needed", "at most 7 days allowed"."""
    if not isinstance(required, Bound):
        return f"needed: {required}"
    words = [quantity(required.amount, required.unit), required.of, required.alternative]
    amount = " ".join(word for word in words if word)
    if required.subject:
        bounded = "at least" if required.op == ">=" else "at most"
        return f"{required.subject} {bounded} {amount} needed"
    return f"{amount} needed" if required.op == ">=" else f"at most {amount} allowed"


def _parts(numerals: Iterable[str]) -> str:
    numerals = list(numerals)
    return f"Part{'s' if len(numerals) > 1 else ''} {join_words(numerals, 'and')}"


def _part_with_checks(part: PartResult, part_status: PartStatus) -> str:
    wanted = {PartStatus.FAILS: Status.FAILS, PartStatus.INCOMPLETE: Status.UNKNOWN,
              PartStatus.REVIEW: Status.REVIEW}[part_status]
    labels = [CHECK_LABELS.get(check.check, check.check).lower() for check in part.checks if check.status is wanted]
    return f"Part {part.part} ({', '.join(labels)})"
