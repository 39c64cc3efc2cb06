"""What C102 requires for a branch: one aspect, the branch's main figures, a missing branch or aspect."""

from __future__ import annotations

import pytest

from bot import knowledge
from bot.answers import UserQuestion, answer
from bot.knowledge.c102 import (
    AgeRule,
    DurationRule,
    FamilyValueRule,
    QualifyingRule,
    RateRule,
    ReducedBenefitRule,
    WaitingRule,
    format_number,
    format_percent,
)
from bot.knowledge.facts import UNVERIFIED_NOTE

KB = knowledge.load()
PAIRS = [(part.branch, aspect) for part in KB.c102.parts for aspect in part.facts]


def ask(**slots):
    return answer("requirement", KB, UserQuestion(**slots))


# -- one aspect ------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("branch", "aspect"), PAIRS, ids=[f"{b}-{a}" for b, a in PAIRS])
def test_exactly_the_aspect_asked_for(branch, aspect):
    part = KB.c102.part(branch)
    fact = part.facts[aspect]
    result = ask(branch=branch, aspect=aspect)
    assert fact.cite() in result.text, "the figure with its article (and the caveat when unverified)"
    assert fact.article in result.text
    assert (UNVERIFIED_NOTE in result.text) == (not fact.verified)
    others = [other for ident, other in part.facts.items() if ident != aspect]
    assert not any(other.text in result.text for other in others), "only the aspect asked for"
    assert result.context == {"branch": branch, "aspect": aspect}


def test_spot_checks():
    rate = ask(branch="old_age", aspect="benefit_rate").text
    assert "40%" in rate and "Schedule" in rate and "Art. 28" in rate and "a man with a wife of pensionable age" in rate
    assert UNVERIFIED_NOTE in rate
    qualifying = ask(branch="invalidity", aspect="qualifying_period").text
    assert "15 years" in qualifying and "C102 Art. 57" in qualifying
    age = ask(branch="old_age", aspect="pensionable_age").text
    assert "65" in age and "C102 Art. 26(2)" in age
    assert "12 weeks" in ask(branch="maternity", aspect="duration").text
    waiting = ask(branch="unemployment", aspect="waiting_period").text
    assert "7 days" in waiting and "C102 Art. 24(3)" in waiting
    coverage = ask(branch="old_age", aspect="coverage").text
    assert "at least 50% of all employees" in coverage and "C102 Art. 27" in coverage
    assert "a widow with two children" in ask(branch="survivors", aspect="standard_beneficiary").text


def test_the_branch_may_be_a_numeral():
    assert ask(branch="IX", aspect="qualifying_period") == ask(branch="invalidity", aspect="qualifying_period")


def test_an_aspect_that_does_not_apply():
    result = ask(branch="maternity", aspect="pensionable_age")
    part = KB.c102.part("maternity")
    assert "Pensionable age does not apply to maternity benefit (Part VIII)" in result.text
    labels = [aspect.label for aspect in KB.c102.aspects if aspect.id in part.facts]
    assert "pensionable_age" not in part.facts
    assert all(label.lower() in result.text for label in labels)
    assert [button.title for button in result.buttons] == labels
    assert result.buttons[0].payload == f"What is the {labels[0].lower()} for maternity benefit under C102?"
    assert result.context == {"branch": "maternity", "aspect": "pensionable_age"}


# -- the branch's main figures -----------------------------------------------------------------------------------------
def expected_figures(rule) -> list[str]:
    """The figures each check must show, read from the KB."""
    if isinstance(rule, RateRule):
        return [format_percent(rule.min_percent), rule.row.beneficiary]
    if isinstance(rule, DurationRule):
        variants = [rule.means_tested_min_weeks, rule.article3.amount if rule.article3 else None]
        return [f"{format_number(weeks)} weeks" for weeks in (rule.min_weeks, *variants) if weeks is not None]
    if isinstance(rule, WaitingRule):
        return [f"{format_number(rule.max_days)} days"]
    if isinstance(rule, QualifyingRule) and rule.max:
        return [f"{format_number(rule.max)} {rule.unit}"]
    if isinstance(rule, ReducedBenefitRule):
        return [f"{format_number(rule.max_years)} years"]
    if isinstance(rule, AgeRule):
        return [format_number(rule.max_age)]
    if isinstance(rule, FamilyValueRule):
        return [format_percent(rule.min_percent), format_percent(rule.all_residents.amount)]
    return []


@pytest.mark.parametrize("part", KB.c102.parts, ids=lambda part: part.branch)
def test_no_aspect_gives_the_main_figures(part):
    result = ask(branch=part.branch)
    assert result.text.startswith(f"Part {part.numeral} — {part.title}")
    lines = result.text.split("\n")
    for rule in part.checks:
        figures = expected_figures(rule)
        line = next((line for line in lines if f"(C102 Art. {rule.article})" in line
                     and all(figure in line for figure in figures)), None)
        assert line is not None, f"no line with {figures} and Art. {rule.article}"
        assert (UNVERIFIED_NOTE in line) == (not rule.verified)
    assert len(lines) == len(part.checks) + 2, "a heading, one line per check, the link"
    coverage = part.coverage
    assert all(f"({letter})" in result.text for letter in coverage.bases.values())
    assert KB.conventions.get("C102").link in result.text
    assert {button.title for button in result.buttons} == {KB.c102.aspect(ident).label for ident in part.facts}
    assert result.context == {"branch": part.branch, "aspect": None}


def test_old_age_summary_spot_check():
    text = ask(branch="old_age").text
    assert "Minimum rate (Schedule): 40%" in text and "(C102 Art. 28)" in text
    assert "30 years of contribution or employment, or 20 years of residence (C102 Art. 29(1))" in text
    assert "Pensionable age: 65" in text and "(C102 Art. 26(2))" in text
    assert "Qualifying period: none (C102 Art. 37)" in ask(branch="employment_injury").text


# -- no branch -----------------------------------------------------------------------------------------------------
def test_no_branch_asks_which_with_nine_buttons():
    result = ask()
    assert "which branch" in result.text.lower()
    assert [button.title for button in result.buttons] == [part.title for part in KB.c102.parts]
    assert result.buttons[3].payload == "What does C102 require for old-age benefit?"
    assert result.context == {"branch": None, "aspect": None}


def test_no_branch_keeps_the_aspect():
    result = ask(aspect="qualifying_period")
    assert "qualifying period" in result.text
    assert result.buttons[8].payload == "What is the qualifying period for survivors' benefit under C102?"
    assert result.context == {"branch": None, "aspect": "qualifying_period"}


def test_unknown_ids_are_ignored():
    assert ask(branch="gardening") == ask()
    assert ask(branch="old_age", aspect="colour") == ask(branch="old_age")


def test_an_aspect_that_only_one_part_has_needs_no_branch():
    from bot import answers, knowledge

    kb = knowledge.load()
    reply = answers.answer("requirement", kb, answers.UserQuestion(aspect="pensionable_age"))
    assert reply.context["branch"] == "old_age"
    assert kb.c102.figures["old_age.pensionable_age.max"] in reply.text
