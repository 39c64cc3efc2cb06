""""Where to start" in words: each change in the check's own terms with its article, the answers missing, the
ratification paths; and the same as plain data for the JSON faces (CLI `--json`, web API).

"Benefit rate 38% → 40% (+2 points), Art. 28 + Schedule"; "Coverage 41% → 50% of all employees (+9 points),
Art. 27(a)"; "Qualifying period 35 → 30 years of contribution (−5 years), Art. 29(1)".
"""

from __future__ import annotations

from typing import Any

from bot.eligibility.gaps import Change, Missing, PartGap, Path, Value, WhereToStart
from bot.eligibility.inputs import Coverage, Keyword
from bot.eligibility.result import quantity
from bot.i18n import N_, Translator
from bot.knowledge.c102 import join_words
from bot.render.assessment import CHECK_LABELS, ENGLISH, need
from bot.render.words import in_words

FIELD_WORDS = {
    "coverage.basis": N_("who is covered (the coverage basis)"),
    "coverage.percent": N_("the share of the group covered"),
    "qualifying_basis": N_("what the qualifying period counts (contribution, employment or residence)"),
    "per_child_of_all_residents": N_("whether the value is measured over the children of all residents"),
}
ANY_FIELD = N_("the answer")
REVIEW_NOTE = N_("or keep the higher age, justified by the working ability of elderly persons")


def label(check: str, t: Translator = ENGLISH) -> str:
    return t.gettext(CHECK_LABELS.get(check, check.replace("_", " ").capitalize()))


def _shown(value: Value, unit: str, t: Translator) -> str:
    if isinstance(value, Keyword):
        return in_words(value.value, t)
    if isinstance(value, Coverage):
        share = f" ({in_words(quantity(value.percent, '%'), t)})" if value.percent is not None else ""
        return t.gettext("basis {basis}").format(basis=in_words(value.basis, t)) + share
    if isinstance(value, float):
        return in_words(quantity(value, unit), t)
    return str(value)


def change_text(change: Change, t: Translator = ENGLISH) -> str:
    """One change, in the check's own terms, with its article."""
    name = label(change.check, t)
    where = f", {t.article(f'Art. {change.article}')}"
    if isinstance(change.after, Coverage):
        after = change.after
        minimum = t.gettext(", at least {amount} {of}").format(
            amount=in_words(quantity(after.percent, "%"), t), of=in_words(change.of, t)) \
            if after.percent is not None else ""
        basis = t.gettext("basis {basis}").format(basis=in_words(after.basis, t))
        return t.gettext("{check}: {before} → {after}").format(check=name, before=_shown(change.before, "%", t),
                                                               after=f"{basis}{minimum}{where}")
    if change.after is Keyword.UNLIMITED:
        throughout = t.gettext("paid throughout the contingency")
        return f"{name} {_shown(change.before, change.unit, t)} → {throughout}{where}"
    assert isinstance(change.after, float)
    after = " ".join(in_words(word, t) for word in (quantity(change.after, change.unit), change.of) if word)
    before = change.before
    if isinstance(before, float):
        start = in_words(quantity(before, "%"), t) if change.unit == "%" else t.number(before)
        delta = change.after - before
        sign = "+" if delta > 0 else "−"
        text = f"{name} {start} → {after} ({sign}{_step(abs(delta), change.unit, t)}){where}"
    else:
        text = f"{name} {_shown(before, change.unit, t)} → {after}{where}"
    return f"{text} ({t.gettext(REVIEW_NOTE)})" if change.review else text


def _step(amount: float, unit: str, t: Translator) -> str:
    """The size of a change: "2 points" (a percentage), "5 years" (a period, or an age)."""
    if unit == "%":
        return t.ngettext("{amount} point", "{amount} points", 1 if amount == 1 else 2).format(
            amount=t.number(amount))
    return in_words(quantity(amount, unit or "years"), t)


