"""The C102 checks of docs/assessment-contract.md at and around each boundary, Part statuses and the Article 2 verdict.

Figures here are the contract's (docs/assessment-contract.md), written out on purpose: if c102.yml drifted from the
contract these tests would catch it.
"""

from __future__ import annotations

import itertools

import pytest

from bot.config import PROJECT_ROOT
from bot.eligibility import BranchInput, CountryInput, Coverage, Keyword, PartStatus, Status, assess
from bot.eligibility.article2 import parts_verdict
from bot.eligibility.result import CheckResult, part_status
from bot.knowledge import c102
from bot.knowledge.reader import load_document

MEETS, FAILS, UNKNOWN, REVIEW = Status.MEETS, Status.FAILS, Status.UNKNOWN, Status.REVIEW
# Inputs that meet every check of each Part (as the spec's example), varied one field at a time below.
GOOD = {
    "medical_care": dict(coverage=Coverage("residents", 70), max_duration_weeks=Keyword.UNLIMITED),
    "sickness": dict(coverage=Coverage("employees", 60), replacement_rate=50, max_duration_weeks=26, waiting_days=3),
    "unemployment": dict(coverage=Coverage("employees", 55), replacement_rate=45, max_duration_weeks=13,
                         waiting_days=7),
    "old_age": dict(coverage=Coverage("employees", 62), replacement_rate=42, qualifying_years=30,
                    reduced_benefit_years=15, pensionable_age=65),
    "employment_injury": dict(coverage=Coverage("employees", 80), replacement_rate=60, qualifying_months=0,
                              waiting_days=0),
    "family": dict(coverage=Coverage("economically_active", 25), qualifying_months=3, benefit_value_percent=3.5),
    "maternity": dict(coverage=Coverage("employees", 55), replacement_rate=66.7, max_duration_weeks=14),
    "invalidity": dict(coverage=Coverage("employees", 62), replacement_rate=40, qualifying_years=15,
                       reduced_benefit_years=5),
    "survivors": dict(coverage=Coverage("employees", 62), replacement_rate=40, qualifying_years=15,
                      reduced_benefit_years=5),
}
NUMERALS = {"medical_care": "II", "sickness": "III", "unemployment": "IV", "old_age": "V", "employment_injury": "VI",
            "family": "VII", "maternity": "VIII", "invalidity": "IX", "survivors": "X"}


@pytest.fixture(scope="module")
def kb() -> c102.C102:
    return c102.parse(load_document(PROJECT_ROOT / "data" / "knowledge", c102.FILE))


def run(kb, branches: dict[str, dict], *, article3: bool = False, share: float | None = None):
    answers = CountryInput(branches={name: BranchInput(branch=name, **fields) for name, fields in branches.items()},
                      article3_declaration=article3, employee_contribution_share=share)
    return assess(answers, kb)


def check(kb, branch: str, name: str, *, article3: bool = False, **changes) -> CheckResult | None:
    """The check `name` of `branch` for the good answers with `changes`; None when it was not reported."""
    result = run(kb, {branch: {**GOOD[branch], **changes}}, article3=article3)
    return next((item for item in result.parts[0].checks if item.check == name), None)


def test_the_good_answers_meet_every_part(kb):
    result = run(kb, GOOD, share=45)
    assert [(part.part, part.status) for part in result.parts] == [(n, PartStatus.MEETS) for n in NUMERALS.values()]
    assert result.article2.ratifiable and result.article2.missing == ""


# -- benefit rates -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("branch", "minimum", "article"), [
    ("sickness", 45, "16 + Schedule"), ("unemployment", 45, "22 + Schedule"), ("old_age", 40, "28 + Schedule"),
    ("employment_injury", 50, "36 + Schedule"), ("maternity", 45, "50 + Schedule"),
    ("invalidity", 40, "56 + Schedule"), ("survivors", 40, "62 + Schedule"),
])
def test_rate_boundary(kb, branch, minimum, article):
    at = check(kb, branch, "benefit_rate", replacement_rate=minimum)
    below = check(kb, branch, "benefit_rate", replacement_rate=minimum - 0.1)
    assert (at.status, below.status) == (MEETS, FAILS)
    assert at.article == article and str(at.required) == f">= {minimum}%"
    assert below.given == f"{minimum - 0.1:g}%"
    assert at.verified  # the Schedule was checked against the Convention's complete text
    assert check(kb, branch, "benefit_rate", replacement_rate=None).status is UNKNOWN


