"""The conversation's language: the slot `language` ("en", "fr" or "es"), set after every user message.

The slot's mapping names `action_choose_language` (domain.yml), which Rasa's `action_extract_slots` runs after
each user message, before any response is chosen: the greeting, the small talk and the answers all see the
language of the message they reply to. This action only gathers what `bot.language.choose` decides on: the
language the user asked for (the intent `choose_language`, or a language button's entity), the channel's language
(message metadata `language`, put there by the input channels: channels/*.py), the channel language already
applied (slot `channel_language`) and the language the message is written in (`bot.language.detect`).
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import text_of
from bot import knowledge, language
from bot.nlu.lexicon import training_lexicon

LANGUAGE_SLOT = "language"
CHANNEL_LANGUAGE_SLOT = "channel_language"
CHOOSE_LANGUAGE_INTENT = "choose_language"
METADATA_KEY = "language"  # the key the channels put the channel's language under in a message's metadata


def asked_for(tracker: Tracker) -> str | None:
    """The language the latest message asks for: a language button's entity, else the one named in a request."""
    message = tracker.latest_message
    for entity in message.get("entities") or []:
        given = language.normalise(entity.get("value")) if entity.get("entity") == LANGUAGE_SLOT else None
        if given:
            return given
    intent = (message.get("intent") or {}).get("name")
    return language.asked(text_of(tracker)) if intent == CHOOSE_LANGUAGE_INTENT else None


def channel_language(tracker: Tracker) -> str | None:
    metadata = tracker.latest_message.get("metadata")
    return language.normalise(metadata.get(METADATA_KEY)) if isinstance(metadata, dict) else None


def without_shared_names(text: str, entities: list[dict[str, Any]]) -> str:
    """`text` with the country names among `entities` blanked out unless they are a State's name in one language
    only: "El Salvador", "Senegal" or "Costa Rica" are written alike in English, French and Spanish messages and
    their words would tip the detectors, while "Mauritanie" or "Marruecos" says the language."""
    countries = knowledge.load().countries
    spans = sorted((entity["start"], entity["end"]) for entity in entities
                   if entity.get("entity") == "country" and isinstance(entity.get("start"), int)
                   and isinstance(entity.get("end"), int))
    for start, end in reversed(spans):
        if len(countries.name_languages(text[start:end])) != 1:
            text = f"{text[:start]} {text[end:]}"
    return text


def written_in(tracker: Tracker) -> str | None:
    """The language the message is written in, names shared by the languages left out; None for a button's
    `/intent` payload, which is no language."""
    text = text_of(tracker)
    if text.startswith("/"):
        return None
    return language.detect(without_shared_names(text, tracker.latest_message.get("entities") or []),
                           training_lexicon())


class ActionChooseLanguage(Action):
    def name(self) -> str:
        return "action_choose_language"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        channel = channel_language(tracker)
        previous_channel = tracker.get_slot(CHANNEL_LANGUAGE_SLOT)
        chosen = language.choose(tracker.get_slot(LANGUAGE_SLOT), asked=asked_for(tracker), channel=channel,
                                 previous_channel=previous_channel, detected=written_in(tracker))
        events = [SlotSet(LANGUAGE_SLOT, chosen)] if chosen != tracker.get_slot(LANGUAGE_SLOT) else []
        if channel and channel != previous_channel:
            events.append(SlotSet(CHANNEL_LANGUAGE_SLOT, channel))
        return events


def language_of(tracker: Tracker) -> str:
    """The conversation's language, for the replies the actions compose."""
    return language.normalise(tracker.get_slot(LANGUAGE_SLOT)) or language.DEFAULT_LANGUAGE
