"""Two checks of a country side by side (e.g. before and after a reform): the Parts whose status moved, the checks
that now meet (or no longer do), the verdict, and the ratification paths that are new. Pure, like the rules."""

from __future__ import annotations

from dataclasses import dataclass

from bot.eligibility.gaps import Path, WhereToStart
from bot.eligibility.result import Assessment, CheckResult, PartStatus, Status
from bot.knowledge.c102 import BRANCHES


@dataclass(frozen=True)
class PartMove:
    part: str
    title: str
    before: PartStatus | None  # None: the Part was not assessed in that check
    after: PartStatus | None


@dataclass(frozen=True)
class CheckMove:
    part: str
    check: str
    article: str
    before: CheckResult
    after: CheckResult


@dataclass(frozen=True)
class Comparison:
    parts_moved: tuple[PartMove, ...]
    now_meet: tuple[CheckMove, ...]
    no_longer_meet: tuple[CheckMove, ...]
    ratifiable_before: bool
    ratifiable_after: bool
    new_paths: tuple[Path, ...]  # paths of the second check not offered by the first (other Parts, or fewer to change)


def compare(before: Assessment, where_before: WhereToStart, after: Assessment, where_after: WhereToStart) -> Comparison:
    old = {part.part: part for part in before.parts}
    new = {part.part: part for part in after.parts}
    titles = {**{numeral: part.title for numeral, part in old.items()}, **{n: p.title for n, p in new.items()}}
    moved = []
    for numeral in sorted(set(old) | set(new), key=_numeral_order):
        status_before = old[numeral].status if numeral in old else None
        status_after = new[numeral].status if numeral in new else None
        if status_before is not status_after:
            moved.append(PartMove(numeral, titles[numeral], status_before, status_after))
    pairs = [CheckMove(numeral, check.check, check.article, earlier, check)
             for numeral in sorted(set(old) & set(new), key=_numeral_order)
             for check in new[numeral].checks
             for earlier in old[numeral].checks if earlier.check == check.check]
    known_paths = {(path.parts, path.to_change) for path in where_before.paths}
    return Comparison(
        parts_moved=tuple(moved),
        now_meet=tuple(pair for pair in pairs if pair.after.status is Status.MEETS
                       and pair.before.status is not Status.MEETS),
        no_longer_meet=tuple(pair for pair in pairs if pair.before.status is Status.MEETS
                             and pair.after.status is not Status.MEETS),
        ratifiable_before=before.article2.ratifiable, ratifiable_after=after.article2.ratifiable,
        new_paths=tuple(path for path in where_after.paths if (path.parts, path.to_change) not in known_paths),
    )


def _numeral_order(numeral: str) -> int:
    return list(BRANCHES).index(numeral)
