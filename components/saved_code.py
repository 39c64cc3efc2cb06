"""A message that names a saved check's code opens that check, whatever the classifier thought.

A code ("show K7Q2XP4M3N") is ten random letters and digits: words the classifier has never seen, which can
outweigh the one word it knows ("show") and send the message to the fallback or to another intent, depending on
the letters drawn. Whether a code is understood must not depend on chance, so the shape decides
(`bot.store.assessments.CODE_PATTERN`: letters and digits mixed, which no word has): unless the classifier already
chose an intent that takes a code (`code_intents`, e.g. asking for the draft instrument of a check), the message
becomes `open_assessment` with full confidence. Place it after `FallbackClassifier`, so that it also overrides a
low-confidence fallback.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.store.assessments import CODE_PATTERN

OPEN_INTENT = "open_assessment"


def names_a_code(text: str) -> bool:
    return CODE_PATTERN.search(text) is not None


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class SavedCodeIntent(GraphComponent):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"intent": OPEN_INTENT, "code_intents": [OPEN_INTENT]}

    def __init__(self, config: dict[str, Any]) -> None:
        self.intent = config["intent"]
        self.keep = frozenset(config["code_intents"]) | {self.intent}

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> SavedCodeIntent:
        return cls(config)

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            predicted = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            if predicted in self.keep or not names_a_code(message.get(TEXT) or ""):
                continue
            chosen = {INTENT_NAME_KEY: self.intent, "confidence": 1.0}
            message.data[INTENT] = chosen
            ranking = [entry for entry in message.get(INTENT_RANKING_KEY) or []
                       if entry.get(INTENT_NAME_KEY) != self.intent]
            message.data[INTENT_RANKING_KEY] = [chosen, *ranking]
        return messages
