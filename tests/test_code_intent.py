"""A saved check's code in a message opens the check, and a join code joins the session, whatever the classifier
said: for every code the store can draw (a seeded sample, so the test is the same on every run), not only for the
letters of the training data."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.store.assessments import CODE_ALPHABET, CODE_LENGTH, is_code
from bot.store.trainer_sessions import JOIN_CODE_LENGTH, is_join_code
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


@pytest.mark.parametrize("text", ["show my assessment", "what is the social protection floor",
                                  "ratified in 2019 with 1234567890", "Part V of C102",
                                  "compare C102, C128, C130 and R202", "the G20 in 2025"])
def test_words_and_numbers_are_no_code(tmp_path, text):
    (message,) = component(tmp_path).process([classified(text, "ask_procedure", 0.9)])
    assert message.get(INTENT) == {"name": "ask_procedure", "confidence": 0.9}


@pytest.mark.parametrize("code", sample_codes(100, JOIN_CODE_LENGTH, is_join_code))
def test_a_join_code_joins_the_session_whatever_the_classifier_said(tmp_path, code):
    for text in (f"join {code}", f"join {code.lower()} as Amina", f"the trainer told us to type join {code}"):
        (message,) = component(tmp_path).process([classified(text, "nlu_fallback")])
        assert message.get(INTENT) == {"name": "join_session", "confidence": 1.0}, text