def test_rate_check_absent_where_the_part_has_none(kb):
    assert check(kb, "family", "benefit_rate") is None
    assert check(kb, "medical_care", "benefit_rate") is None


# -- waiting days --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("branch", "maximum", "article"), [
    ("sickness", 3, "18(1)"), ("unemployment", 7, "24(3)"), ("employment_injury", 3, "38")])
def test_waiting_days_boundary(kb, branch, maximum, article):
    assert check(kb, branch, "waiting_period", waiting_days=maximum).status is MEETS
    over = check(kb, branch, "waiting_period", waiting_days=maximum + 1)
    assert over.status is FAILS and over.article == article and over.given == f"{maximum + 1} days"
    assert check(kb, branch, "waiting_period", waiting_days=None).status is UNKNOWN


# -- durations -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("branch", "article3", "minimum", "article"), [
    ("sickness", False, 26, "18(1)"), ("sickness", True, 13, "18(2)"),
    ("medical_care", False, 26, "12(1)"), ("medical_care", True, 13, "12(2)"),
    ("unemployment", False, 13, "24(1)"), ("unemployment", True, 13, "24(1)"),
    ("maternity", False, 12, "52"),
])
def test_duration_boundary(kb, branch, article3, minimum, article):
    at = check(kb, branch, "duration", article3=article3, max_duration_weeks=minimum)
    below = check(kb, branch, "duration", article3=article3, max_duration_weeks=minimum - 1)
    assert (at.status, below.status) == (MEETS, FAILS)
    assert at.article == article
    assert check(kb, branch, "duration", article3=article3, max_duration_weeks=Keyword.UNLIMITED).status is MEETS


def test_sickness_25_weeks_fails_without_a_declaration_and_meets_with_one(kb):
    assert check(kb, "sickness", "duration", max_duration_weeks=25).status is FAILS
    assert check(kb, "sickness", "duration", article3=True, max_duration_weeks=25).status is MEETS


def test_unemployment_means_tested_needs_26_weeks(kb):
    means_tested = Coverage("means_tested_residents")
    assert check(kb, "unemployment", "duration", coverage=means_tested, max_duration_weeks=26).status is MEETS
    assert check(kb, "unemployment", "duration", coverage=means_tested, max_duration_weeks=25).status is FAILS
    assert check(kb, "unemployment", "duration", coverage=means_tested, max_duration_weeks=25).required.amount == 26


@pytest.mark.parametrize(("branch", "article"), [
    ("old_age", "30"), ("employment_injury", "38"), ("invalidity", "58"), ("survivors", "64")])
def test_long_term_benefits_are_paid_throughout(kb, branch, article):
    limited = check(kb, branch, "duration", max_duration_weeks=520)
    assert limited.status is FAILS and limited.article == article
    assert check(kb, branch, "duration", max_duration_weeks=Keyword.UNLIMITED).status is MEETS
    assert check(kb, branch, "duration") is None  # not asked, not needed for the verdict


# -- coverage ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("branch", "basis", "minimum", "article"), [
    ("old_age", "employees", 50, "27(a)"), ("old_age", "economically_active", 20, "27(b)"),
    ("medical_care", "residents", 50, "9(c)"), ("maternity", "economically_active", 20, "48(b)"),
    ("employment_injury", "employees", 50, "33(a)"), ("unemployment", "employees", 50, "21(a)"),
])
def test_coverage_boundary(kb, branch, basis, minimum, article):
    at = check(kb, branch, "coverage", coverage=Coverage(basis, minimum))
    below = check(kb, branch, "coverage", coverage=Coverage(basis, minimum - 0.1))
    assert (at.status, below.status) == (MEETS, FAILS)
    assert at.article == article
    group = "all employees" if basis == "employees" else "all residents"
    assert str(at.required) == f">= {minimum}% of {group}"
    assert below.given == f"{minimum - 0.1:g}% of {group}"


@pytest.mark.parametrize(("branch", "basis", "article"), [
    ("old_age", "residents", "27"), ("maternity", "means_tested_residents", "48"),
    ("employment_injury", "economically_active", "33"), ("unemployment", "economically_active", "21")])
