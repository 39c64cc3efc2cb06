"""What changed between two checks: as plain data with a line of text per item (the web API), and as the same lines
in a plain-text block (the chat)."""

from __future__ import annotations

from typing import Any

from bot.eligibility.compare import CheckMove, Comparison, PartMove
from bot.eligibility.result import PartStatus
from bot.render.assessment import PART_WORDS
from bot.render.where_to_start import label, path_text

NOT_ASSESSED = "not assessed"
VERDICT_WORDS = {True: "could ratify as described", False: "could not yet ratify"}
NOTHING_CHANGED = "No Part and no check changed status between the two checks."


def _words(status: PartStatus | None) -> str:
    return NOT_ASSESSED if status is None else PART_WORDS[status]


def _part_text(move: PartMove) -> str:
    return f"Part {move.part} – {move.title}: {_words(move.before)} → {_words(move.after)}"


def _check_text(move: CheckMove) -> str:
    return (f"Part {move.part}, {label(move.check).lower()} (Art. {move.article}): "
            f"{move.before.given or 'not given'} → {move.after.given or 'not given'}")


def verdict_text(comparison: Comparison) -> str:
    """ "Article 2: could not yet ratify → could ratify as described", or that it did not change."""
    before, after = comparison.ratifiable_before, comparison.ratifiable_after
    if before == after:
        return f"Article 2: unchanged, {VERDICT_WORDS[after]}"
    return f"Article 2: {VERDICT_WORDS[before]} → {VERDICT_WORDS[after]}"


def _check_moves(moves: tuple[CheckMove, ...]) -> list[dict[str, Any]]:
    return [{"part": move.part, "check": move.check, "article": move.article, "text": _check_text(move)}
            for move in moves]


def comparison_to_dict(comparison: Comparison, code_before: str, code_after: str) -> dict[str, Any]:
    return {
        "a": code_before,
        "b": code_after,
        "ratifiable": {"a": comparison.ratifiable_before, "b": comparison.ratifiable_after},
        "parts_moved": [{"part": move.part, "a": move.before.value if move.before else None,
                         "b": move.after.value if move.after else None, "text": _part_text(move)}
                        for move in comparison.parts_moved],
        "now_meet": _check_moves(comparison.now_meet),
        "no_longer_meet": _check_moves(comparison.no_longer_meet),
        "new_paths": [{"parts": list(path.parts), "text": path_text(path)} for path in comparison.new_paths],
    }


def render_comparison(comparison: Comparison, code_before: str, code_after: str) -> str:
    """The comparison in words, each item the `text` of `comparison_to_dict`: the verdict, the Parts that moved, the
    checks that now meet or no longer do, the new ratification paths."""
    data = comparison_to_dict(comparison, code_before, code_after)
    lines = [f"What changed from check {code_before} to check {code_after}", verdict_text(comparison)]
    for key, heading in (("parts_moved", "Parts that moved"), ("now_meet", "Checks that now meet"),
                         ("no_longer_meet", "Checks that no longer meet"),
                         ("new_paths", "New ratification paths (Art. 2)")):
        if data[key]:
            lines.append(f"{heading}:")
            lines += [f"  - {item['text']}" for item in data[key]]
    if not (comparison.parts_moved or comparison.now_meet or comparison.no_longer_meet):
        lines.append(NOTHING_CHANGED)
    return "\n".join(lines)
