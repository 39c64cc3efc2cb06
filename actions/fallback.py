"""Low NLU confidence: ask to rephrase once, then hand off to the ILO contact."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.trainer import answered_as_quiz
from bot import knowledge
from bot.render.contact import REPHRASE, handoff_text

FALLBACK_INTENT = "nlu_fallback"


def fallbacks_in_a_row(events: list[dict[str, Any]]) -> int:
    """How many of the latest user messages in a row were not understood."""
    count = 0
    for event in reversed(events):
        if event.get("event") != "user":
            continue
        if (event.get("parse_data") or {}).get("intent", {}).get("name") != FALLBACK_INTENT:
            break
        count += 1
    return count


class ActionRephraseOrHandoff(Action):
    def name(self) -> str:
        return "action_rephrase_or_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        if answered_as_quiz(dispatcher, tracker):  # a lone "a" of a trainer session's quiz
            return []
        if fallbacks_in_a_row(tracker.events) < 2:
            dispatcher.utter_message(text=REPHRASE)
        else:
            dispatcher.utter_message(text=handoff_text(knowledge.load().campaign))
        return []
