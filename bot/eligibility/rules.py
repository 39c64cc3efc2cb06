"""The C102 checks as pure functions: (a Part's rule from c102.yml, that branch's answers, context) -> result.

Every threshold comes from the rule; every result cites the rule's article (or the variant's, when an Article 3
declaration or a means test changes the minimum). A function returns None when its check does not apply to
the answers given: a reduced benefit on a residence basis, or a benefit paid throughout the contingency when
no limit in weeks was mentioned.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from bot.eligibility.fields import QUALIFYING_BASES, RESIDENCE
from bot.eligibility.inputs import BranchInput, Keyword
from bot.eligibility.result import N_, Bound, CheckResult, Choices, Phrase, Requirement, Status, quantity
from bot.knowledge.c102 import (
    C102,
    AgeRule,
    CoverageRule,
    DurationRule,
    EmployeeShareRule,
    FamilyValueRule,
    QualifyingRule,
    RateRule,
    ReducedBenefitRule,
    Rule,
    ThroughoutRule,
    WaitingRule,
)

ARTICLE3 = "3"  # cited when the Article 3 coverage option is used without the declaration


@dataclass(frozen=True)
class Context:
    c102: C102
    article3_declaration: bool


# -- helpers -----------------------------------------------------------------------------------------------------
def _number(value: object) -> float | None:
    """A numeric answer, or None for a missing answer or a keyword."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _compare(value: object, bound: Bound) -> Status:
    number = _number(value)
    if number is None:
        return Status.UNKNOWN
    holds = number >= bound.amount if bound.op == ">=" else number <= bound.amount
    return Status.MEETS if holds else Status.FAILS


def _either(value: object, bounds: Iterable[Bound]) -> Status:
    """One of `bounds` applies but we were not told which: decided only when they all agree."""
    statuses = {_compare(value, bound) for bound in bounds}
    return statuses.pop() if len(statuses) == 1 else Status.UNKNOWN


def _given(value: object, unit: str) -> str | None:
    if isinstance(value, Keyword):
        return value.value
    number = _number(value)
    return None if number is None else quantity(number, unit)


def _result(rule: Rule | EmployeeShareRule, status: Status, article: str, required: Requirement, given: str | None,
            verified: bool | None = None) -> CheckResult:
    return CheckResult(rule.check, status, article, required, given, rule.verified if verified is None else verified)


# -- one function per kind of check --------------------------------------------------------------------------------
def check_coverage(rule: CoverageRule, answers: BranchInput, context: Context) -> CheckResult:
    """Art. 9, 15, 21, 27, 33, 41, 48, 55, 61: the basis must be one the Part offers, and reach its minimum."""
    basis_id = answers.coverage.basis
    allowed = Phrase(N_("one of the bases {bases}"), bases=Choices(rule.bases))
    if basis_id is None:
        return _result(rule, Status.UNKNOWN, rule.article, allowed, None)
    if basis_id not in rule.bases:
        return _result(rule, Status.FAILS, rule.article, allowed, basis_id)
    basis = context.c102.coverage_basis(basis_id)
    if basis.requires_article3 and not context.article3_declaration:
        return _result(rule, Status.FAILS, ARTICLE3, Phrase(N_("an Article 3 declaration")),
                       Phrase(N_("{basis} without an Article 3 declaration"), basis=basis_id))
    article = rule.article_for(basis_id)
    if basis.minimum_percent is None:
        return _result(rule, Status.MEETS, article, basis.label, basis.label)
    bound = Bound(">=", basis.minimum_percent, "%", of=Phrase(N_("of {group}"), group=basis.group))
    percent = answers.coverage.percent
    given = None if percent is None else Phrase(N_("{amount} of {group}"), amount=quantity(percent, "%"),
                                                group=basis.group)
    return _result(rule, _compare(percent, bound), article, bound, given)