def test_basis_not_offered_by_the_part_fails_citing_its_coverage_article(kb, branch, basis, article):
    result = check(kb, branch, "coverage", coverage=Coverage(basis, 90))
    assert result.status is FAILS and result.article == article and result.given == basis


def test_industrial_employees_need_an_article3_declaration(kb):
    industrial = Coverage("industrial_employees", 60)
    without = check(kb, "old_age", "coverage", coverage=industrial)
    assert without.status is FAILS and without.article == "3"
    with_declaration = check(kb, "old_age", "coverage", article3=True, coverage=industrial)
    assert with_declaration.status is MEETS and with_declaration.article == "27(d)"
    assert check(kb, "old_age", "coverage", article3=True,
                 coverage=Coverage("industrial_employees", 49)).status is FAILS


def test_means_tested_coverage_meets_without_a_percent(kb):
    result = check(kb, "old_age", "coverage", coverage=Coverage("means_tested_residents"))
    assert result.status is MEETS and result.article == "27(c)"


@pytest.mark.parametrize("coverage", [Coverage(), Coverage("employees", None)])
def test_missing_coverage_answer_is_unknown(kb, coverage):
    assert check(kb, "old_age", "coverage", coverage=coverage).status is UNKNOWN


# -- qualifying periods --------------------------------------------------------------------------------------
@pytest.mark.parametrize(("branch", "field", "basis", "maximum", "article"), [
    ("old_age", "qualifying_years", "contribution", 30, "29(1)"),
    ("old_age", "qualifying_years", "employment", 30, "29(1)"),
    ("old_age", "qualifying_years", "residence", 20, "29(1)"),
    ("invalidity", "qualifying_years", "contribution", 15, "57(1)"),
    ("invalidity", "qualifying_years", "residence", 10, "57(1)"),
    ("survivors", "qualifying_years", "contribution", 15, "63(1)"),
    ("survivors", "qualifying_years", "residence", 10, "63(1)"),
    ("family", "qualifying_months", "contribution", 3, "43"),
    ("family", "qualifying_months", "residence", 12, "43"),
    ("employment_injury", "qualifying_months", "contribution", 0, "37"),
])
def test_qualifying_boundary(kb, branch, field, basis, maximum, article):
    at = check(kb, branch, "qualifying_period", qualifying_basis=basis, **{field: maximum})
    over = check(kb, branch, "qualifying_period", qualifying_basis=basis, **{field: maximum + 1})
    assert (at.status, over.status) == (MEETS, FAILS)
    assert at.article == article


@pytest.mark.parametrize(("years", "status"), [(18, MEETS), (20, MEETS), (25, UNKNOWN), (30, UNKNOWN), (31, FAILS)])
def test_qualifying_with_unknown_basis_is_decided_only_when_both_limits_agree(kb, years, status):
    assert check(kb, "old_age", "qualifying_period", qualifying_basis=None, qualifying_years=years).status is status


# -- reduced benefit -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("branch", "full", "reduced", "status"), [
    ("old_age", 30, 15, MEETS), ("old_age", 30, 16, FAILS), ("old_age", 15, None, MEETS),
    ("old_age", 14, Keyword.NONE, MEETS), ("old_age", 30, Keyword.NONE, FAILS), ("old_age", 30, None, UNKNOWN),
    ("old_age", None, None, UNKNOWN), ("old_age", None, 10, MEETS), ("old_age", None, Keyword.NONE, UNKNOWN),
    ("invalidity", 15, 5, MEETS), ("invalidity", 15, 6, FAILS), ("survivors", 15, Keyword.NONE, FAILS),
    ("survivors", 5, Keyword.NONE, MEETS),
])
def test_reduced_benefit(kb, branch, full, reduced, status):
    result = check(kb, branch, "reduced_benefit", qualifying_years=full, reduced_benefit_years=reduced)
    assert result.status is status


def test_reduced_benefit_does_not_apply_on_a_residence_basis(kb):
    assert check(kb, "old_age", "reduced_benefit", qualifying_basis="residence", qualifying_years=20,
                 reduced_benefit_years=Keyword.NONE) is None


