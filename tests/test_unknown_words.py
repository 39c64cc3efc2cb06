"""The unknown-words fallback: trained vocabulary, kept across save/load, and the messages it sends to fallback."""

from __future__ import annotations

from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.lexicon import NLU_DIR, examples
from components.unknown_words import UnknownWordsFallback, Vocabulary, edit_distance, tolerance

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
    sentences = [Message({TEXT: "what is the minimum rate", INTENT: "ask_requirement"}),
                 Message({TEXT: "hello there", INTENT: "greet"})]
    TOKENIZER.process_training_data(TrainingData(sentences))
    component.train(TrainingData(sentences))
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
    assert loaded.vocabulary.words == component.vocabulary.words == {"what", "is", "the", "minimum", "rate", "hello",
                                                                      "there"}
    [result] = loaded.process([message("minimun")])
    assert result.get(INTENT) == CLASSIFIED, "misspellings are known after loading too"


def test_a_close_misspelling_of_a_known_word_leaves_the_classifier_alone(tmp_path):
    component, *_ = trained(tmp_path)
    for text in ("minimun", "helo", "MINMUM rtae", "thre"):
        [result] = component.process([message(text)])
        assert result.get(INTENT) == CLASSIFIED, text


def test_the_edit_distance_counts_a_swap_of_neighbouring_letters_as_one():
    assert edit_distance("sigueinte", "siguiente") == 1
    assert edit_distance("grcias", "gracias") == 1
    assert edit_distance("minimun", "minimum") == 1
    assert edit_distance("abc", "cba") == 2
    assert edit_distance("", "rate") == 4
    assert [tolerance(length) for length in (3, 4, 7, 8)] == [0, 1, 1, 2]


def test_a_word_is_known_accents_and_case_aside_within_its_lengths_tolerance():
    vocabulary = Vocabulary(["gracias", "siguiente", "illimitée", "arrêtez", "me", "rate", "bye"])
    for word in ("gracias", "grcias", "sigueinte", "sigiente", "sigienta", "illimité", "ILLIMITE", "arretez",
                 "arrtêez", "ME"):
        assert vocabulary.knows(word), word
    for word in ("rat", "mi", "byee", "graciassss", "sgnte", "zqxv", "blorf", "wibble", "asdfgh"):
        assert not vocabulary.knows(word), word  # under four letters: exact only; otherwise too far


def test_gibberish_is_known_by_no_word_of_the_training_sentences():
    vocabulary = Vocabulary(word.lower() for path in sorted(NLU_DIR.rglob("*.yml")) for sentence in examples(path)
                            for word in sentence.split())
    assert vocabulary.knows("pension") and vocabulary.knows("pensoin")
    for word in ("zqxv", "blorf", "wibble", "asdfgh", "qwerty", "xkcd", "hjkl", "fjdksla", "xyzzy"):
        assert not vocabulary.knows(word), word
