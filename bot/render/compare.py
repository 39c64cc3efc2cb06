"""What changed between two checks, as plain data with a line of text per item (the web API; the chat later)."""

from __future__ import annotations

from typing import Any

from bot.eligibility.compare import CheckMove, Comparison
from bot.eligibility.result import PartStatus
from bot.render.assessment import PART_WORDS
from bot.render.where_to_start import label, path_text

NOT_ASSESSED = "not assessed"


def _words(status: PartStatus | None) -> str:
    return NOT_ASSESSED if status is None else PART_WORDS[status]


def _check_text(move: CheckMove) -> str:
    return (f"Part {move.part}, {label(move.check).lower()} (Art. {move.article}): "
            f"{move.before.given or 'not given'} → {move.after.given or 'not given'}")


def comparison_to_dict(comparison: Comparison, code_before: str, code_after: str) -> dict[str, Any]:
    return {
        "a": code_before,
        "b": code_after,
        "ratifiable": {"a": comparison.ratifiable_before, "b": comparison.ratifiable_after},
        "parts_moved": [{"part": move.part, "a": move.before.value if move.before else None,
                         "b": move.after.value if move.after else None,
                         "text": f"Part {move.part} – {move.title}: {_words(move.before)} → {_words(move.after)}"}
                        for move in comparison.parts_moved],
        "now_meet": [{"part": move.part, "check": move.check, "article": move.article, "text": _check_text(move)}
                     for move in comparison.now_meet],
        "no_longer_meet": [{"part": move.part, "check": move.check, "article": move.article,
                            "text": _check_text(move)} for move in comparison.no_longer_meet],
        "new_paths": [{"parts": list(path.parts), "text": path_text(path)} for path in comparison.new_paths],
    }
