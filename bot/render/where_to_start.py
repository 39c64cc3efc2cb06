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
from bot.knowledge.c102 import format_number, join_words
from bot.render.assessment import CHECK_LABELS, need

FIELD_WORDS = {
    "coverage.basis": "who is covered (the coverage basis)",
    "coverage.percent": "the share of the group covered",
    "qualifying_basis": "what the qualifying period counts (contribution, employment or residence)",
    "per_child_of_all_residents": "whether the value is measured over the children of all residents",
}
REVIEW_NOTE = "or keep the higher age, justified by the working ability of elderly persons"


def label(check: str) -> str:
    return CHECK_LABELS.get(check, check.replace("_", " ").capitalize())


def _shown(value: Value, unit: str) -> str:
    if isinstance(value, Keyword):
        return value.value
    if isinstance(value, Coverage):
        share = f" ({quantity(value.percent, '%')})" if value.percent is not None else ""
        return f"basis {value.basis}{share}"
    if isinstance(value, float):
        return quantity(value, unit)
    return str(value)


def change_text(change: Change) -> str:
    """One change, in the check's own terms, with its article."""
    name = label(change.check)
    where = f", Art. {change.article}"
    if isinstance(change.after, Coverage):
        after = change.after
        minimum = f", at least {quantity(after.percent, '%')} {change.of}" if after.percent is not None else ""
        return f"{name}: {_shown(change.before, '%')} → basis {after.basis}{minimum}{where}"
    if change.after is Keyword.UNLIMITED:
        return f"{name} {_shown(change.before, change.unit)} → paid throughout the contingency{where}"
    assert isinstance(change.after, float)
    after = " ".join(word for word in (quantity(change.after, change.unit), change.of) if word)
    before = change.before
    if isinstance(before, float):
        start = quantity(before, "%") if change.unit == "%" else format_number(before)
        delta = change.after - before
        sign = "+" if delta > 0 else "−"
        step = "points" if change.unit == "%" else change.unit or "years"  # the only figure without a unit is an age
        step = step.removesuffix("s") if abs(delta) == 1 else step
        text = f"{name} {start} → {after} ({sign}{format_number(abs(delta))} {step}){where}"
    else:
        text = f"{name} {_shown(before, change.unit)} → {after}{where}"
    return f"{text} ({REVIEW_NOTE})" if change.review else text


def missing_text(missing: Missing) -> str:
    """An answer we need: "Waiting period: the answer is missing; at most 7 days allowed, Art. 24(3)"."""
    what = FIELD_WORDS.get(missing.field, "the answer")
    return f"{label(missing.check)}: {what} is not known; {need(missing.required)}, Art. {missing.article}"


def path_text(path: Path) -> str:
    parts = f"Parts {join_words(path.parts, 'and')}"
    if not path.to_change:
        return f"{parts}: they meet the minimum as described"
    work = [f"{path.changes} change{'s' if path.changes != 1 else ''}"] if path.changes else []
    if path.missing:
        work.append(f"{path.missing} answer{'s' if path.missing != 1 else ''} to give")
    return f"{parts}: {' and '.join(work)} in Part{'s' if len(path.to_change) > 1 else ''} " \
           f"{join_words(path.to_change, 'and')}"


def part_lines(gap: PartGap) -> list[str]:
    return [change_text(change) for change in gap.changes] + [missing_text(missing) for missing in gap.missing]


def render_where_to_start(where: WhereToStart) -> str:
    """The plain-text block (CLI report)."""
    lines = ["Where to start (the Parts closest to the minimum first)"]
    for gap in where.parts:
        lines.append(f"  Part {gap.part} – {gap.title}:")
        lines += [f"    - {line}" for line in part_lines(gap)]
    if where.general:
        lines.append("  Every path also needs: " + "; ".join(change_text(change) for change in where.general))
    lines.append("Ratification paths (Art. 2)")
    lines += [f"  {number}. {path_text(path)}" for number, path in enumerate(where.paths, 1)]
    if where.no_path:
        lines.append(f"  None among the Parts assessed: it also needs {where.no_path}.")
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
