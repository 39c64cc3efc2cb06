"""Where to start (bot/eligibility/gaps.py): examples in the check's own terms, then properties over random
answers (Hypothesis), each re-running the real rules on the changed answers."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from itertools import combinations

import pytest
from hypothesis import given
from test_eligibility_properties import KB, SETTINGS, answers

from bot.eligibility import BranchInput, CountryInput, Coverage, Keyword, PartStatus, Status, parse_input
from bot.eligibility.article2 import article2_gaps
from bot.eligibility.assess import assess_part
from bot.eligibility.gaps import Change, Missing, PartGap, apply_gaps, part_gap, where_to_start
from bot.eligibility.rules import Context, run_check
from bot.knowledge.c102 import Part
from bot.render.where_to_start import render_where_to_start, where_to_start_to_dict

OLD_AGE_SHORT = {"coverage": {"basis": "employees", "percent": 62}, "replacement_rate": 38, "qualifying_years": 35,
                 "qualifying_basis": "contribution", "reduced_benefit_years": "none", "pensionable_age": 67}
GHANA = {
    "country": "Ghana",
    "general": {"employee_contribution_share": 60},
    "branches": {
        "sickness": {"coverage": {"basis": "employees", "percent": 41}, "replacement_rate": 50,
                     "max_duration_weeks": "unlimited", "waiting_days": 3},
        "unemployment": {"coverage": {"basis": "employees", "percent": 55}, "replacement_rate": 45,
                         "max_duration_weeks": 13},
        "old_age": OLD_AGE_SHORT,
        "employment_injury": {"coverage": {"basis": "industrial_employees", "percent": 70}, "replacement_rate": 55,
                              "qualifying_months": 3, "waiting_days": 3},
    },
}
THREE_PARTS_MEET = {
    "branches": {
        "old_age": {"coverage": {"basis": "employees", "percent": 62}, "replacement_rate": 42, "qualifying_years": 30,
                    "qualifying_basis": "contribution", "reduced_benefit_years": 15, "pensionable_age": 65},
        "employment_injury": {"coverage": {"basis": "employees", "percent": 80}, "replacement_rate": 60,
                              "qualifying_months": 0, "waiting_days": 0},
        "invalidity": {"coverage": {"basis": "employees", "percent": 70}, "replacement_rate": 40,
                       "qualifying_years": 15, "qualifying_basis": "contribution", "reduced_benefit_years": 5},
        "sickness": {"coverage": {"basis": "employees", "percent": 49}, "replacement_rate": 45,
                     "max_duration_weeks": 26, "waiting_days": 3},
    },
}


def gaps_of(data: dict) -> dict[str, list[str]]:
    where = where_to_start(parse_input(data, KB), KB)
    return {item["part"]: [entry["text"] for entry in item["changes"] + item["missing"]]
            for item in where_to_start_to_dict(where)["parts"]}


# -- examples ---------------------------------------------------------------------------------------------------
def test_each_failing_check_gets_the_change_onto_its_threshold_with_its_article():
    texts = gaps_of(GHANA)
    assert texts["V"] == [
        "Benefit rate 38% → 40% (+2 points), Art. 28 + Schedule",
        "Qualifying period 35 → 30 years of contribution (−5 years), Art. 29(1)",
        "Reduced benefit none → 15 years of contribution or employment, Art. 29(2)",
        "Pensionable age 67 → 65 (−2 years), Art. 26(2) (or keep the higher age, justified by the working ability "
        "of elderly persons)",
    ]
    assert texts["III"] == ["Coverage 41% → 50% of all employees (+9 points), Art. 15(a)"]
    assert texts["IV"] == ["Waiting period: the answer is not known; at most 7 days allowed, Art. 24(3)"]
    assert texts["VI"] == [
        "Coverage: basis industrial_employees (70%) → basis employees, at least 50% of all employees, Art. 33(a)",
        "Qualifying period 3 → 0 months of contribution (−3 months), Art. 37",
    ]


def test_parts_are_ranked_closest_first_and_the_financing_change_goes_with_every_path():
    where = where_to_start(parse_input(GHANA, KB), KB)
    assert [gap.part for gap in where.parts] == ["IV", "III", "VI", "V"]  # 0 changes, 1 small, 2, then 4
    assert [change.article for change in where.general] == ["71(2)"]
    assert where.general[0].before == 60 and where.general[0].after == 50
    assert where.paths[0].parts == ("III", "IV", "VI")  # two Parts with one change and one answer in all
    assert "Every path also needs: Employees' share of the financing 60% → 50%" in render_where_to_start(where)


def test_a_country_that_meets_article_2_has_a_path_without_changes_first():
    where = where_to_start(parse_input(THREE_PARTS_MEET, KB), KB)
    assert where.paths[0].parts == ("V", "VI", "IX") and where.paths[0].to_change == ()
    assert [gap.part for gap in where.parts] == ["III"]


def test_too_few_parts_assessed_says_what_article_2_still_lacks():
    where = where_to_start(parse_input({"branches": {"old_age": OLD_AGE_SHORT}}, KB), KB)
    assert where.paths == ()
    assert where.no_path == "two more Parts"


def test_a_duration_limit_on_a_benefit_paid_throughout_becomes_unlimited():
    data = {"branches": {"invalidity": {"coverage": {"basis": "employees", "percent": 70}, "replacement_rate": 40,
                                        "qualifying_years": 15, "reduced_benefit_years": 5,
                                        "max_duration_weeks": 52}}}
    assert gaps_of(data)["IX"] == ["Duration 52 weeks → paid throughout the contingency, Art. 58"]


def test_an_unknown_reading_is_asked_for_and_the_default_reading_assumed():
    data = {"branches": {"family": {"coverage": {"basis": "economically_active", "percent": 25},
                                    "qualifying_months": 3, "benefit_value_percent": 2,
                                    "per_child_of_all_residents": "unknown"}}}
    gap = where_to_start(parse_input(data, KB), KB).parts[0]
    assert [(change.field, change.after) for change in gap.changes] == [("benefit_value_percent", 3.0)]
    assert [(item.field, item.assumed) for item in gap.missing] == [("per_child_of_all_residents", False)]


# -- properties ---------------------------------------------------------------------------------------------------
def assessed(case: CountryInput) -> Iterator[tuple[Part, BranchInput, PartGap, BranchInput, Context]]:
    """Per Part assessed: its answers, its gap, the answers with the gap applied, the context."""
    context = Context(KB, case.article3_declaration)
    for part in KB.parts:
        if part.branch in case.branches:
            branch = case.branches[part.branch]
            gap = part_gap(part, branch, context)
            yield part, branch, gap, apply_gaps(branch, [*gap.changes, *gap.missing]), context


@SETTINGS
@given(answers())
def test_applying_the_gaps_makes_the_part_meet_and_a_part_that_meets_needs_none(case):
    for part, branch, gap, fixed, context in assessed(case):
        if assess_part(part, branch, context).status is PartStatus.MEETS:
            assert gap.changes == () and gap.missing == ()
        else:
            assert gap.changes or gap.missing
        assert assess_part(part, fixed, context).status is PartStatus.MEETS, (gap, fixed)


def _short_of(change: Change) -> float:
    """A value strictly between the answer and the suggested one, as close to the suggestion as matters."""
    assert isinstance(change.before, float) and isinstance(change.after, float)
    step = min(0.01, abs(change.after - change.before) / 2)
    return change.after - step if change.after > change.before else change.after + step


@SETTINGS
@given(answers())
def test_for_a_single_threshold_no_smaller_change_meets(case):
    for part, _, gap, fixed, context in assessed(case):
        for change in gap.changes:
            if not (isinstance(change.before, float) and isinstance(change.after, float)):
                continue
            short = _short_of(change)
            if short in (change.before, change.after):  # no float strictly between them (5e-324 and 0.0)
                continue
            nearly = apply_gaps(fixed, [dataclasses.replace(change, after=short)])
            rule = part.rule(change.check)
            result = run_check(rule, nearly, context)
            assert result is not None and result.status is not Status.MEETS, (change, result)


@SETTINGS
@given(answers())
def test_every_path_satisfies_article_2_and_is_minimal(case):
    where = where_to_start(case, KB)
    gaps = {gap.part: gap for gap in where.parts}
    for path in where.paths:
        assert article2_gaps(path.parts, KB.article2) == []
        assert set(path.to_change) <= set(gaps)
        assert path.changes == sum(len(gaps[numeral].changes) for numeral in path.to_change)
        for numeral in path.to_change:  # no Part in it is superfluous
            assert article2_gaps([other for other in path.parts if other != numeral], KB.article2)
    changes = [path.changes for path in where.paths]
    assert changes == sorted(changes)
    if where.paths:  # no set of Parts satisfying Article 2 needs fewer changes than the first path (brute force)
        meeting = [part.numeral for part in KB.parts if part.branch in case.branches and part.numeral not in gaps]
        fewest = min(sum(len(gaps[numeral].changes) for numeral in chosen)
                     for size in range(len(gaps) + 1) for chosen in combinations(gaps, size)
                     if not article2_gaps([*meeting, *chosen], KB.article2))
        assert where.paths[0].changes == fewest


@SETTINGS
@given(answers())
def test_the_paths_start_from_the_parts_that_meet(case):
    where = where_to_start(case, KB)
    meeting = {part.numeral for part in KB.parts if part.branch in case.branches} - {gap.part for gap in where.parts}
    for path in where.paths:
        assert meeting <= set(path.parts)
        assert set(path.parts) - meeting == set(path.to_change)
    if not where.paths:
        assert article2_gaps([*meeting, *(gap.part for gap in where.parts)], KB.article2)


@pytest.mark.parametrize("percent", [49.0, 10.0])
def test_a_means_tested_or_unconditional_fallback_is_never_proposed_for_a_basis_not_offered(percent):
    branch = BranchInput("employment_injury", Coverage("residents", percent), replacement_rate=60,
                           qualifying_months=0, waiting_days=0)
    gap = part_gap(KB.part("VI"), branch, Context(KB, False))
    [change] = gap.changes
    assert isinstance(change.after, Coverage) and change.after.basis == "employees"
    assert not KB.coverage_basis(change.after.basis).requires_article3


def test_missing_answers_are_listed_with_a_value_that_would_meet():
    branch = BranchInput("old_age", Coverage("employees", None), qualifying_basis=None,
                           reduced_benefit_years=Keyword.NONE)
    gap = part_gap(KB.part("V"), branch, Context(KB, False))
    fields = [item.field for item in gap.missing]
    assert fields == ["coverage.percent", "replacement_rate", "qualifying_basis", "qualifying_years",
                      "pensionable_age"]
    assert all(isinstance(item, Missing) and item.assumed is not None for item in gap.missing)
