"""The shared service: parse, assess, save under a code, find the code in a message, draft the instrument."""

from __future__ import annotations

import pytest

from bot import knowledge
from bot.assessment import chat as say
from bot.assessment.service import AssessmentService, InstrumentUnavailable
from bot.eligibility import InputError
from bot.store import AssessmentStore, open_engine
from bot.store.assessments import CODE_ALPHABET, CODE_LENGTH, is_code, new_code
from bot.throttle import FAILED_LOOKUPS, TooManyAttempts

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
    assert service.named_in(f"please resume {code.lower()} now", "s1").code == code
    assert service.named_in("resume ZZZZZZZZZZ", "s1") is None
    assert service.named_in("RESUME the check", "s1") is None  # no word shaped like a code: nothing looked up


class CountingStore(AssessmentStore):
    def __init__(self, engine) -> None:
        super().__init__(engine)
        self.looked_up: list[str] = []

    def get(self, code: str):
        self.looked_up.append(code)
        return super().get(code)


@pytest.fixture
def counted(tmp_path) -> AssessmentService:
    return AssessmentService(knowledge.load(), CountingStore(open_engine(f"sqlite:///{tmp_path / 'c.db'}")))


def test_codes_are_ten_characters_of_the_alphabet_and_the_pattern_knows_them():
    codes = [new_code() for _ in range(200)]
    assert all(len(code) == CODE_LENGTH == 10 and set(code) <= set(CODE_ALPHABET) for code in codes)
    assert all(is_code(code) and is_code(code.lower()) for code in codes)
    assert not any(is_code(text) for text in ("ABC234", "ABCDEFGHJK2", "ABCDEFGHJ0", "ABCDEFGHJI"))
    assert is_code(say.EXAMPLE_CODE)  # the example the chat gives


def test_a_message_looks_up_one_candidate_at_most_preferring_one_with_a_digit(counted):
    words = " ".join(f"{letter * 9}2" for letter in "ABCDEFGH")  # 8 words shaped like codes, none saved
    assert counted.named_in(f"STRENGTHEN {words}", "s1") is None
    assert counted.store.looked_up == ["AAAAAAAAA2"]
    assert counted.named_in("please STRENGTHEN the rules", "s2") is None  # ten letters: may be a code
    assert counted.store.looked_up[-1] == "STRENGTHEN"


def test_failed_look_ups_are_throttled_per_client(counted):
    code = counted.finish(THREE_PARTS).code
    for _ in range(FAILED_LOOKUPS):
        assert counted.look_up("ZZZZZZZZZ2", "guesser") is None
    with pytest.raises(TooManyAttempts):
        counted.look_up(code, "guesser")  # even the right code, until the window has passed
    assert counted.look_up(code, "someone else").code == code


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
