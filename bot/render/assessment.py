"""The eligibility assessment as text for people: the CLI report, the chat reply and the web page say the same.

Summary first (can the country ratify, which Parts are acceptable, what is missing), then each Part with its
failing checks first, each citing its article and the gap in figures, then the "not modelled" line and where
to ask for a full review.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.eligibility.result import Assessment, Bound, CheckResult, PartResult, PartStatus, Requirement, Status, quantity
from bot.i18n import N_, Translator, translator
from bot.knowledge.c102 import join_words
from bot.knowledge.countries import phrase
from bot.render.words import in_words

CHECK_LABELS = {
    "coverage": N_("Coverage"),
    "benefit_rate": N_("Benefit rate"),
    "duration": N_("Duration"),
    "waiting_period": N_("Waiting period"),
    "qualifying_period": N_("Qualifying period"),
    "reduced_benefit": N_("Reduced benefit"),
    "pensionable_age": N_("Pensionable age"),
    "family_benefit_value": N_("Value of family benefits"),
    "employee_contribution_share": N_("Employees' share of the financing"),
}
MARKS = {Status.FAILS: "✗", Status.UNKNOWN: "?", Status.REVIEW: "!", Status.MEETS: "✓"}
PART_WORDS = {PartStatus.MEETS: N_("meets the minimum"), PartStatus.FAILS: N_("falls short"),
              PartStatus.INCOMPLETE: N_("answers missing"), PartStatus.REVIEW: N_("needs review")}
UNVERIFIED = N_("(not yet confirmed against a copy of the Convention's text)")
_HEADINGS = ((PartStatus.FAILS, N_("Falls short")), (PartStatus.INCOMPLETE, N_("Answers missing")),
             (PartStatus.REVIEW, N_("Needs review")))
_ORDER = (Status.FAILS, Status.UNKNOWN, Status.REVIEW, Status.MEETS)
ENGLISH = translator()


def render_assessment(assessment: Assessment, where_to_start: str | None = None, t: Translator = ENGLISH) -> str:
    """The full report in `t`'s language; `where_to_start` (bot/render/where_to_start.py) goes before the
    not-modelled line."""
    blocks = [summary(assessment, t)]
    blocks += [render_part(part, t) for part in assessment.parts]
    blocks.append("\n".join([t.gettext("Financing"), *(f"  {check_line(check, t)}" for check in assessment.general)]))
    if where_to_start:
        blocks.append(where_to_start)
    blocks.append(f"{in_words(assessment.not_modelled, t)}\n{in_words(assessment.full_review, t)}")
    return "\n\n".join(blocks)


def summary(assessment: Assessment, t: Translator = ENGLISH) -> str:
    """The verdict in a few lines: the chat sends this first."""
    verdict = assessment.article2
    title = t.gettext("C102 eligibility check{country}")
    lines = [title.format(country=t.gettext(": {country}").format(country=in_words(assessment.country, t))
                          if assessment.country else "")]
    if assessment.country_status:
        lines.append(t.gettext("Ratification record: {status}").format(status=in_words(assessment.country_status, t)))
    lines.append(verdict_sentence(assessment, t))
    if not verdict.ratifiable and verdict.acceptable_parts:
        lines.append(t.gettext("Acceptable now: {parts}.").format(parts=parts_words(verdict.acceptable_parts, t)))
    for status, heading in _HEADINGS:
        parts = [part for part in assessment.parts if part.status is status]
        if parts:
            found = t.semicolon.join(_part_with_checks(part, status, t) for part in parts)
            lines.append(t.gettext("{heading}: {parts}.").format(heading=t.gettext(heading), parts=found))
    declaration = t.gettext("made") if assessment.article3_declaration else t.gettext("not made")
    lines.append(t.gettext("Article 3 declaration (temporary exceptions): {declaration}.").format(
        declaration=declaration))
    return "\n".join(lines)


def verdict_sentence(assessment: Assessment, t: Translator = ENGLISH) -> str:
    """The Article 2 verdict in one sentence."""
    verdict = assessment.article2
    who = phrase(assessment.country or t.gettext("the country"), t.lang)
    article = t.article(f"Art. {verdict.article}")
    if verdict.ratifiable:
        return t.gettext("{who.The} could ratify C102 as described ({article}), accepting {parts}.").format(
            who=who, article=article, parts=parts_words(verdict.acceptable_parts, t))
    return t.gettext("{who.The} could not yet ratify C102 ({article}): it needs {missing}.").format(
        who=who, article=article, missing=in_words(verdict.missing, t))


def render_part(part: PartResult, t: Translator = ENGLISH) -> str:
    checks = sorted(part.checks, key=lambda check: _ORDER.index(check.status))
    lines = [t.gettext("Part {numeral} – {title}: {status}").format(
        numeral=part.part, title=in_words(part.title, t), status=t.gettext(PART_WORDS[part.status]))]
    lines += [f"  {check_line(check, t)}" for check in checks]
    return "\n".join(lines)


def check_line(check: CheckResult, t: Translator = ENGLISH) -> str:
    """One check with its article and the gap in figures: "✗ Benefit rate (Art. 28 + Schedule): 40% needed, you
    told me 38%."."""
    label = t.gettext(CHECK_LABELS.get(check.check, check.check.replace("_", " ").capitalize()))
    if check.given is None:
        told = t.gettext("you have not told me yet")
    elif check.status is Status.REVIEW:
        told = t.gettext("you told me {given}, which needs review").format(given=in_words(check.given, t))
    else:
        told = t.gettext("you told me {given}").format(given=in_words(check.given, t))
    caveat = "" if check.verified else f" {t.gettext(UNVERIFIED)}"
    article = t.article(f"Art. {check.article}")
    line = t.gettext("{mark} {label} ({article}): {need}, {told}.").format(
        mark=MARKS[check.status], label=label, article=article, need=need(check.required, t), told=told)
    return line + caveat


def need(required: Requirement, t: Translator = ENGLISH) -> str:
    """The requirement as people say it: "40% needed", "at most 7 days allowed"."""
    if not isinstance(required, Bound):
        return t.gettext("needed: {required}").format(required=in_words(required, t))
    words = [quantity(required.amount, required.unit), required.of, required.alternative]
    amount = " ".join(in_words(word, t) for word in words if word)
    if required.subject:
        bounded = t.gettext("{subject} at least {amount} needed") if required.op == ">=" \
            else t.gettext("{subject} at most {amount} needed")
        return bounded.format(subject=in_words(required.subject, t), amount=amount)
    return (t.gettext("{amount} needed") if required.op == ">=" else t.gettext("at most {amount} allowed")).format(
        amount=amount)


def parts_words(numerals: Iterable[str], t: Translator = ENGLISH) -> str:
    """("VI",) -> "Part VI"; ("V", "VI", "IX") -> "Parts V, VI and IX" (in `t`'s language)."""
    numerals = list(numerals)
    return t.ngettext("Part {numerals}", "Parts {numerals}", len(numerals)).format(
        numerals=join_words(numerals, "and", t.lang))


def _part_with_checks(part: PartResult, part_status: PartStatus, t: Translator) -> str:
    wanted = {PartStatus.FAILS: Status.FAILS, PartStatus.INCOMPLETE: Status.UNKNOWN,
              PartStatus.REVIEW: Status.REVIEW}[part_status]
    labels = [t.gettext(CHECK_LABELS.get(check.check, check.check)).lower() for check in part.checks
              if check.status is wanted]
    return t.gettext("Part {numeral} ({checks})").format(numeral=part.part, checks=", ".join(labels))
