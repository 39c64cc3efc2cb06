"""A message that names a code opens what the code stands for, whatever the classifier thought.

A saved check's code ("show K7Q2XP4M3N") and a training session's join code ("join R4ZM") are random letters and
digits: words the classifier has never seen, which can outweigh the one word it knows ("show", "join") and send the
message to the fallback or to another intent, depending on the letters drawn. Whether a code is understood must
not depend on chance, so the shape decides (`bot.store`: letters and digits mixed, which no word has): unless the
classifier already chose an intent that takes a code (`code_intents`, e.g. asking for the draft instrument of a
check), a message with a saved check's code becomes `open_assessment`, and one with a join code `join_session`,
with full confidence. Place it after `FallbackClassifier`, so that it also overrides a low-confidence fallback.
"""

from __future__ import annotations

import re
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.store.assessments import CODE_PATTERN
from bot.store.trainer_sessions import JOIN_CODE_PATTERN

#: the intent each shape of code opens, the longer code first
CODE_SHAPES: tuple[tuple[re.Pattern[str], str], ...] = ((CODE_PATTERN, "open_assessment"),
                                                        (JOIN_CODE_PATTERN, "join_session"))


def intent_for_code(text: str) -> str | None:
    """The intent the first code shape found in `text` opens, or None when `text` names no code."""
    return next((intent for pattern, intent in CODE_SHAPES if pattern.search(text)), None)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class CodeIntent(GraphComponent):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"code_intents": []}

    def __init__(self, config: dict[str, Any]) -> None:
        self.keep = frozenset(config["code_intents"]) | {intent for _, intent in CODE_SHAPES}

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> CodeIntent:
        return cls(config)

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            predicted = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            intent = intent_for_code(message.get(TEXT) or "")
            if intent is None or predicted in self.keep:
                continue
            chosen = {INTENT_NAME_KEY: intent, "confidence": 1.0}
            message.data[INTENT] = chosen
            ranking = [entry for entry in message.get(INTENT_RANKING_KEY) or [] if entry.get(INTENT_NAME_KEY) != intent]
            message.data[INTENT_RANKING_KEY] = [chosen, *ranking]
        return messages
