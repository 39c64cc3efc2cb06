"""A saved check's code in a message opens the check, and a join code joins the session, whatever the classifier
said: for every code the store can draw (a seeded sample, so the test is the same on every run), not only for the
letters of the training data."""

from __future__ import annotations

import random
import secrets
from collections.abc import Callable

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.store.assessments import CODE_ALPHABET, CODE_LENGTH, is_code, random_code
from bot.store.trainer_sessions import JOIN_CODE_LENGTH, JOIN_CODE_PATTERN, is_join_code
from components.code_intent import CodeIntent

RANDOM = random.Random(102)  # seeded: the same codes on every run


def sample_codes(count: int, length: int = CODE_LENGTH, shaped: Callable[[str], bool] = is_code) -> list[str]:
    codes: list[str] = []
    while len(codes) < count:
        code = "".join(RANDOM.choice(CODE_ALPHABET) for _ in range(length))
        if shaped(code):
            codes.append(code)
    return codes


def component(tmp_path, **config) -> CodeIntent:
    return CodeIntent.create({**CodeIntent.get_default_config(), **config}, LocalModelStorage(tmp_path),
                             Resource("code_intent"), ExecutionContext(GraphSchema({}), "test"))


def classified(text: str, intent: str, confidence: float = 0.36) -> Message:
    ranking = [{"name": intent, "confidence": confidence}, {"name": "open_assessment", "confidence": 0.2}]
    return Message({TEXT: text, INTENT: dict(ranking[0]), INTENT_RANKING_KEY: ranking})


@pytest.mark.parametrize("code", sample_codes(200))
@pytest.mark.parametrize("wrong", ["nlu_fallback", "ask_procedure", "stop_assessment"])
def test_a_code_opens_the_check_whatever_the_classifier_said(tmp_path, code, wrong):
    for text in (f"show {code}", f"resume {code.lower()}", f"{code}", f"can you open my check {code} please?"):
        (message,) = component(tmp_path).process([classified(text, wrong)])
        assert message.get(INTENT) == {"name": "open_assessment", "confidence": 1.0}, text
        ranking = [entry["name"] for entry in message.get(INTENT_RANKING_KEY)]
        assert ranking[0] == "open_assessment" and ranking.count("open_assessment") == 1


def test_an_intent_that_takes_a_code_is_kept(tmp_path):
    (message,) = component(tmp_path, code_intents=["draft_instrument"]).process(
        [classified("draft the instrument for K7Q2XP4M3N", "draft_instrument", 0.8)])
    assert message.get(INTENT) == {"name": "draft_instrument", "confidence": 0.8}


@pytest.mark.parametrize("code", sample_codes(10))
def test_a_mistyped_code_still_opens_the_check(tmp_path, code):
    """A word of ten letters and digits is a code the user typed, even with a character outside the alphabet (a 1,
    a 0, an O, an I): the check is looked up, and the user hears that no check has that code."""
    for typo in ("1", "0", "O", "I"):
        typed = typo + code[1:]
        assert not is_code(typed)
        (message,) = component(tmp_path).process([classified(f"show {typed}", "nlu_fallback")])
        assert message.get(INTENT) == {"name": "open_assessment", "confidence": 1.0}, typed


@pytest.mark.parametrize(("first", "second"), zip(sample_codes(30), sample_codes(30), strict=True))
@pytest.mark.parametrize("wrong", ["open_assessment", "draft_instrument", "nlu_fallback", "compare_assessments"])
def test_two_codes_compare_the_checks_whatever_the_classifier_said(tmp_path, first, second, wrong):
    for text in (f"compare {first} and {second}", f"comparar {first.lower()} y {second}",
                 f"comparer {first} et {second.lower()}", f"{first} {second}",
                 f"what changed from {first} to 9ZB4KD7M1Q"):  # a mistyped code is a code
        (message,) = component(tmp_path, code_intents=["draft_instrument", "compare_assessments"]).process(
            [classified(text, wrong, 0.8)])
        assert message.get(INTENT) == {"name": "compare_assessments", "confidence": 1.0}, text
        ranking = [entry["name"] for entry in message.get(INTENT_RANKING_KEY)]
        assert ranking[0] == "compare_assessments" and ranking.count("compare_assessments") == 1


@pytest.mark.parametrize("intent", ["draft_instrument", "compare_assessments"])
def test_one_code_keeps_an_intent_that_takes_a_code(tmp_path, intent):
    """ "compare K7Q2XP4M3N with mine" names one code: the classifier's intent stays (the check is compared with the
    conversation's own), as does the draft instrument's; the same code twice is one code."""
    for text in ("compare K7Q2XP4M3N with mine", "compare K7Q2XP4M3N with k7q2xp4m3n"):
        (message,) = component(tmp_path, code_intents=["draft_instrument", "compare_assessments"]).process(
            [classified(text, intent, 0.7)])
        assert message.get(INTENT) == {"name": intent, "confidence": 0.7}
        (message,) = component(tmp_path).process([classified(text, intent, 0.7)])
        assert message.get(INTENT) == {"name": "open_assessment", "confidence": 1.0}  # when not configured to stay


@pytest.mark.parametrize("text", ["show my assessment", "what is the social protection floor",
                                  "ratified in 2019 with 1234567890", "Part V of C102",
                                  "compare C102, C128, C130 and R202", "the G20 in 2025",
                                  "what is convention C999 about?", "is c 130 ratified", "Recommendation R205",
                                  "C189 and R202", "Part V", "Part IX of C102 in 2024", "FY24 budget", "FY2024",
                                  "on the 25th", "waiting 365d", "the 22nd of May", "2345678923 and assessment"])
def test_words_and_numbers_are_no_code(tmp_path, text):
    (message,) = component(tmp_path).process([classified(text, "ask_procedure", 0.9)])
    assert message.get(INTENT) == {"name": "ask_procedure", "confidence": 0.9}


@pytest.mark.parametrize("token", ["C999", "c999", "R255", "P299", "C2", "FY24", "ABC2", "A234", "25TH", "22nd",
                                   "365D", "99KM", "K7Q2X", "K7Q", "K7Q0", "2024", "PART"])
def test_a_number_with_a_prefix_or_a_suffix_is_no_join_code(token):
    assert not is_join_code(token) and not is_join_code(token.lower())


@pytest.mark.parametrize("code", ["K7Q2", "R4ZM", "ZZ2Z", "2A3B", "A2B3", "2AB3", "A23B", "7K7Q", "8WXK"])
def test_codes_unlike_a_number_are_join_codes(code):
    assert is_join_code(code) and is_join_code(code.lower())


def test_a_join_code_drawn_like_a_number_is_drawn_again(monkeypatch):
    """A code drawn always joins: one of a Convention's shape ("C999"), or of any shape a join code has not, is
    drawn again (the draws given in turn here)."""
    drawn = iter("C999" "25TH" "FY24" "KQZM" "2345" "K7Q2")
    monkeypatch.setattr(secrets, "choice", lambda alphabet: next(drawn))
    assert random_code(JOIN_CODE_PATTERN, JOIN_CODE_LENGTH) == "K7Q2"


@pytest.mark.parametrize("code", sample_codes(100, JOIN_CODE_LENGTH, is_join_code))
def test_a_join_code_joins_the_session_whatever_the_classifier_said(tmp_path, code):
    for text in (f"join {code}", f"join {code.lower()} as Amina", f"the trainer told us to type join {code}"):
        (message,) = component(tmp_path).process([classified(text, "nlu_fallback")])
        assert message.get(INTENT) == {"name": "join_session", "confidence": 1.0}, text