def missing_text(missing: Missing, t: Translator = ENGLISH) -> str:
    """An answer we need: "Waiting period: the answer is missing; at most 7 days allowed, Art. 24(3)"."""
    what = t.gettext(FIELD_WORDS.get(missing.field, ANY_FIELD))
    return t.gettext("{check}: {what} is not known; {need}, {article}").format(
        check=label(missing.check, t), what=what, need=need(missing.required, t),
        article=t.article(f"Art. {missing.article}"))


def path_text(path: Path, t: Translator = ENGLISH) -> str:
    """A ratification path as an item of a list: "Parts V, VI and IX: …" ("Parties V, VI et IX : …")."""
    numerals = t.gettext("Parts {numerals}").format(numerals=join_words(path.parts, "and", t.lang))
    parts = numerals[:1].upper() + numerals[1:]  # French and Spanish write "parties", "partes" within a sentence
    if not path.to_change:
        return t.gettext("{parts}: they meet the minimum as described").format(parts=parts)
    work = [t.ngettext("{count} change", "{count} changes", path.changes).format(count=path.changes)] \
        if path.changes else []
    if path.missing:
        work.append(t.ngettext("{count} answer to give", "{count} answers to give", path.missing).format(
            count=path.missing))
    where = t.ngettext("Part {numerals}", "Parts {numerals}", len(path.to_change)).format(
        numerals=join_words(path.to_change, "and", t.lang))
    return t.gettext("{parts}: {work} in {where}").format(parts=parts, work=join_words(work, "and", t.lang),
                                                          where=where)


def part_lines(gap: PartGap, t: Translator = ENGLISH) -> list[str]:
    return [change_text(change, t) for change in gap.changes] + [missing_text(missing, t) for missing in gap.missing]


def render_where_to_start(where: WhereToStart, t: Translator = ENGLISH) -> str:
    """The plain-text block (CLI report)."""
    lines = [t.gettext("Where to start (the Parts closest to the minimum first)")]
    for gap in where.parts:
        lines.append("  " + t.gettext("Part {numeral} – {title}:").format(numeral=gap.part,
                                                                        title=in_words(gap.title, t)))
        lines += [f"    - {line}" for line in part_lines(gap, t)]
    if where.general:
        lines.append("  " + t.gettext("Every path also needs: {changes}").format(
            changes=t.semicolon.join(change_text(change, t) for change in where.general)))
    lines.append(t.gettext("Ratification paths ({article})").format(article=t.article("Art. 2")))
    lines += [f"  {number}. {path_text(path, t)}" for number, path in enumerate(where.paths, 1)]
    if where.no_path:
        lines.append("  " + t.gettext("None among the Parts assessed: it also needs {missing}.").format(
            missing=in_words(where.no_path, t)))
    return "\n".join(lines)


def where_to_start_to_dict(where: WhereToStart) -> dict[str, Any]:
    """The same as plain data; every item carries its text."""
    return {
        "parts": [{"part": gap.part, "branch": gap.branch, "status": gap.status.value,
                   "changes": [_change_dict(change) for change in gap.changes],
                   "missing": [{"check": item.check, "article": item.article, "field": item.field,
                                "text": missing_text(item)} for item in gap.missing]} for gap in where.parts],
        "general": [_change_dict(change) for change in where.general],
        "paths": [{"parts": list(path.parts), "to_change": list(path.to_change), "changes": path.changes,
                   "missing": path.missing, "text": path_text(path)} for path in where.paths],
        "no_path": where.no_path,
    }


def _change_dict(change: Change) -> dict[str, Any]:
    return {"check": change.check, "article": change.article, "field": change.field,
            "before": _plain(change.before), "after": _plain(change.after), "text": change_text(change)}


def _plain(value: Value) -> object:
    if isinstance(value, Coverage):
        return {"basis": value.basis, "percent": value.percent}
    return value.value if isinstance(value, Keyword) else value
