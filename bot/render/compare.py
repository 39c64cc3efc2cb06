"""What changed between two checks: as plain data with a line of text per item (the web API), and as the same lines
in a plain-text block (the chat); the data is the same in every language, the lines are in the reader's."""

from __future__ import annotations

from typing import Any

from bot.eligibility.compare import CheckMove, Comparison, PartMove
from bot.eligibility.result import PartStatus
from bot.i18n import N_, Translator
from bot.render.assessment import ENGLISH, PART_WORDS
from bot.render.where_to_start import label, path_text
from bot.render.words import in_words

NOT_ASSESSED = N_("not assessed")
NOT_GIVEN = N_("not given")
VERDICT_WORDS = {True: N_("could ratify as described"), False: N_("could not yet ratify")}
NOTHING_CHANGED = N_("No Part and no check changed status between the two checks.")
HEADINGS = (("parts_moved", N_("Parts that moved")), ("now_meet", N_("Checks that now meet")),
            ("no_longer_meet", N_("Checks that no longer meet")),
            ("new_paths", N_("New ratification paths ({article})")))


def _words(status: PartStatus | None, t: Translator) -> str:
    return t.gettext(NOT_ASSESSED if status is None else PART_WORDS[status])


def _part_text(move: PartMove, t: Translator) -> str:
    return t.gettext("Part {numeral} – {title}: {before} → {after}").format(
        numeral=move.part, title=in_words(move.title, t), before=_words(move.before, t), after=_words(move.after, t))


def _given(given: str | None, t: Translator) -> str:
    return in_words(given, t) if given else t.gettext(NOT_GIVEN)


def _check_text(move: CheckMove, t: Translator) -> str:
    return t.gettext("Part {numeral}, {check} ({article}): {before} → {after}").format(
        numeral=move.part, check=label(move.check, t).lower(), article=t.article(f"Art. {move.article}"),
        before=_given(move.before.given, t), after=_given(move.after.given, t))


def verdict_text(comparison: Comparison, t: Translator = ENGLISH) -> str:
    """ "Article 2: could not yet ratify → could ratify as described", or that it did not change."""
    before, after = comparison.ratifiable_before, comparison.ratifiable_after
    if before == after:
        return t.gettext("Article 2: unchanged, {verdict}").format(verdict=t.gettext(VERDICT_WORDS[after]))
    return t.gettext("Article 2: {before} → {after}").format(before=t.gettext(VERDICT_WORDS[before]),
                                                             after=t.gettext(VERDICT_WORDS[after]))


def _check_moves(moves: tuple[CheckMove, ...], t: Translator) -> list[dict[str, Any]]:
    return [{"part": move.part, "check": move.check, "article": move.article, "text": _check_text(move, t)}
            for move in moves]


def comparison_to_dict(comparison: Comparison, code_before: str, code_after: str,
                       t: Translator = ENGLISH) -> dict[str, Any]:
    """The comparison as data; each item's `text` in `t`'s language, everything else the same in every language."""
    return {
        "a": code_before,
        "b": code_after,
        "ratifiable": {"a": comparison.ratifiable_before, "b": comparison.ratifiable_after},
        "parts_moved": [{"part": move.part, "a": move.before.value if move.before else None,
                         "b": move.after.value if move.after else None, "text": _part_text(move, t)}
                        for move in comparison.parts_moved],
        "now_meet": _check_moves(comparison.now_meet, t),
        "no_longer_meet": _check_moves(comparison.no_longer_meet, t),
        "new_paths": [{"parts": list(path.parts), "text": path_text(path, t)} for path in comparison.new_paths],
    }


def render_comparison(comparison: Comparison, code_before: str, code_after: str, t: Translator = ENGLISH) -> str:
    """The comparison in words, each item the `text` of `comparison_to_dict`: the verdict, the Parts that moved, the
    checks that now meet or no longer do, the new ratification paths."""
    data = comparison_to_dict(comparison, code_before, code_after, t)
    lines = [t.gettext("What changed from check {a} to check {b}").format(a=code_before, b=code_after),
             verdict_text(comparison, t)]
    for key, heading in HEADINGS:
        if data[key]:
            lines.append(t.gettext("{heading}:").format(heading=t.gettext(heading).format(article=t.article("Art. 2"))))
            lines += [f"  - {item['text']}" for item in data[key]]
    if not (comparison.parts_moved or comparison.now_meet or comparison.no_longer_meet):
        lines.append(t.gettext(NOTHING_CHANGED))
    return "\n".join(lines)
