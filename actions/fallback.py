"""Rasa's two-stage fallback, for a message the NLU is unsure of (FallbackClassifier: low confidence, or two intents
too close to call; the unknown-words component: no word the bot knows).

The rule in data/rules.yml starts Rasa's loop `action_two_stage_fallback`, which goes through three stages; the first
and the last are the actions here, under the names Rasa gives them:
1. `action_default_ask_affirmation`: "Did you mean …?" with a button for each of the likeliest topics (up to
   three, by the classifier's ranking), each sending that topic's intent with the message's entities, plus
   "Something else" (`/out_of_scope`, Rasa's way to say no). A message with no word the bot knows has no likely
   topic: it is asked to rephrase straight away.
2. "Something else": Rasa asks to rephrase (`utter_ask_rephrase`, in the domain). A button or a rephrased message
   that is understood ends the loop, and Rasa answers it as if it had been the first message.
3. `action_default_fallback`: said no twice, or not understood twice in a row: the hand-off to the ILO contact. The
   dialogue policies use it too when they are unsure what to do next (config.yml).
A lone option letter of a trainer session's quiz ("a") is answered as such at any stage (`answered_as_quiz`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions.answers import REPHRASE_RESPONSE, answer_intent_name
from actions.common import entities_of, intent_payload
from actions.language import LANGUAGE_SLOT, language_of
from actions.trainer import answered_as_quiz
from bot import answers, knowledge
from bot.render.contact import (
    DID_YOU_MEAN,
    DRAFT_INSTRUMENT_TITLE,
    SOMETHING_ELSE,
    START_CHECK_TITLE,
    START_QUIZ_TITLE,
    handoff_text,
    say,
)

#: Rasa's intent for "no, not that" in the two-stage fallback
DENY_INTENT = "out_of_scope"
#: at most this many topics are offered
OFFERED = 3

#: What "Did you mean …?" offers for each intent, as a person would ask it: the Q&A topics' own titles, and the
#: intents that start something. The others are never offered: the fallback itself and "no" (nlu_fallback,
#: out_of_scope), small talk, the answers and commands that only make sense during the eligibility check or the
#: quiz, and the intents whose code must be typed (opening a saved check, joining a session).
INTENT_TITLES: Mapping[str, str] = MappingProxyType({
    **{answer_intent_name(topic.name): topic.title for topic in answers.TOPICS.values()},
    "start_assessment": START_CHECK_TITLE,
    "draft_instrument": DRAFT_INSTRUMENT_TITLE,
    "start_quiz": START_QUIZ_TITLE,
})


def likeliest_intents(ranking: Sequence[Mapping[str, Any]], titles: Mapping[str, str] = INTENT_TITLES,
                      limit: int = OFFERED) -> list[str]:
    """The first `limit` intents of the classifier's `ranking` (best first) that have a title, each once."""
    found: list[str] = []
    for prediction in ranking:
        name = prediction.get("name")
        if name in titles and name not in found:
            found.append(name)
    return found[:limit]


def payload_entities(tracker: Tracker) -> dict[str, str | list[str]]:
    """The latest message's entities as a payload carries them: label -> value, or the values in order when several."""
    distinct = {label: list(dict.fromkeys(values)) for label, values in entities_of(tracker).items()}
    return {label: values[0] if len(values) == 1 else values for label, values in distinct.items()}


def affirmation_buttons(tracker: Tracker) -> list[dict[str, str]]:
    """A button per likely topic of the latest message, sending its intent with the message's entities and the
    conversation's language, then "Something else"; none when no topic is likely. The language rides along because
    the fallback, once a topic is picked, takes back the events of the misunderstood message, the language it set
    included, and the button's `/intent` payload is in no language."""
    lang = language_of(tracker)
    entities = {**payload_entities(tracker), LANGUAGE_SLOT: lang}
    buttons = [{"title": say(INTENT_TITLES[intent], lang), "payload": intent_payload(intent, entities)}
               for intent in likeliest_intents(tracker.latest_message.get("intent_ranking", []))]
    return [*buttons, {"title": say(SOMETHING_ELSE, lang), "payload": intent_payload(DENY_INTENT)}] if buttons else []


class ActionAskAffirmation(Action):
    """The first stage: "Did you mean …?" (see the module's docstring)."""

    def name(self) -> str:
        return "action_default_ask_affirmation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        if answered_as_quiz(dispatcher, tracker):
            return [UserUtteranceReverted()]  # not a question: out of the fallback and of the dialogue's memory
        buttons = affirmation_buttons(tracker)
        if buttons:
            dispatcher.utter_message(text=say(DID_YOU_MEAN, language_of(tracker)), buttons=buttons)
        else:
            dispatcher.utter_message(response=REPHRASE_RESPONSE)
        return []


class ActionHandOff(Action):
    """The last stage: the ILO contact. Like Rasa's own, it takes the message out of the dialogue's memory, so the
    conversation goes on from where it was."""

    def name(self) -> str:
        return "action_default_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        if not answered_as_quiz(dispatcher, tracker):
            dispatcher.utter_message(text=handoff_text(knowledge.load().campaign, language_of(tracker)))
        return [UserUtteranceReverted()]
