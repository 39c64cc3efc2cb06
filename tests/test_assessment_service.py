"""The shared service: parse, assess, save under a code, find the code in a message, draft the instrument."""

from __future__ import annotations

import pytest

from bot import knowledge
from bot.assessment import chat as say
from bot.assessment.service import AssessmentService, InstrumentUnavailable, ReportUnavailable, ShortOfArticle2
from bot.config import report_code, report_url
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


def test_every_code_of_a_message_in_order_and_once():
    text = "compare k7q2xp4m3n with M3N8QT7P2K (not K7Q2XP4M3N again, nor ABCDEFGHJK or 2345678923)"
    assert AssessmentService.codes_named(text) == ["K7Q2XP4M3N", "M3N8QT7P2K"]
    assert AssessmentService.code_named(text) == "K7Q2XP4M3N"
    assert AssessmentService.codes_named("compare my two checks") == []
    assert AssessmentService.code_named("compare my two checks") is None


def test_the_report_pdf_only_for_a_finished_check(service):
    done = service.finish(THREE_PARTS).code
    assert service.finished_report_pdf(done).startswith(b"%PDF")
    unfinished = service.store.save({"country": "Chile"}, status="in_progress")
    for code in (unfinished, "ZZZZ2345ZZ"):
        with pytest.raises(ReportUnavailable, match=f"no finished check has the code {code}"):
            service.finished_report_pdf(code)


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
    # letters and digits both: no ten-letter word is a code, nor a ten-digit number
    assert not any(is_code(text) for text in ("assessment", "PROTECTION", "2345678923"))
    assert all(any(c.isdigit() for c in code) and any(c.isalpha() for c in code) for code in codes)
    assert is_code(say.EXAMPLE_CODE)  # the example the chat gives


def test_a_message_looks_up_one_candidate_at_most_and_never_a_word(counted):
    words = " ".join(f"{letter * 9}2" for letter in "ABCDEFGH")  # 8 words shaped like codes, none saved
    assert counted.named_in(f"STRENGTHEN {words}", "s1") is None
    assert counted.store.looked_up == ["AAAAAAAAA2"]
    assert counted.named_in("please STRENGTHEN the assessment rules", "s2") is None  # ten letters: a word
    assert counted.store.looked_up == ["AAAAAAAAA2"]


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
    with pytest.raises(ShortOfArticle2, match="Article 2 of C102 requires accepting at least 3 Parts"):
        service.instrument(saved, ["II"])


def test_the_report_link_follows_the_public_url_and_is_found_again(monkeypatch):
    monkeypatch.setenv("RATIFY_WEB_URL", "https://ratify.example.org/")
    url = report_url("K7Q2XP4M3N")
    assert url == "https://ratify.example.org/api/assess/K7Q2XP4M3N/report.pdf"
    assert report_code(f"see {url}.") == "K7Q2XP4M3N"
    assert report_code("https://ratify.example.org/api/assess/K7Q2XP4M3N/instrument.txt") is None
    assert say.report_offered(f"Next steps:\n{say.DOWNLOAD_REPORT.format(url=url)}\nmore") == "K7Q2XP4M3N"
    assert say.report_offered(f"see {url}") is None  # a link quoted in a sentence is not an offer
