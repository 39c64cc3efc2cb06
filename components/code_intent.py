"""A message that names a code opens what the code stands for, whatever the classifier thought.

A saved check's code ("show K7Q2XP4M3N") and a training session's join code ("join R4ZM") are random letters and
digits: words the classifier has never seen, which can outweigh the one word it knows ("show", "join") and send the
message to the fallback or to another intent, depending on the letters drawn. Whether a code is understood must
not depend on chance, so the shape decides (`bot.store`: letters and digits mixed, which no word has; a saved check's
code as typed, `TYPED_CODE_PATTERN`, even mistyped, so that the user hears that no check has it). A message
with two saved checks' codes ("compare X5C7VBBV7C and W4E2RTT2EW", "comparer … et …") becomes `compare_assessments`,
whatever the classifier said: nothing else takes two codes. Unless the classifier already chose an intent that takes
a code (`code_intents`, e.g. asking for the draft instrument of a check), a message with one saved check's code
becomes `open_assessment`, and one with a join code `join_session`. The intent chosen here has full confidence.
Place it after `FallbackClassifier`, so that it also overrides a low-confidence fallback.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.store.assessments import codes_named
from bot.store.trainer_sessions import JOIN_CODE_PATTERN
from components.intent_override import override

COMPARE, OPEN, JOIN = "compare_assessments", "open_assessment", "join_session"


def intent_for_code(text: str) -> str | None:
    """The intent the codes `text` names lead to: two saved checks' codes (or more) compare them, one opens it (the
    longer code first), a join code joins the session; None when `text` names no code."""
    count = len(codes_named(text))
    if count:
        return COMPARE if count > 1 else OPEN
    return JOIN if JOIN_CODE_PATTERN.search(text) else None


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class CodeIntent(GraphComponent):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"code_intents": []}

    def __init__(self, config: dict[str, Any]) -> None:
        self.keep = frozenset(config["code_intents"]) | {OPEN, JOIN}

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> CodeIntent:
        return cls(config)

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            predicted = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            intent = intent_for_code(message.get(TEXT) or "")
            if intent is None or (intent != COMPARE and predicted in self.keep):
                continue
            override(message, intent)
        return messages
