"""Reading the answers (docs/assessment-contract.md, "What it takes" and "Bad input"): values, keywords, and one
problem per field."""

from __future__ import annotations

import copy

import pytest

from bot.config import PROJECT_ROOT
from bot.eligibility import InputError, Keyword, PartStatus, Status, assess, parse_input
from bot.knowledge import c102
from bot.knowledge.reader import load_document

SPEC_EXAMPLE = {
    "country": "Ruritania",
    "article3_declaration": False,
    "general": {"employee_contribution_share": 45},
    "branches": {
        "medical_care": {"coverage": {"basis": "residents", "percent": 70}, "max_duration_weeks": "unlimited"},
        "sickness": {"coverage": {"basis": "employees", "percent": 60}, "replacement_rate": 50,
                     "max_duration_weeks": 26, "waiting_days": 3},
        "old_age": {"coverage": {"basis": "employees", "percent": 62}, "replacement_rate": 42,
                    "qualifying_years": 30, "qualifying_basis": "contribution", "reduced_benefit_years": 15,
                    "pensionable_age": 65},
        "family": {"coverage": {"basis": "economically_active", "percent": 25}, "qualifying_months": 3,
                   "qualifying_basis": "contribution", "benefit_value_percent": 3.5},
    },
}
BRANCHES = ("medical_care, sickness, unemployment, old_age, employment_injury, family, maternity, invalidity, "
            "survivors")


@pytest.fixture(scope="module")
def kb() -> c102.C102:
    return c102.parse(load_document(PROJECT_ROOT / "data" / "knowledge", c102.FILE))


def problems(kb, data) -> list[str]:
    with pytest.raises(InputError) as caught:
        parse_input(data, kb)
    return caught.value.problems


def with_branch(branch: str, **fields) -> dict:
    data = copy.deepcopy(SPEC_EXAMPLE)
    data["branches"][branch] = {**data["branches"].get(branch, {}), **fields}
    return data


# -- good input ----------------------------------------------------------------------------------------------
def test_spec_example_is_read(kb):
    answers = parse_input(SPEC_EXAMPLE, kb)
    assert answers.country == "Ruritania" and answers.article3_declaration is False
    assert answers.employee_contribution_share == 45
    old_age = answers.branches["old_age"]
    assert (old_age.coverage.basis, old_age.coverage.percent) == ("employees", 62)
    assert old_age.replacement_rate == 42 and old_age.pensionable_age == 65
    assert answers.branches["medical_care"].max_duration_weeks is Keyword.UNLIMITED


def test_optional_parts_take_their_defaults(kb):
    answers = parse_input({"branches": {"old_age": {"qualifying_years": 30}}}, kb)
    assert answers.country is None and answers.article3_declaration is False
    assert answers.employee_contribution_share is None
    assert answers.branches["old_age"].qualifying_basis == "contribution"
    assert answers.branches["old_age"].coverage.basis is None


def test_keywords(kb):
    answers = parse_input(with_branch("old_age", reduced_benefit_years="none", max_duration_weeks="Unlimited"), kb)
    assert answers.branches["old_age"].reduced_benefit_years is Keyword.NONE
    assert answers.branches["old_age"].max_duration_weeks is Keyword.UNLIMITED
    answers = parse_input(with_branch("sickness", waiting_days="none"), kb)
    assert answers.branches["sickness"].waiting_days == 0


def test_unknown_answers_give_unknown_checks(kb):
    data = with_branch("old_age", replacement_rate="unknown", coverage="unknown")
    result = assess(parse_input(data, kb), kb)
    old_age = next(part for part in result.parts if part.branch == "old_age")
    statuses = {check.check: check.status for check in old_age.checks}
    assert statuses["benefit_rate"] is Status.UNKNOWN and statuses["coverage"] is Status.UNKNOWN
    assert old_age.status is PartStatus.INCOMPLETE


def test_empty_branch_is_assessed_as_incomplete(kb):
    result = assess(parse_input({"branches": {"maternity": None}}, kb), kb)
    assert result.parts[0].status is PartStatus.INCOMPLETE


def test_input_is_not_modified(kb):
    data = copy.deepcopy(SPEC_EXAMPLE)
    parse_input(data, kb)
    assert data == SPEC_EXAMPLE


