"""Where to start: the smallest changes that let each Part meet, the Parts ranked by closeness, and the
ratification paths (the sets of Parts satisfying Article 2 that need the fewest changes).

Pure functions over the rules' own results: a change moves a failing answer exactly onto the threshold the check
reported (its `required` bound), so no figure is typed here. Where an answer is missing, the gap says which one,
and `assumed` holds a value that would meet, so that applying every gap (`apply_gaps`) gives answers on which the
real rules find the Part meeting. Where the answers leave a reading open (the basis of a qualifying period, how
family benefits are measured), the gap asks for it and assumes the contract's default reading.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from bot.eligibility.article2 import article2_gaps
from bot.eligibility.assess import assess_part
from bot.eligibility.fields import QUALIFYING_BASES
from bot.eligibility.inputs import BranchInput, CountryInput, Coverage, Keyword
from bot.eligibility.result import N_, Bound, CheckResult, PartStatus, Phrase, Requirement, Status, joined
from bot.eligibility.rules import Context, check_employee_share, qualifying_bounds, run_check
from bot.knowledge.c102 import (
    C102,
    AgeRule,
    CoverageRule,
    DurationRule,
    FamilyValueRule,
    Part,
    QualifyingRule,
    RateRule,
    ReducedBenefitRule,
    Rule,
    ThroughoutRule,
    WaitingRule,
)

MAX_PATHS = 3  # how many ratification paths to offer (a display limit, not a Convention figure)
STRUCTURAL = 1.0  # the size of a change that is not a shift of a figure (a basis, a limit removed, a new benefit)

Value = float | str | Keyword | Coverage | bool | None


@dataclass(frozen=True)
class Change:
    """One answer to change: `field` from `before` to `after`, so that check `check` (Art. `article`) meets."""

    part: str | None  # the Part's numeral; None for the general Art. 71(2) check
    check: str
    article: str
    field: str  # the input field: replacement_rate, coverage.percent, coverage (a new basis), ...
    before: Value
    after: Value
    unit: str = ""  # "%", "weeks", "days", "years", "months", "" (an age)
    of: str = ""  # what a percentage is of: "of all employees"
    review: bool = False  # the check allows more after review (a pensionable age above the limit)

    @property
    def size(self) -> float:
        """How big the change is, relative to the threshold (0.05: 5% of the way), or STRUCTURAL."""
        if isinstance(self.before, float) and isinstance(self.after, float):
            return abs(self.after - self.before) / (self.after or self.before or 1.0)
        return STRUCTURAL


@dataclass(frozen=True)
class Missing:
    """An answer we need to decide check `check`; `assumed` is a value that would meet (for `apply_gaps`)."""

    part: str
    check: str
    article: str
    field: str
    required: Requirement
    assumed: Value


Gap = Change | Missing


@dataclass(frozen=True)
class PartGap:
    part: str
    branch: str
    title: str
    status: PartStatus
    changes: tuple[Change, ...]
    missing: tuple[Missing, ...]

    @property
    def cost(self) -> tuple[int, float, int]:
        """Closeness, smallest first: the number of changes, their total size, the answers missing."""
        return len(self.changes), round(sum(change.size for change in self.changes), 9), len(self.missing)


@dataclass(frozen=True)
class Path:
    """A set of Parts satisfying Article 2: those that meet already plus those to bring up."""

    parts: tuple[str, ...]  # every Part to accept, in the Convention's order
    to_change: tuple[str, ...]  # those that need changes or answers first
    changes: int
    missing: int


@dataclass(frozen=True)
class WhereToStart:
    parts: tuple[PartGap, ...]  # the Parts that do not meet yet, closest first
    general: tuple[Change, ...]  # changes every path needs (Art. 71(2))
    paths: tuple[Path, ...]  # cheapest first
    no_path: str  # when no set of the assessed Parts can satisfy Article 2: what it lacks, in words


# -- the gap of one check ------------------------------------------------------------------------------------------
GapFinder = Callable[[Any, BranchInput, CheckResult, Context, str], list[Gap]]


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _onto(bound: Bound, value: object, check: CheckResult, part: str | None, field: str) -> list[Gap]:
    """A numeric answer moved onto `bound` (nothing when it already holds), or the missing answer."""
    number = _number(value)
    if number is None and not isinstance(value, Keyword):
        assert part is not None  # the general check fails only on a figure
        return [Missing(part, check.check, check.article, field, bound, bound.amount)]
    if number is not None and (number >= bound.amount if bound.op == ">=" else number <= bound.amount):
        return []
    before = value if number is None else number
    return [Change(part, check.check, check.article, field, before, bound.amount, bound.unit, bound.of,
                   review=check.status is Status.REVIEW)]


def _bound_gap(field: str) -> GapFinder:
    """For the checks whose requirement is a single bound on one answer."""

    def find(rule: Rule, answers: BranchInput, check: CheckResult, context: Context, part: str) -> list[Gap]:
        assert isinstance(check.required, Bound)
        return _onto(check.required, getattr(answers, field), check, part, field)

    return find


def _coverage_gap(rule: CoverageRule, answers: BranchInput, check: CheckResult, context: Context,
                  part: str) -> list[Gap]:
    """A basis the Part does not offer (or one that needs an Article 3 declaration not made) becomes the first basis
    the Part offers without conditions, at its minimum; a share below the minimum rises to it."""
    basis_id = answers.coverage.basis
    offered = [context.c102.coverage_basis(offered_id) for offered_id in rule.bases]
    fallback = next(basis for basis in offered if not basis.requires_article3)
    gaps: list[Gap] = []
    if basis_id is None:
        gaps.append(Missing(part, check.check, check.article, "coverage.basis", check.required, fallback.id))
        basis = fallback
    elif isinstance(check.required, Bound):  # an offered basis with a minimum share
        return _onto(check.required, answers.coverage.percent, check, part, "coverage.percent")
    else:  # not offered, or Article 3 without the declaration
        after = Coverage(fallback.id, fallback.minimum_percent)
        return [Change(part, check.check, rule.article_for(fallback.id), "coverage", answers.coverage, after,
                       "%", Phrase(N_("of {group}"), group=fallback.group) if fallback.group else "")]
    if basis.minimum_percent is not None:
        bound = Bound(">=", basis.minimum_percent, "%", of=Phrase(N_("of {group}"), group=basis.group))
        gaps += _onto(bound, answers.coverage.percent, check, part, "coverage.percent")
    return gaps


def _throughout_gap(rule: ThroughoutRule, answers: BranchInput, check: CheckResult, context: Context,
                    part: str) -> list[Gap]:
    return [Change(part, check.check, check.article, "max_duration_weeks", answers.max_duration_weeks,
                   Keyword.UNLIMITED, "weeks")]


def _qualifying_gap(rule: QualifyingRule, answers: BranchInput, check: CheckResult, context: Context,
                    part: str) -> list[Gap]:
    """The period onto the limit of its basis; an unknown basis is asked for, assuming the default one."""
    gaps: list[Gap] = []
    basis = answers.qualifying_basis
    if basis is None:
        basis = QUALIFYING_BASES[0]
        gaps.append(Missing(part, check.check, check.article, "qualifying_basis", check.required, basis))
    bound = qualifying_bounds(rule, (basis,))[0]
    return gaps + _onto(bound, getattr(answers, f"qualifying_{rule.unit}"), check, part, f"qualifying_{rule.unit}")


def _reduced_gap(rule: ReducedBenefitRule, answers: BranchInput, check: CheckResult, context: Context,
                 part: str) -> list[Gap]:
    """A reduced benefit at the limit (also where there is none, or where the full period is not known yet)."""
    assert isinstance(check.required, Bound)
    return _onto(check.required, answers.reduced_benefit_years, check, part, "reduced_benefit_years")


def _family_value_gap(rule: FamilyValueRule, answers: BranchInput, check: CheckResult, context: Context,
                      part: str) -> list[Gap]:
    """The value onto its minimum; when we do not know how it is measured, asked, assuming per protected child."""
    gaps: list[Gap] = []
    if answers.per_child_of_all_residents is None:
        gaps.append(Missing(part, check.check, check.article, "per_child_of_all_residents", check.required, False))
    probe = dataclasses.replace(answers, benefit_value_percent=None, per_child_of_all_residents=bool(
        answers.per_child_of_all_residents))
    reading = run_check(rule, probe, context)
    assert reading is not None and isinstance(reading.required, Bound)
    return gaps + _onto(reading.required, answers.benefit_value_percent, reading, part, "benefit_value_percent")


_GAPS: dict[type, GapFinder] = {
    CoverageRule: _coverage_gap, RateRule: _bound_gap("replacement_rate"), DurationRule: _bound_gap(
        "max_duration_weeks"), ThroughoutRule: _throughout_gap, WaitingRule: _bound_gap("waiting_days"),
    QualifyingRule: _qualifying_gap, ReducedBenefitRule: _reduced_gap, AgeRule: _bound_gap("pensionable_age"),
    FamilyValueRule: _family_value_gap,
}


# -- a Part, all Parts, the paths ----------------------------------------------------------------------------------
def part_gap(part: Part, answers: BranchInput, context: Context) -> PartGap:
    """What it takes for `part` to meet: a change per failing check, the answers missing (none when it meets)."""
    found: list[Gap] = []
    for rule in part.checks:
        check = run_check(rule, answers, context)
        if check is not None and check.status is not Status.MEETS:
            found += _GAPS[type(rule)](rule, answers, check, context, part.numeral)
    status = assess_part(part, answers, context).status
    return PartGap(part.numeral, part.branch, part.title, status,
                   tuple(gap for gap in found if isinstance(gap, Change)),
                   tuple(gap for gap in found if isinstance(gap, Missing)))


def apply_gaps(answers: BranchInput, gaps: Iterable[Gap]) -> BranchInput:
    """The answers with every change made and every missing answer given its assumed value."""
    for gap in gaps:
        value = gap.after if isinstance(gap, Change) else gap.assumed
        if gap.field == "coverage":
            assert isinstance(value, Coverage)
            answers = dataclasses.replace(answers, coverage=value)
        elif gap.field.startswith("coverage."):
            coverage = dataclasses.replace(answers.coverage, **{gap.field.removeprefix("coverage."): value})
            answers = dataclasses.replace(answers, coverage=coverage)
        else:
            answers = dataclasses.replace(answers, **{gap.field: value})
    return answers


def where_to_start(answers: CountryInput, c102: C102) -> WhereToStart:
    """The gaps of every assessed Part that does not meet (closest first) and the cheapest ratification paths."""
    context = Context(c102, answers.article3_declaration)
    gaps = [part_gap(part, answers.branches[part.branch], context)
            for part in c102.parts if part.branch in answers.branches]
    meeting = tuple(gap.part for gap in gaps if gap.status is PartStatus.MEETS)
    to_bring = sorted((gap for gap in gaps if gap.status is not PartStatus.MEETS),
                      key=lambda gap: (gap.cost, _order(c102, gap.part)))
    share = check_employee_share(c102.employee_share, answers.employee_contribution_share)
    general = _onto(share.required, answers.employee_contribution_share, share, None, "employee_contribution_share") \
        if share.status is Status.FAILS and isinstance(share.required, Bound) else []
    paths = ratification_paths(c102, meeting, to_bring)
    no_path = "" if paths else joined(article2_gaps([gap.part for gap in gaps], c102.article2))
    return WhereToStart(tuple(to_bring), tuple(gap for gap in general if isinstance(gap, Change)), paths, no_path)


def ratification_paths(c102: C102, meeting: Sequence[str], candidates: Sequence[PartGap]) -> tuple[Path, ...]:
    """The smallest sets of `candidates` that, with the Parts `meeting`, satisfy Article 2: cheapest first."""
    found: list[tuple[PartGap, ...]] = []
    for size in range(len(candidates) + 1):
        for chosen in combinations(candidates, size):
            numerals = {gap.part for gap in chosen}
            if any({gap.part for gap in smaller} <= numerals for smaller in found):
                continue  # a smaller set already works: more Parts only add changes
            if not article2_gaps([*meeting, *numerals], c102.article2):
                found.append(chosen)
    found.sort(key=lambda chosen: tuple(map(sum, zip(*(gap.cost for gap in chosen), strict=True))) or (0, 0, 0))
    return tuple(_path(c102, meeting, chosen) for chosen in found[:MAX_PATHS])


def _path(c102: C102, meeting: Sequence[str], chosen: tuple[PartGap, ...]) -> Path:
    numerals = {*meeting, *(gap.part for gap in chosen)}
    ordered = tuple(part.numeral for part in c102.parts if part.numeral in numerals)
    return Path(ordered, tuple(numeral for numeral in ordered if numeral not in meeting),
                sum(len(gap.changes) for gap in chosen), sum(len(gap.missing) for gap in chosen))


def _order(c102: C102, numeral: str) -> int:
    return [part.numeral for part in c102.parts].index(numeral)