def test_reduced_benefit_with_unknown_basis_never_fails(kb):
    result = check(kb, "old_age", "reduced_benefit", qualifying_basis=None, qualifying_years=30,
                   reduced_benefit_years=Keyword.NONE)
    assert result.status is UNKNOWN


# -- pensionable age, family value, financing --------------------------------------------------------------------
@pytest.mark.parametrize(("age", "status"), [(60, MEETS), (65, MEETS), (65.5, REVIEW), (67, REVIEW), (None, UNKNOWN)])
def test_pensionable_age_above_65_needs_review_not_a_failure(kb, age, status):
    result = check(kb, "old_age", "pensionable_age", pensionable_age=age)
    assert result.status is status and result.article == "26(2)"


def test_old_age_part_with_age_67_is_review(kb):
    result = run(kb, {"old_age": {**GOOD["old_age"], "pensionable_age": 67}})
    assert result.parts[0].status is PartStatus.REVIEW
    assert result.article2.acceptable_parts == ()


@pytest.mark.parametrize(("per_child_of_all_residents", "value", "status", "article"), [
    (False, 3, MEETS, "44(a)"), (False, 2.9, FAILS, "44(a)"),
    (True, 1.5, MEETS, "44(b)"), (True, 1.4, FAILS, "44(b)"),
    (None, 3, MEETS, "44(a)"), (None, 2, UNKNOWN, "44(a)"), (None, 1, FAILS, "44(a)"),
])
def test_family_benefit_value(kb, per_child_of_all_residents, value, status, article):
    result = check(kb, "family", "family_benefit_value", benefit_value_percent=value,
                   per_child_of_all_residents=per_child_of_all_residents)
    assert (result.status, result.article) == (status, article)


@pytest.mark.parametrize(("share", "status"), [(50, MEETS), (50.1, FAILS), (None, UNKNOWN)])
def test_employee_contribution_share(kb, share, status):
    result = run(kb, {}, share=share)
    assert result.general[0].status is status and result.general[0].article == "71(2)"


# -- Part status ---------------------------------------------------------------------------------------------
def _results(*statuses: Status) -> list[CheckResult]:
    return [CheckResult("x", status, "1", "r", None, True) for status in statuses]


@pytest.mark.parametrize(("statuses", "expected"), [
    ((MEETS,), PartStatus.MEETS), ((MEETS, MEETS), PartStatus.MEETS),
    ((MEETS, REVIEW), PartStatus.REVIEW), ((REVIEW, REVIEW), PartStatus.REVIEW),
    ((MEETS, UNKNOWN), PartStatus.INCOMPLETE), ((REVIEW, UNKNOWN), PartStatus.INCOMPLETE),
    ((UNKNOWN, UNKNOWN), PartStatus.INCOMPLETE),
    ((MEETS, FAILS), PartStatus.FAILS), ((UNKNOWN, FAILS), PartStatus.FAILS), ((REVIEW, FAILS), PartStatus.FAILS),
    ((MEETS, UNKNOWN, REVIEW, FAILS), PartStatus.FAILS), ((MEETS, UNKNOWN, REVIEW), PartStatus.INCOMPLETE),
])
def test_part_status(statuses, expected):
    for order in itertools.permutations(statuses):
        assert part_status(_results(*order)) is expected


# -- Article 2 -----------------------------------------------------------------------------------------------
def _good(*branches: str) -> dict[str, dict]:
    return {branch: GOOD[branch] for branch in branches}


@pytest.mark.parametrize(("branches", "ratifiable", "missing"), [
    (("medical_care", "sickness", "old_age"), True, ""),
    (("unemployment", "employment_injury", "survivors"), True, ""),
    (("medical_care", "sickness", "family"), False, "one of Parts IV, V, VI, IX or X"),
    (("old_age",), False, "two more Parts"),
    (("old_age", "family"), False, "one more Part"),
    (("medical_care", "family"), False, "one more Part, one of them from Parts IV, V, VI, IX or X"),
    ((), False, "three Parts, one of them from Parts IV, V, VI, IX or X"),
])
def test_article2_verdict(kb, branches, ratifiable, missing):
    verdict = run(kb, _good(*branches)).article2
    assert (verdict.ratifiable, verdict.missing, verdict.article) == (ratifiable, missing, "2")
    assert verdict.acceptable_parts == tuple(NUMERALS[branch] for branch in NUMERALS if branch in branches)