# -- bad input: one line per problem, naming the field ---------------------------------------------------------
@pytest.mark.parametrize(("data", "expected"), [
    (with_branch("old_age", replacement_rate=140),
     "branches.old_age.replacement_rate: 140 is not a percentage between 0 and 100"),
    (with_branch("old_age", replacement_rate=-1),
     "branches.old_age.replacement_rate: -1 is not a percentage between 0 and 100"),
    (with_branch("sickness", waiting_days=-3),
     "branches.sickness.waiting_days: -3 is negative: the number of days must be 0 or more"),
    (with_branch("old_age", replacement_rate="forty"),
     "branches.old_age.replacement_rate: expected a percentage between 0 and 100 or 'unknown', got 'forty'"),
    (with_branch("old_age", replacement_rate=True),
     "branches.old_age.replacement_rate: expected a percentage between 0 and 100 or 'unknown', got True"),
    (with_branch("sickness", max_duration_weeks="forever"),
     "branches.sickness.max_duration_weeks: expected a number of weeks, 'unlimited' or 'unknown', got 'forever'"),
    (with_branch("old_age", waiting_days=3),
     "branches.old_age.waiting_days: unknown key (allowed: coverage, replacement_rate, qualifying_years, "
     "qualifying_basis, reduced_benefit_years, pensionable_age, max_duration_weeks)"),
    (with_branch("old_age", coverage={"basis": "citizens", "percent": 60}),
     "branches.old_age.coverage.basis: 'citizens' is not one of: employees, economically_active, residents, "
     "means_tested_residents, industrial_employees"),
    (with_branch("old_age", coverage={"basis": "means_tested_residents", "percent": 60}),
     "branches.old_age.coverage.percent: not used with the basis 'means_tested_residents' (it covers all residents "
     "within the means limits)"),
    (with_branch("old_age", coverage={"basis": "employees", "share": 60}),
     "branches.old_age.coverage.share: unknown key (allowed: basis, percent)"),
    (with_branch("old_age", coverage=62),
     "branches.old_age.coverage: expected a mapping with the keys basis, percent, got 62"),
    (with_branch("old_age", qualifying_basis="birth"),
     "branches.old_age.qualifying_basis: 'birth' is not one of: contribution, employment, residence"),
    (with_branch("old_age", pensionable_age=650),
     "branches.old_age.pensionable_age: 650 is not an age between 0 and 120"),
    (with_branch("family", per_child_of_all_residents="maybe"),
     "branches.family.per_child_of_all_residents: expected true or false or 'unknown', got 'maybe'"),
    ({"branches": {"pensions": {}}}, f"branches.pensions: unknown branch (allowed: {BRANCHES})"),
    ({"branches": ["old_age"]}, "branches: expected a mapping of branch names to answers, got ['old_age']"),
    ({"branches": {"old_age": 5}},
     "branches.old_age: expected a mapping with the keys coverage, replacement_rate, qualifying_years, "
     "qualifying_basis, reduced_benefit_years, pensionable_age, max_duration_weeks, got 5"),
    ({"countries": "Ruritania"}, "countries: unknown key (allowed: country, article3_declaration, general, branches)"),
    ({"country": 7}, "country: expected the country's name, got 7"),
    ({"article3_declaration": "yes"}, "article3_declaration: expected true or false, got 'yes'"),
    ({"general": {"employee_contribution_share": 150}},
     "general.employee_contribution_share: 150 is not a percentage between 0 and 100"),
    ({"general": {"employer_share": 50}}, "general.employer_share: unknown key (allowed: employee_contribution_share)"),
    (["old_age"], "the answers must be a mapping with the keys country, article3_declaration, general, branches, "
                  "got ['old_age']"),
    (None, "the answers must be a mapping with the keys country, article3_declaration, general, branches, got None"),
])
def test_bad_input_names_the_field(kb, data, expected):
    assert problems(kb, data) == [expected]


def test_every_problem_is_reported(kb):
    data = with_branch("old_age", replacement_rate=140, pensionable_age=-1, colour="red")
    data["branches"]["pensions"] = {}
    found = problems(kb, data)
    assert len(found) == 4
    assert [line.split(":")[0] for line in found] == [
        "branches.old_age.colour", "branches.old_age.replacement_rate", "branches.old_age.pensionable_age",
        "branches.pensions"]


def test_nan_is_not_a_number(kb):
    assert problems(kb, with_branch("old_age", replacement_rate=float("nan")))[0].startswith(
        "branches.old_age.replacement_rate: expected a percentage")
