"""The chat form's progress: which question comes next, how answers and corrections change it, and that what it
collects is exactly the input `python -m bot assess` reads."""

from __future__ import annotations

import json

import pytest

from bot import knowledge
from bot.assessment.progress import (
    ARTICLE3,
    BRANCHES,
    COUNTRY,
    FIELD,
    Progress,
    correct,
    needed_questions,
    next_step,
    read_branches,
    read_country,
    read_step,
)
from bot.eligibility import parse_input
from bot.eligibility.fields import ValueProblem
from bot.eligibility.inputs import Keyword


@pytest.fixture(scope="module")
def kb():
    return knowledge.load()


def answer_all(kb, progress: Progress, texts: list[str]) -> Progress:
    for text in texts:
        step = next_step(kb.c102, progress)
        assert step is not None, f"no question left for {text!r}"
        progress = read_step(kb, progress, step, text)
    return progress


def test_the_order_country_article3_branches_then_only_the_questions_each_branch_needs(kb):
    progress = Progress()
    assert next_step(kb.c102, progress).kind == COUNTRY
    progress = answer_all(kb, progress, ["Morocco"])
    assert next_step(kb.c102, progress).kind == ARTICLE3
    progress = answer_all(kb, progress, ["no"])
    assert next_step(kb.c102, progress).kind == BRANCHES
    progress = answer_all(kb, progress, ["maternity and old age"])
    assert progress.branches == ("old_age", "maternity")  # in the Convention's order
    asked = []
    while (step := next_step(kb.c102, progress)) is not None:
        asked.append((step.branch, step.field))
        progress = read_step(kb, progress, step, "I don't know" if step.field != "coverage.basis" else "employees")
    assert asked == [
        ("old_age", "coverage.basis"), ("old_age", "coverage.percent"), ("old_age", "replacement_rate"),
        ("old_age", "qualifying_years"), ("old_age", "qualifying_basis"), ("old_age", "reduced_benefit_years"),
        ("old_age", "pensionable_age"),
        ("maternity", "coverage.basis"), ("maternity", "coverage.percent"), ("maternity", "replacement_rate"),
        ("maternity", "max_duration_weeks"),
        (None, "employee_contribution_share"),
    ]


def test_a_means_test_needs_no_percent_and_no_period_needs_no_basis(kb):
    progress = answer_all(kb, Progress(), ["Kenya", "no", "employment injury and unemployment"])
    unemployment = answer_all(kb, progress, ["employees", "60"])  # Part IV comes before Part VI
    assert "coverage.percent" in unemployment.answers["unemployment"]
    changed = correct(kb, unemployment, "actually the coverage is residents under a means test",
                      pending=next_step(kb.c102, unemployment))
    assert changed.progress.answers["unemployment"] == {"coverage.basis": "means_tested_residents"}
    fields = [q.field for q in needed_questions(kb.c102, "employment_injury", {"qualifying_months": 0})]
    assert "qualifying_basis" not in fields and "waiting_days" in fields


@pytest.mark.parametrize(("text", "branches"), [
    ("all", "all"),
    ("All of them", "all"),
    ("old age, employment injury and invalidity", ("old_age", "employment_injury", "invalidity")),
    ("Part V, Part VI and Part IX", ("old_age", "employment_injury", "invalidity")),
    ("V, VI and IX", ("old_age", "employment_injury", "invalidity")),
    ("pensions and family allowances", ("old_age", "family")),
    ("Old-age benefit", ("old_age",)),
])
def test_branches_are_read_from_names_numerals_or_all(kb, text, branches):
    expected = kb.c102.branch_ids if branches == "all" else branches
    assert read_branches(kb.c102, text) == expected


def test_branches_from_the_nlu_entities_count_too(kb):
    assert read_branches(kb.c102, "the first and the last", ["medical_care", "survivors"]) == (
        "medical_care", "survivors")


def test_no_branch_gets_a_message_listing_them(kb):
    with pytest.raises(ValueProblem, match="I could not find a branch in 'blue'. The branches are: medical care"):
        read_branches(kb.c102, "blue")


def test_countries_are_recognised_from_the_knowledge_base(kb):
    assert read_country(kb, "the Kingdom of Morocco").code == "MA"
    assert read_country(kb, "whatever", ["KE"]).name == "Kenya"
    with pytest.raises(ValueProblem, match="I don't know a country called 'Marocco'. Did you mean Morocco"):
        read_country(kb, "Marocco")


@pytest.mark.parametrize(("text", "message"), [
    ("140 %", "140 is not a percentage between 0 and 100"),
    ("blue", "expected a percentage between 0 and 100 or 'unknown', got 'blue'"),
])
def test_a_refused_answer_keeps_the_question(kb, text, message):
    progress = answer_all(kb, Progress(), ["Ghana", "no", "old age", "employees"])
    step = next_step(kb.c102, progress)
    with pytest.raises(ValueProblem) as refused:
        read_step(kb, progress, step, text)
    assert str(refused.value) == message
    assert next_step(kb.c102, progress) == step


def test_negative_days_are_refused(kb):
    progress = answer_all(kb, Progress(), ["Ghana", "no", "sickness", "employees", "60", "50", "26 weeks"])
    step = next_step(kb.c102, progress)
    assert step.field == "waiting_days"
    with pytest.raises(ValueProblem, match="-3 is negative"):
        read_step(kb, progress, step, "-3 days")