def check_rate(rule: RateRule, answers: BranchInput, context: Context) -> CheckResult:
    """Art. 16, 22, 28, 36, 50, 56, 62 with the Schedule to Part XI: the payment for the standard beneficiary."""
    bound = Bound(">=", rule.min_percent, "%")
    return _result(rule, _compare(answers.replacement_rate, bound), f"{rule.article} + Schedule", bound,
                   _given(answers.replacement_rate, "%"), verified=rule.verified and rule.row.verified)


def check_duration(rule: DurationRule, answers: BranchInput, context: Context) -> CheckResult:
    """Art. 12, 18, 24(1), 52: the benefit may be limited, but not below the minimum per case."""
    article, minimum = rule.article, rule.min_weeks
    if context.article3_declaration and rule.article3 is not None:
        article, minimum = rule.article3.article, rule.article3.amount
    elif rule.means_tested_min_weeks is not None and _means_tested(answers, context):
        minimum = rule.means_tested_min_weeks
    bound = Bound(">=", minimum, "weeks", alternative=Phrase(N_("or unlimited")))
    value = answers.max_duration_weeks
    status = Status.MEETS if value is Keyword.UNLIMITED else _compare(value, bound)
    return _result(rule, status, article, bound, _given(value, "weeks"))


def _means_tested(answers: BranchInput, context: Context) -> bool:
    return any(basis.id == answers.coverage.basis and basis.means_tested for basis in context.c102.coverage_bases)


def check_throughout(rule: ThroughoutRule, answers: BranchInput, context: Context) -> CheckResult | None:
    """Art. 30, 38, 58, 64: paid for as long as the contingency lasts, so any limit in weeks fails."""
    value = answers.max_duration_weeks
    if value is None:
        return None
    status = Status.MEETS if value is Keyword.UNLIMITED else Status.FAILS
    return _result(rule, status, rule.article, Phrase(N_("paid throughout the contingency (no limit in weeks)")),
                   _given(value, "weeks"))


def check_waiting(rule: WaitingRule, answers: BranchInput, context: Context) -> CheckResult:
    """Art. 18(1), 24(3), 38: at most so many unpaid days at the start of each case."""
    bound = Bound("<=", rule.max_days, "days")
    return _result(rule, _compare(answers.waiting_days, bound), rule.article, bound,
                   _given(answers.waiting_days, "days"))


def check_qualifying(rule: QualifyingRule, answers: BranchInput, context: Context) -> CheckResult:
    """Art. 29(1), 37, 43, 57(1), 63(1): the period needed for the full benefit (shorter on residence)."""
    value = getattr(answers, f"qualifying_{rule.unit}")
    bases = QUALIFYING_BASES if answers.qualifying_basis is None else (answers.qualifying_basis,)
    bounds = qualifying_bounds(rule, bases)
    given = _given(value, rule.unit)
    if given is not None:
        given = Phrase(N_("{amount} of {basis}"), amount=given, basis=answers.qualifying_basis) \
            if answers.qualifying_basis else Phrase(N_("{amount} (basis not known)"), amount=given)
    required = Phrase(N_("no qualifying period")) if all(bound.amount == 0 for bound in bounds) \
        else _requirement(bounds)
    return _result(rule, _either(value, bounds), rule.article, required, given)


def qualifying_bounds(rule: QualifyingRule, bases: Iterable[str]) -> list[Bound]:
    """One bound per distinct limit, naming the bases it applies to: "<= 30 years of contribution or employment"."""
    by_limit: dict[float, list[str]] = {}
    for basis in bases:
        limit = rule.residence_max if basis == RESIDENCE and rule.residence_max is not None else rule.max
        by_limit.setdefault(limit, []).append(basis)
    return [Bound("<=", limit, rule.unit, of=Phrase(N_("of {bases}"), bases=Choices(names, " or ")))
            for limit, names in by_limit.items()]


