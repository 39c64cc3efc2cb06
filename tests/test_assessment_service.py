"""The shared service: parse, assess, save under a code, find the code in a message, draft the instrument."""

from __future__ import annotations

import pytest

from bot import knowledge
from bot.assessment.service import AssessmentService, InstrumentUnavailable
from bot.eligibility import InputError
from bot.store import AssessmentStore, open_engine

THREE_PARTS = {
    "country": "Morocco",
    "branches": {
        "old_age": {"coverage": {"basis": "employees", "percent": 62}, "replacement_rate": 42, "qualifying_years": 30,
                    "reduced_benefit_years": 15, "pensionable_age": 65},
        "employment_injury": {"coverage": {"basis": "employees", "percent": 80}, "replacement_rate": 60,
                              "qualifying_months": 0, "waiting_days": 0},
        "invalidity": {"coverage": {"basis": "employees", "percent": 62}, "replacement_rate": 40,
                       "qualifying_years": 15, "reduced_benefit_years": 5},
    },
}


@pytest.fixture
def service(tmp_path) -> AssessmentService:
    store = AssessmentStore(open_engine(f"sqlite:///{tmp_path / 'store.db'}"))
    return AssessmentService(knowledge.load(), store, knowledge.country_status_lookup())


def test_finish_saves_the_answers_and_the_result_under_a_code(service):
    outcome = service.finish(THREE_PARTS, sender_id="web")
    data = outcome.to_dict()
    assert data["code"] == outcome.code and data["article2"]["ratifiable"] is True
    assert data["article2"]["acceptable_parts"] == ["V", "VI", "IX"]
    assert data["country_status"].startswith("Morocco")
    saved = service.saved(outcome.code.lower())
    assert (saved.status, saved.country, saved.answers, saved.result) == (
        "finished", "Morocco", THREE_PARTS, {key: value for key, value in data.items() if key != "code"})


def test_bad_input_is_refused_before_anything_is_saved(service):
    with pytest.raises(InputError) as refused:
        service.finish({"branches": {"old_age": {"replacement_rate": 140}}})
    assert refused.value.problems == ["branches.old_age.replacement_rate: 140 is not a percentage between 0 and 100"]


def test_the_code_is_found_in_a_message_in_any_case(service):
    code = service.finish(THREE_PARTS).code
    assert service.code_in(f"please resume {code.lower()} now") == code
    assert service.code_in("resume ZZZZZZ") is None
    assert service.code_in("RESUME the check") is None  # a word of six letters is not a code unless saved


def test_the_instrument_names_the_acceptable_parts(service):
    saved = service.saved(service.finish(THREE_PARTS).code)
    text = service.instrument(saved)
    assert "Government of Morocco" in text
    assert "Part V – Old-age benefit" in text and "Part IX – Invalidity benefit" in text
    assert "Part II" not in text and "DECLARATION UNDER ARTICLE 3" not in text


def test_an_instrument_on_request_for_chosen_parts_and_the_refusals(service):
    not_ratifiable = dict(THREE_PARTS, branches={"old_age": THREE_PARTS["branches"]["old_age"]})
    saved = service.saved(service.finish(not_ratifiable).code)
    with pytest.raises(InstrumentUnavailable, match="not ratifiable yet: it needs two more Parts"):
        service.instrument(saved)
    assert "Part VI – Employment injury benefit" in service.instrument(saved, ["V", "VI", "employment_injury", "IX"])
    with pytest.raises(InstrumentUnavailable, match="do not satisfy Article 2"):
        service.instrument(saved, ["II"])