def test_corrections_by_aspect_branch_or_latest_answer(kb):
    progress = answer_all(kb, Progress(), ["Ghana", "no", "old age and invalidity", "employees", "62", "38"])
    pending = next_step(kb.c102, progress)
    change = correct(kb, progress, "change the replacement rate to 42", {"aspect": ["benefit_rate"]}, pending)
    assert (change.branch, change.field, change.value) == ("old_age", "replacement_rate", 42)
    latest = correct(kb, progress, "sorry, that should be 40", pending=pending)
    assert (latest.branch, latest.field, latest.value) == ("old_age", "replacement_rate", 40)
    named = correct(kb, progress, "change the coverage for invalidity to 55%", pending=pending)
    assert (named.branch, named.field, named.value) == ("invalidity", "coverage.percent", 55)
    with pytest.raises(ValueProblem, match="140 is not a percentage"):
        correct(kb, progress, "change the replacement rate to 140", pending=pending)


def test_a_correction_with_two_candidate_branches_asks_which(kb):
    done = answer_all(kb, Progress(), ["Ghana", "no", "old age and invalidity", "employees", "62", "42", "30",
                                       "contribution", "15", "65", "employees", "62", "40", "15", "contribution",
                                       "5", "40"])
    assert next_step(kb.c102, done) is None
    with pytest.raises(ValueProblem, match="which branch do you mean: old-age benefit or invalidity benefit"):
        correct(kb, done, "change the replacement rate to 41")


def test_progress_survives_json_and_gives_the_cli_input(kb):
    progress = answer_all(kb, Progress(), ["Morocco", "yes", "sickness", "industrial workers", "55", "two thirds",
                                           "no limit", "I don't know", "45"])
    restored = Progress.from_dict(json.loads(json.dumps(progress.to_dict())))
    assert restored == Progress.from_dict(progress.to_dict())
    assert next_step(kb.c102, restored) is None
    data = restored.to_input()
    assert data == {"country": "Morocco", "article3_declaration": True,
                    "general": {"employee_contribution_share": 45.0},
                    "branches": {"sickness": {"coverage": {"basis": "industrial_employees", "percent": 55.0},
                                              "replacement_rate": 66.7, "max_duration_weeks": "unlimited",
                                              "waiting_days": "unknown"}}}
    sickness = parse_input(data, kb.c102).branches["sickness"]
    assert sickness.max_duration_weeks is Keyword.UNLIMITED and sickness.waiting_days is None


def test_skipping_a_branch_removes_it_and_the_last_one_asks_for_branches_again(kb):
    progress = answer_all(kb, Progress(), ["Ghana", "no", "sickness and maternity"])
    progress = progress.without_branch("sickness")
    assert progress.branches == ("maternity",) and next_step(kb.c102, progress).branch == "maternity"
    progress = progress.without_branch("maternity")
    assert next_step(kb.c102, progress).kind == BRANCHES
    assert progress.to_input()["branches"] == {}


def test_a_pending_field_step_is_a_field(kb):
    progress = answer_all(kb, Progress(), ["Ghana", "no", "family"])
    step = next_step(kb.c102, progress)
    assert (step.kind, step.branch, step.field) == (FIELD, "family", "coverage.basis")


def test_the_country_may_stay_unknown(kb):
    progress = answer_all(kb, Progress(), ["I don't know"])
    assert progress.country_done and progress.country is None
    assert next_step(kb.c102, progress).kind == ARTICLE3
    assert "country" not in progress.to_input()


def test_a_word_of_a_general_rule_does_not_pick_the_answer_to_correct(kb):
    """ "Financing" or "appeal" name C102 rules for every branch (Q&A aspects), not an answer of the form: the
    correction goes to the latest answer, as it would without them."""
    progress = answer_all(kb, Progress(), ["Morocco", "yes", "sickness", "industrial workers", "55", "two thirds",
                                           "no limit", "I don't know", "45"])
    change = correct(kb, progress, "sorry, the financing share is 40", {"aspect": ["financing"]})
    assert (change.branch, change.field, change.value) == (None, "employee_contribution_share", 40)


SOME_ANSWERS = {"coverage.basis": "employees", "qualifying_basis": "contribution", "per_child_of_all_residents": "yes"}


def test_the_progress_slot_stays_small_over_a_whole_check(kb):
    """Rasa stores the `assessment` slot again at every step of the check and replays all of it on each turn: a
    check of all nine branches must keep it at a few hundred bytes of answers, with no derived data in it."""
    progress = answer_all(kb, Progress(), ["Ghana", "no", "all"])
    stored = [len(json.dumps(progress.to_dict()))]
    while (step := next_step(kb.c102, progress)) is not None:
        progress = read_step(kb, progress, step, SOME_ANSWERS.get(step.field, "45"))
        stored.append(len(json.dumps(progress.to_dict())))
    assert len(progress.branches) == 9 and len(stored) > 40
    assert max(stored) <= 2048
    assert sum(stored) <= 64 * 1024  # what the tracker holds of it after the check
    # only what cannot be recomputed: the answers given, not the questions, the texts or the assessment
    assert set(progress.to_dict()) == {"country", "country_code", "country_done", "article3", "branches", "skipped",
                                       "answers", "last", "code"}
