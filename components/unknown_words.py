"""Send a message in which the bot knows no word at all to the low-confidence fallback.

DIET's softmax always picks some intent, often with high confidence, even for "zqxv blorf wibble" or a
message in a language the bot does not speak. The words of the training data are the bot's vocabulary: a
message with none of them, no number and no entity cannot be understood, whatever the classifier says, so it
becomes `nlu_fallback`, and the classifier's ranking, which means nothing for it, is dropped: the two-stage
fallback (actions/fallback.py) then has no topic to offer and asks to rephrase. Messages with at least one known
word are left to the classifier and to `FallbackClassifier`.
"""

from __future__ import annotations

import json
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

VOCABULARY_FILE = "vocabulary.json"


def words(message: Message) -> list[str]:
    """The message's word tokens, lower-cased (punctuation and emoji-only tokens carry no word)."""
    return [token.text.lower() for token in message.get(TOKENS_NAMES[TEXT], []) if any(c.isalnum() for c in token.text)]


def understood_somewhat(message: Message, vocabulary: frozenset[str]) -> bool:
    """True when the message has an entity, a number or a word of the training data."""
    if message.get(ENTITIES):
        return True
    tokens = words(message)
    return any(any(c.isdigit() for c in token) or token in vocabulary for token in tokens)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class UnknownWordsFallback(GraphComponent):
    """Place it after the intent classifier and the entity extractors, before `FallbackClassifier`."""

    def __init__(self, model_storage: ModelStorage, resource: Resource, vocabulary: frozenset[str]) -> None:
        self._model_storage = model_storage
        self._resource = resource
        self.vocabulary = vocabulary

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> UnknownWordsFallback:
        return cls(model_storage, resource, frozenset())

    @classmethod
    def load(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> UnknownWordsFallback:
        with model_storage.read_from(resource) as directory:
            vocabulary = json.loads((directory / VOCABULARY_FILE).read_text(encoding="utf-8"))
        return cls(model_storage, resource, frozenset(vocabulary))

    def train(self, training_data: TrainingData) -> Resource:
        self.vocabulary = frozenset(word for example in training_data.training_examples for word in words(example))
        with self._model_storage.write_to(self._resource) as directory:
            (directory / VOCABULARY_FILE).write_text(json.dumps(sorted(self.vocabulary)), encoding="utf-8")
        return self._resource

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            if not understood_somewhat(message, self.vocabulary):
                fallback = {INTENT_NAME_KEY: DEFAULT_NLU_FALLBACK_INTENT_NAME, "confidence": 1.0}
                message.data[INTENT] = fallback
                message.data[INTENT_RANKING_KEY] = [fallback]
        return messages
