"""The unknown-words fallback: trained vocabulary, kept across save/load, and the messages it sends to fallback."""

from __future__ import annotations

from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.unknown_words import UnknownWordsFallback

TOKENIZER = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
CLASSIFIED = {"name": "ask_instrument", "confidence": 0.93}


def message(text: str, entities: list[dict] | None = None) -> Message:
    msg = Message({TEXT: text, INTENT: dict(CLASSIFIED), INTENT_RANKING_KEY: [dict(CLASSIFIED)]})
    if entities:
        msg.set(ENTITIES, entities)
    TOKENIZER.process([msg])
    return msg


def trained(tmp_path) -> tuple[UnknownWordsFallback, LocalModelStorage, Resource, ExecutionContext]:
    storage = LocalModelStorage(tmp_path)
    resource = Resource("unknown_words")
    context = ExecutionContext(GraphSchema({}), "test")
    component = UnknownWordsFallback.create({}, storage, resource, context)
    examples = [Message({TEXT: "what is the minimum rate", INTENT: "ask_requirement"}),
                Message({TEXT: "hello there", INTENT: "greet"})]
    TOKENIZER.process_training_data(TrainingData(examples))
    component.train(TrainingData(examples))
    return component, storage, resource, context


def test_a_message_without_a_known_word_number_or_entity_becomes_nlu_fallback(tmp_path):
    component, *_ = trained(tmp_path)
    [result] = component.process([message("zqxv blorf wibble")])
    assert result.get(INTENT) == {"name": "nlu_fallback", "confidence": 1.0}
    assert result.get(INTENT_RANKING_KEY) == [result.get(INTENT)], "no topic to offer for a message not understood"


def test_a_known_word_a_number_or_an_entity_leaves_the_classifier_alone(tmp_path):
    component, *_ = trained(tmp_path)
    country = [{"entity": "country", "value": "GH", "start": 0, "end": 5}]
    for msg in (message("HELLO blorf"), message("62 %"), message("Ghana", entities=country)):
        [result] = component.process([msg])
        assert result.get(INTENT) == CLASSIFIED, msg.get(TEXT)


def test_punctuation_and_emoji_alone_are_not_understood(tmp_path):
    component, *_ = trained(tmp_path)
    [result] = component.process([message("🙂🙂 ?!")])
    assert result.get(INTENT)["name"] == "nlu_fallback"


def test_the_vocabulary_survives_saving_and_loading(tmp_path):
    component, storage, resource, context = trained(tmp_path)
    loaded = UnknownWordsFallback.load({}, storage, resource, context)
    assert loaded.vocabulary == component.vocabulary == {"what", "is", "the", "minimum", "rate", "hello", "there"}
