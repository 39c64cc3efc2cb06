"""The commands the eligibility check tells people to type are understood as typed, whatever the classifier says.

The check's introduction (bot/assessment/chat.py `INTRO`, in each language through the catalogs) tells the user to
say "what is that?", "skip" or "stop" ("qu'est-ce que c'est ?", "passer", "arrêter"; "¿qué es eso?", "omitir",
"parar"). A message that is exactly one of them (case, accents, punctuation and spacing aside) gets its intent with
full confidence: a classifier retrained on more data once read "qu'est-ce que c'est ?" as a question on C102, and a
command the assistant itself taught must not depend on that. Anything longer is left to the classifier.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from components.intent_override import override


def command_key(text: str) -> str:
    """`text` as compared with the commands: lower case, no accents, only letters, digits and single spaces."""
    plain = "".join(char for char in unicodedata.normalize("NFKD", text.casefold())
                    if not unicodedata.combining(char))
    return " ".join("".join(char if char.isalnum() else " " for char in plain).split())


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class CommandIntent(GraphComponent):
    """Place it after `FallbackClassifier`, so that it also overrides a low-confidence fallback."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"commands": {}}

    def __init__(self, config: dict[str, Any]) -> None:
        self.intents = {command_key(phrase): intent for intent, phrases in config["commands"].items()
                        for phrase in phrases}

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> CommandIntent:
        return cls(config)

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            intent = self.intents.get(command_key(message.get(TEXT) or ""))
            if intent is None:
                continue
            override(message, intent)
        return messages