def _requirement(bounds: list[Bound]) -> Requirement:
    return bounds[0] if len(bounds) == 1 else Phrase("{bounds}", bounds=Choices(bounds, " or "))


def check_reduced_benefit(rule: ReducedBenefitRule, answers: BranchInput, context: Context) -> CheckResult | None:
    """Art. 29(2), 57(2), 63(2): a reduced benefit after a shorter contribution or employment period."""
    if answers.qualifying_basis == RESIDENCE:
        return None
    bound = Bound("<=", rule.max_years, "years", of=Phrase(N_("of contribution or employment")),
                  subject=Phrase(N_("reduced benefit after")))
    full, reduced = _number(answers.qualifying_years), answers.reduced_benefit_years
    if full is not None and full <= rule.max_years:
        status, given = Status.MEETS, Phrase(N_("full benefit after {amount}"), amount=quantity(full, "years"))
    elif _number(reduced) is not None:
        status = _compare(reduced, bound)
        given = Phrase(N_("reduced benefit after {amount}"), amount=_given(reduced, "years"))
    elif reduced is Keyword.NONE:
        # Without the full period we cannot tell whether a reduced benefit is needed at all (see NOTES.md).
        status, given = (Status.UNKNOWN if full is None else Status.FAILS), Phrase(N_("no reduced benefit"))
    else:
        status, given = Status.UNKNOWN, None
    if answers.qualifying_basis is None and status is Status.FAILS:
        status = Status.UNKNOWN  # on a residence basis the check would not apply
    return _result(rule, status, rule.article, bound, given)


def check_age(rule: AgeRule, answers: BranchInput, context: Context) -> CheckResult:
    """Art. 26(2): pensionable age at most 65; a higher age needs regard to the working ability of the elderly."""
    bound = Bound("<=", rule.max_age,
                  alternative=Phrase(N_("(higher only with regard to the working ability of elderly persons)")))
    status = _compare(answers.pensionable_age, bound)
    return _result(rule, Status.REVIEW if status is Status.FAILS else status, rule.article, bound,
                   _given(answers.pensionable_age, ""))


def check_family_value(rule: FamilyValueRule, answers: BranchInput, context: Context) -> CheckResult:
    """Art. 44: total value per child, lower when measured over the children of all residents."""
    protected = Bound(">=", rule.min_percent, "%", of=Phrase(N_(
        "of an ordinary adult male labourer's wage per child of the persons protected")))
    residents = Bound(">=", rule.all_residents.amount, "%",
                      of=Phrase(N_("of that wage per child of all residents")))
    if answers.per_child_of_all_residents is None:  # not told how the total is measured
        bounds, article = [protected, residents], rule.article
    elif answers.per_child_of_all_residents:
        bounds, article = [residents], rule.all_residents.article
    else:
        bounds, article = [protected], rule.article
    value = answers.benefit_value_percent
    given = None if _number(value) is None else Phrase(N_("{amount} per child"), amount=_given(value, "%"))
    return _result(rule, _either(value, bounds), article, _requirement(bounds), given)


def check_employee_share(rule: EmployeeShareRule, share: float | None) -> CheckResult:
    """Art. 71(2): protected employees' own contributions at most half of the financing."""
    bound = Bound("<=", rule.max_percent, "%", of=Phrase(N_("of the total financing")))
    return _result(rule, _compare(share, bound), rule.article, bound, _given(share, "%"))


_CHECKS: dict[type, Callable[[Any, BranchInput, Context], CheckResult | None]] = {
    CoverageRule: check_coverage, RateRule: check_rate, DurationRule: check_duration,
    ThroughoutRule: check_throughout, WaitingRule: check_waiting, QualifyingRule: check_qualifying,
    ReducedBenefitRule: check_reduced_benefit, AgeRule: check_age, FamilyValueRule: check_family_value,
}


def run_check(rule: Rule, answers: BranchInput, context: Context) -> CheckResult | None:
    return _CHECKS[type(rule)](rule, answers, context)
