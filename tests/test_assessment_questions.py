"""The chat form: the questions per branch and reading free-text answers with the file parser's messages."""

from __future__ import annotations

import pytest

from bot.assessment.questions import branch_questions, general_questions, read_answer, to_input
from bot.config import PROJECT_ROOT
from bot.eligibility import Keyword, parse_input
from bot.eligibility.fields import ValueProblem, field_specs
from bot.knowledge import c102
from bot.knowledge.reader import load_document


@pytest.fixture(scope="module")
def kb() -> c102.C102:
    return c102.parse(load_document(PROJECT_ROOT / "data" / "knowledge", c102.FILE))


# -- questions -----------------------------------------------------------------------------------------------
def test_old_age_questions(kb):
    questions = branch_questions(kb, "old_age")
    assert [q.field for q in questions] == ["coverage.basis", "coverage.percent", "replacement_rate",
                                           "qualifying_years", "qualifying_basis", "reduced_benefit_years",
                                           "pensionable_age"]
    rate = questions[2]
    assert rate.unit == "percent" and "a man with a wife of pensionable age" in rate.text
    assert "employees" in questions[0].text and "residents under a means test" in questions[0].text


def test_percent_question_names_the_group_and_is_skipped_for_a_means_test(kb):
    by_field = {q.field: q for q in branch_questions(kb, "sickness", basis="economically_active")}
    assert "all residents" in by_field["coverage.percent"].text
    fields = [q.field for q in branch_questions(kb, "sickness", basis="means_tested_residents")]
    assert "coverage.percent" not in fields and "coverage.basis" in fields


@pytest.mark.parametrize(("branch", "field", "unit"), [
    ("sickness", "waiting_days", "days"), ("unemployment", "max_duration_weeks", "weeks"),
    ("family", "qualifying_months", "months"), ("family", "per_child_of_all_residents", "yes or no"),
    ("employment_injury", "qualifying_months", "months")])
def test_each_branch_asks_what_its_checks_need(kb, branch, field, unit):
    by_field = {q.field: q for q in branch_questions(kb, branch)}
    assert by_field[field].unit == unit


def test_every_question_has_a_field_the_parser_knows(kb):
    specs = field_specs(kb)
    for branch in kb.branch_ids:
        for question in branch_questions(kb, branch):
            assert question.field in specs
            assert "?" in question.text and "{" not in question.text, question.text
    assert [q.field for q in general_questions(kb)] == ["article3_declaration", "employee_contribution_share"]


# -- free text -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("field", "text", "value"), [
    ("replacement_rate", "about 60 percent", 60),
    ("replacement_rate", "60%", 60),
    ("replacement_rate", "60 per cent", 60),
    ("replacement_rate", "sixty", 60),
    ("replacement_rate", "Sixty-five percent.", 65),
    ("replacement_rate", "two thirds", 66.7),
    ("replacement_rate", "half", 50),
    ("replacement_rate", "42.5", 42.5),
    ("replacement_rate", "42,5 %", 42.5),
    ("replacement_rate", "I don't know", None),
    ("replacement_rate", "not sure", None),
    ("max_duration_weeks", "no limit", Keyword.UNLIMITED),
    ("max_duration_weeks", "unlimited", Keyword.UNLIMITED),
    ("max_duration_weeks", "26 weeks", 26),
    ("max_duration_weeks", "6 months", 26),
    ("max_duration_weeks", "a year", 52),
    ("waiting_days", "none", 0),
    ("waiting_days", "three days", 3),
    ("waiting_days", "one week", 7),
    ("qualifying_months", "1 year", 12),
    ("qualifying_months", "none", 0),
    ("reduced_benefit_years", "none", Keyword.NONE),
    ("reduced_benefit_years", "there is no reduced benefit", Keyword.NONE),
    ("reduced_benefit_years", "after 15 years", 15),
    ("pensionable_age", "sixty five", 65),
    ("coverage.basis", "all employees", "employees"),
    ("coverage.basis", "residents under a means test", "means_tested_residents"),
    ("coverage.basis", "the economically active population", "economically_active"),
    ("coverage.basis", "don't know", None),
    ("qualifying_basis", "years of contributions", "contribution"),
    ("qualifying_basis", "residence", "residence"),
    ("per_child_of_all_residents", "yes", True),
    ("per_child_of_all_residents", "no", False),
    ("article3_declaration", "yes, we will", True),
])
def test_free_text_is_read(kb, field, text, value):
    assert read_answer(kb, field, text) == value


@pytest.mark.parametrize(("field", "text", "message"), [
    ("replacement_rate", "140%", "140 is not a percentage between 0 and 100"),
    ("waiting_days", "-3", "-3 is negative: the number of days must be 0 or more"),
    ("replacement_rate", "blue", "expected a percentage between 0 and 100 or 'unknown', got 'blue'"),
    ("max_duration_weeks", "forever and ever", "expected a number of weeks, 'unlimited' or 'unknown', "
                                               "got 'forever and ever'"),
    ("replacement_rate", "between 40 and 50", "'between 40 and 50' has more than one number: give one"),
])
def test_refused_answers_get_the_file_parser_message(kb, field, text, message):
    with pytest.raises(ValueProblem) as caught:
        read_answer(kb, field, text)
    assert str(caught.value) == message


@pytest.mark.parametrize(("field", "text", "message"), [
    ("coverage.basis", "no", "please choose one of: employees, economically active population, residents, "
                             "residents under a means test or employees of industrial workplaces (Article 3)"),
    ("qualifying_basis", "aliens", "please choose one of: contribution, employment or residence"),
    ("article3_declaration", "Ghana", "please answer yes or no"),
    ("article3_declaration", "I don't know", "please answer yes or no"),  # the declaration cannot be unknown
])
def test_choices_and_yes_or_no_are_refused_in_the_chat_s_words(kb, field, text, message):
    """The file takes ids and true/false ("'no' is not one of: employees, economically_active, …"); the chat's
    buttons and answers are words and yes or no, so its refusal names those."""
    with pytest.raises(ValueProblem) as caught:
        read_answer(kb, field, text)
    assert str(caught.value) == message


def test_chat_and_file_share_the_message(kb):
    """The form re-asks with the message `python -m bot assess` prints for the same value."""
    with pytest.raises(ValueProblem) as chat:
        read_answer(kb, "replacement_rate", "140")
    data = {"branches": {"old_age": {"replacement_rate": 140}}}
    with pytest.raises(ValueError) as file:
        parse_input(data, kb)
    assert str(file.value) == f"branches.old_age.replacement_rate: {chat.value}"


def test_collected_answers_round_trip_through_the_parser(kb):
    texts = {"coverage.basis": "employees", "coverage.percent": "62%", "replacement_rate": "about 42 percent",
             "qualifying_years": "thirty", "qualifying_basis": "contributions", "reduced_benefit_years": "15",
             "pensionable_age": "65"}
    values = {field: read_answer(kb, field, text) for field, text in texts.items()}
    answers = parse_input({"branches": {"old_age": to_input(values)}}, kb)
    old_age = answers.branches["old_age"]
    assert (old_age.coverage.basis, old_age.coverage.percent, old_age.replacement_rate) == ("employees", 62, 42)
    assert (old_age.qualifying_years, old_age.reduced_benefit_years, old_age.pensionable_age) == (30, 15, 65)


def test_to_input_writes_keywords_and_unknowns_as_words():
    assert to_input({"max_duration_weeks": Keyword.UNLIMITED, "coverage.percent": None}) == {
        "max_duration_weeks": "unlimited", "coverage": {"percent": "unknown"}}
