"""The intent classifier (components/linear_intent.py): trained on words, character n-grams, entity types and the
training data's regexes; confidences that sum to one; saved and loaded as Rasa runs it."""

from __future__ import annotations

import re

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.linear_intent import WORD, LinearIntentClassifier, Reader, confidences

TRAINING = {
    "ask_ratification_status": [("has Morocco ratified C102", ["country", "convention"]),
                                ("did Senegal ratify the convention", ["country"]),
                                ("a-t-elle ratifié, la Jordanie", ["country"]),
                                ("is Peru a party to C102", ["country", "convention"])],
    "ask_procedure": [("how does a country ratify", []), ("what are the steps to ratify C102", ["convention"]),
                      ("comment ratifier la convention", []), ("the procedure for ratification", [])],
    "open_assessment": [("show K7Q2XP4M3N", []), ("open my saved check", []), ("reopen the check", []),
                        ("show my saved check", [])],
}
CODE_PATTERN = {"name": "assessment_code", "pattern": r"\b(?=[a-z]*[2-9])[a-hj-np-z2-9]{10}\b"}


def example(text: str, entities: list[str], intent: str | None = None) -> Message:
    data = {TEXT: text, ENTITIES: [{"entity": entity, "value": "x", "start": 0, "end": 1} for entity in entities]}
    return Message({**data, INTENT: intent} if intent else data)


def training_data() -> TrainingData:
    examples = [example(text, entities, intent) for intent, texts in TRAINING.items() for text, entities in texts]
    return TrainingData(examples, regex_features=[CODE_PATTERN])


@pytest.fixture()
def trained(tmp_path) -> LinearIntentClassifier:
    storage, resource = LocalModelStorage(tmp_path), Resource("linear_intent")
    context = ExecutionContext(GraphSchema({}), "test")
    config = {**LinearIntentClassifier.get_default_config(), "min_df": 1, "ranking_length": 2}
    LinearIntentClassifier.create(config, storage, resource, context).train(training_data())
    return LinearIntentClassifier.load(config, storage, resource, context)  # as Rasa runs it


def test_the_classifier_reads_the_text_its_entity_types_and_the_regexes_that_match():
    reader = Reader((("assessment_code", CODE_PATTERN["pattern"]),))
    assert reader(example("and Burkina?", ["country"])) == "and Burkina? entitycountry"
    assert reader(example("SHOW 3L2U9SDF4K", [])) == "SHOW 3L2U9SDF4K patternassessment_code"
    assert reader(example("show me the steps", [])) == "show me the steps"


def test_the_training_datas_regexes_and_lookup_tables_are_read():
    data = TrainingData([], regex_features=[CODE_PATTERN], lookup_tables=[{"name": "language", "elements": ["French"]}])
    names = [name for name, _ in Reader.of(data).patterns]
    assert sorted(names) == ["assessment_code", "language"]


def test_a_message_gets_an_intent_and_a_ranking_whose_confidences_sum_to_at_most_one(trained):
    (message,) = trained.process([example("has Ghana ratified it?", ["country"])])
    assert message.get(INTENT)["name"] == "ask_ratification_status"
    ranking = message.get(INTENT_RANKING_KEY)
    assert len(ranking) == 2 and ranking[0] == message.get(INTENT)
    assert ranking[0]["confidence"] > ranking[1]["confidence"] and sum(r["confidence"] for r in ranking) <= 1.0


def test_an_unseen_code_is_read_by_its_shape(trained):
    (message,) = trained.process([example("show 9TQ3WXR5KM", [])])
    assert message.get(INTENT)["name"] == "open_assessment"


def test_several_messages_are_classified_at_once(trained):
    first, second = trained.process([example("how do we ratify", []), example("did Chad ratify", ["country"])])
    assert (first.get(INTENT)["name"], second.get(INTENT)["name"]) == ("ask_procedure", "ask_ratification_status")


def test_confidences_are_a_softmax_at_the_temperature():
    scores = np.array([1.0, 0.0, -1.0])
    assert confidences(scores, 0.2).sum() == pytest.approx(1.0)
    assert confidences(scores, 0.2)[0] > confidences(scores, 1.0)[0] > 1 / 3
    assert confidences(np.array([0.5, 0.5]), 0.2).tolist() == pytest.approx([0.5, 0.5])


def test_one_letter_words_and_question_marks_are_words_to_the_classifier():
    assert re.findall(WORD, "¿y Perú?") == ["¿", "y", "Perú", "?"]
    assert re.findall(WORD, "Perú") == ["Perú"], "a bare value has no question mark"
