"""Properties of the engine over random answers (Hypothesis)."""

from __future__ import annotations

import dataclasses
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.config import PROJECT_ROOT
from bot.eligibility import BranchInput, CountryInput, Coverage, Keyword, PartStatus, Status, assess, assessment_to_dict
from bot.knowledge import c102
from bot.knowledge.reader import load_document

KB = c102.parse(load_document(PROJECT_ROOT / "data" / "knowledge", c102.FILE))
BASES = [basis.id for basis in KB.coverage_bases]
KEY_PARTS = set(KB.article2.one_of)

percent = st.one_of(st.none(), st.floats(min_value=0, max_value=100, allow_nan=False))
count = st.one_of(st.none(), st.floats(min_value=0, max_value=60, allow_nan=False))
coverage = st.builds(Coverage, st.one_of(st.none(), st.sampled_from(BASES)), percent)


def branch_answers(branch: str) -> st.SearchStrategy[BranchInput]:
    return st.builds(
        BranchInput, branch=st.just(branch), coverage=coverage, replacement_rate=percent,
        max_duration_weeks=st.one_of(count, st.just(Keyword.UNLIMITED)), waiting_days=count,
        qualifying_years=count, qualifying_months=count,
        qualifying_basis=st.sampled_from([None, "contribution", "employment", "residence"]),
        reduced_benefit_years=st.one_of(count, st.just(Keyword.NONE)),
        pensionable_age=st.one_of(st.none(), st.floats(min_value=40, max_value=80)),
        benefit_value_percent=percent, per_child_of_all_residents=st.sampled_from([None, False, True]),
    )


@st.composite
def answers(draw) -> CountryInput:
    chosen = draw(st.lists(st.sampled_from(KB.branch_ids), unique=True))
    return CountryInput(branches={branch: draw(branch_answers(branch)) for branch in chosen},
                   article3_declaration=draw(st.booleans()), employee_contribution_share=draw(percent))


SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(answers())
def test_the_verdict_counts_only_parts_that_meet(case):
    result = assess(case, KB)
    verdict = result.article2
    meeting = [part for part in result.parts if part.status is PartStatus.MEETS]
    assert verdict.acceptable_parts == tuple(part.part for part in meeting)
    for part in meeting:
        assert all(check.status is Status.MEETS for check in part.checks)
    if verdict.ratifiable:
        assert len(verdict.acceptable_parts) >= KB.article2.min_parts
        assert KEY_PARTS & set(verdict.acceptable_parts)
        assert result.general[0].status is not Status.FAILS
        assert verdict.missing == ""
    else:
        assert verdict.missing


@SETTINGS
@given(answers(), st.data())
def test_raising_a_rate_never_turns_meets_into_fails(case, data):
    before = assess(case, KB)
    raised = {}
    for branch, entry in case.branches.items():
        start = entry.replacement_rate if entry.replacement_rate is not None else 0.0
        raised[branch] = dataclasses.replace(entry, replacement_rate=data.draw(
            st.floats(min_value=start, max_value=100, allow_nan=False)))
    after = assess(dataclasses.replace(case, branches=raised), KB)
    for old, new in zip(before.parts, after.parts, strict=True):
        old_rate = {check.check: check.status for check in old.checks}.get("benefit_rate")
        new_rate = {check.check: check.status for check in new.checks}.get("benefit_rate")
        if old_rate is Status.MEETS:
            assert new_rate is Status.MEETS
        if old.status is PartStatus.MEETS:
            assert new.status is PartStatus.MEETS
    assert set(before.article2.acceptable_parts) <= set(after.article2.acceptable_parts)


@SETTINGS
@given(answers(), st.data())
def test_wider_coverage_and_fewer_waiting_days_never_hurt(case, data):
    before = assess(case, KB)
    better = {}
    for branch, entry in case.branches.items():
        percent_now = entry.coverage.percent
        waiting_now = entry.waiting_days
        better[branch] = dataclasses.replace(
            entry,
            coverage=dataclasses.replace(entry.coverage, percent=None if percent_now is None else data.draw(
                st.floats(min_value=percent_now, max_value=100))),
            waiting_days=None if waiting_now is None else data.draw(st.floats(min_value=0, max_value=waiting_now)))
    after = assess(dataclasses.replace(case, branches=better), KB)
    for old, new in zip(before.parts, after.parts, strict=True):
        if old.status is PartStatus.MEETS:
            assert new.status is PartStatus.MEETS


@SETTINGS
@given(answers())
def test_output_is_json_with_parts_in_convention_order(case):
    data = json.loads(json.dumps(assessment_to_dict(assess(case, KB))))
    numerals = [part.numeral for part in KB.parts]
    order = [numerals.index(part["part"]) for part in data["parts"]]
    assert order == sorted(order)
    assert {part["branch"] for part in data["parts"]} == set(case.branches)
    for part in data["parts"]:
        for check in part["checks"]:
            assert check["status"] in {"meets", "fails", "unknown", "review"}
            assert check["article"] and check["required"]
