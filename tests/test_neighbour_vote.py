"""When the intent classifier hesitates, the closest training sentences settle between the intents it considered
(components/neighbour_vote.py)."""

from __future__ import annotations

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.neighbour_vote import NeighbourVote, settled

TRAINING = {
    "ask_campaign": ["what is the ratification campaign", "tell me about the ILO campaign for C102",
                     "quelle est la campagne de ratification"],
    "ask_procedure": ["how does a country ratify", "what are the steps to ratify C102",
                      "comment ratifier la convention"],
    "ask_requirement": ["what is the minimum benefit rate for old age", "qualifying period for invalidity",
                        "délai de carence pour le chômage"],
}


def training_data() -> TrainingData:
    return TrainingData([Message({TEXT: text, INTENT: intent}) for intent, texts in TRAINING.items()
                         for text in texts])


@pytest.fixture()
def trained(tmp_path) -> NeighbourVote:
    storage, resource = LocalModelStorage(tmp_path), Resource("neighbour_vote")
    context = ExecutionContext(GraphSchema({}), "test")
    NeighbourVote.create(NeighbourVote.get_default_config(), storage, resource, context).train(training_data())
    return NeighbourVote.load(NeighbourVote.get_default_config(), storage, resource, context)  # as Rasa runs it


def classified(text: str, *ranking: tuple[str, float]) -> Message:
    entries = [{"name": name, "confidence": confidence} for name, confidence in ranking]
    return Message({TEXT: text, INTENT: dict(entries[0]), INTENT_RANKING_KEY: entries})


def test_a_hesitation_is_settled_for_the_candidate_the_neighbours_vote_for(trained):
    message = classified("delai de carence chomage ?",  # no accents: the character n-grams still match
                         ("ask_procedure", 0.38), ("ask_requirement", 0.33), ("ask_campaign", 0.2))
    (settled_message,) = trained.process([message])
    assert settled_message.get(INTENT) == {"name": "ask_requirement", "confidence": pytest.approx(0.91)}
    names = [entry["name"] for entry in settled_message.get(INTENT_RANKING_KEY)]
    assert names == ["ask_requirement", "ask_procedure", "ask_campaign"]


def test_a_confident_classifier_is_left_alone(trained):
    message = classified("delai de carence chomage ?", ("ask_procedure", 0.75), ("ask_requirement", 0.2))
    (kept,) = trained.process([message])
    assert kept.get(INTENT) == {"name": "ask_procedure", "confidence": 0.75}


def test_the_neighbours_never_bring_in_an_intent_the_classifier_ruled_out(trained):
    message = classified("délai de carence pour le chômage", ("ask_procedure", 0.4), ("ask_campaign", 0.3),
                         ("greet", 0.2), ("ask_requirement", 0.05))
    (kept,) = trained.process([message])
    assert kept.get(INTENT)["name"] == "ask_procedure"


def test_a_message_already_sent_to_the_fallback_stays_there(trained):
    message = classified("zqxv blorf", ("nlu_fallback", 1.0))
    (kept,) = trained.process([message])
    assert kept.get(INTENT) == {"name": "nlu_fallback", "confidence": 1.0}


def test_the_settled_confidence_is_the_candidates_together_and_never_above_one():
    ranking = [{"name": "a", "confidence": 0.6}, {"name": "b", "confidence": 0.5}, {"name": "c", "confidence": 0.1}]
    assert settled(ranking, "b", 2) == [{"name": "b", "confidence": 1.0}, {"name": "a", "confidence": 0.6},
                                        {"name": "c", "confidence": 0.1}]