@pytest.mark.parametrize(("parts", "ratifiable", "missing"), [
    (("V", "VI", "IX"), True, ""),
    (("II", "III", "VII", "VIII"), False, "one of Parts IV, V, VI, IX or X"),
    (("III", "VII"), False, "one more Part, one of them from Parts IV, V, VI, IX or X"),
    (("V", "VI"), False, "one more Part"),
    (("X",), False, "two more Parts"),
])
def test_the_parts_named_for_a_draft_are_checked_against_article_2_alone(kb, parts, ratifiable, missing):
    verdict = parts_verdict(parts, kb.article2)
    assert (verdict.ratifiable, verdict.missing, verdict.article) == (ratifiable, missing, kb.article2.article)
    assert verdict.acceptable_parts == parts


def test_parts_that_do_not_meet_are_not_counted(kb):
    branches = _good("medical_care", "sickness", "old_age", "family")
    branches["old_age"] = {**GOOD["old_age"], "replacement_rate": 39}  # fails
    branches["sickness"] = {**GOOD["sickness"], "waiting_days": None}  # incomplete
    verdict = run(kb, branches).article2
    assert verdict.acceptable_parts == ("II", "VII")
    assert not verdict.ratifiable
    assert verdict.missing == "one more Part, one of them from Parts IV, V, VI, IX or X"


def test_article_71_2_broken_blocks_ratification_whatever_the_parts(kb):
    verdict = run(kb, GOOD, share=55).article2
    assert not verdict.ratifiable
    assert len(verdict.acceptable_parts) == 9
    assert "71(2)" in verdict.missing and "55%" in verdict.missing


def test_article_71_2_unknown_does_not_block(kb):
    assert run(kb, _good("medical_care", "sickness", "old_age"), share=None).article2.ratifiable


def test_parts_are_reported_in_order_and_only_those_assessed(kb):
    result = run(kb, {"survivors": GOOD["survivors"], "medical_care": GOOD["medical_care"]})
    assert [part.part for part in result.parts] == ["II", "X"]
    assert [part.title for part in result.parts] == ["Medical care", "Survivors' benefit"]


# -- rows corrected against the Convention's complete text (issue 14) --------------------------------------------
def test_art_18_1_waiting_days_keep_the_contracts_plain_maximum(kb):
    """Art. 18(1) allows the 3 unpaid days only where the benefit is limited to 26 weeks; the contract checks
    waiting_days <= 3 whatever the duration, and the report's "Not modelled" line names the link."""
    unlimited = check(kb, "sickness", "waiting_period", waiting_days=3, max_duration_weeks=Keyword.UNLIMITED)
    limited = check(kb, "sickness", "waiting_period", waiting_days=3, max_duration_weeks=26)
    assert (unlimited.status, limited.status) == (MEETS, MEETS)
    assert unlimited.article == "18(1)" and unlimited.verified
    assert check(kb, "sickness", "waiting_period", waiting_days=4).status is FAILS
    assert kb.part("sickness").rule("waiting_period").only_with_duration_limit
    assert "Art. 18(1)" in kb.not_modelled


def test_art_63_2_reduced_benefit_counts_contribution_or_employment_not_residence(kb):
    """Art. 63(2): the reduced survivors' benefit rests on 5 years of contribution or employment; on a residence
    basis the check does not apply."""
    assert check(kb, "survivors", "reduced_benefit", qualifying_basis="residence", qualifying_years=10) is None
    five = check(kb, "survivors", "reduced_benefit", qualifying_years=20, reduced_benefit_years=5)
    six = check(kb, "survivors", "reduced_benefit", qualifying_years=20, reduced_benefit_years=6)
    assert (five.status, six.status, five.article) == (MEETS, FAILS, "63(2)")
    assert five.verified and "of contribution or employment" in str(five.required)
    residence = check(kb, "survivors", "qualifying_period", qualifying_basis="residence", qualifying_years=10)
    assert (residence.status, residence.article, residence.verified) == (MEETS, "63(1)", True)


def test_art_29_5_and_63_5_are_named_as_not_modelled(kb):
    assert "transitional benefit of Art. 29(5)" in kb.not_modelled
    assert "childless widows (Art. 63(5))" in kb.not_modelled
