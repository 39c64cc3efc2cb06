"""What the components that decide an intent by a message's shape share: setting it, with full confidence."""

from __future__ import annotations

from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message


def override(message: Message, intent: str) -> None:
    """`intent` becomes the message's intent with confidence 1, first in the ranking; the classifier's other
    candidates follow as they were."""
    chosen = {INTENT_NAME_KEY: intent, "confidence": 1.0}
    message.data[INTENT] = chosen
    ranking = [entry for entry in message.get(INTENT_RANKING_KEY) or [] if entry.get(INTENT_NAME_KEY) != intent]
    message.data[INTENT_RANKING_KEY] = [chosen, *ranking]
