"""What every action shares: reading the latest message, and sending the domain's replies with their buttons.

The domain (`bot/`) knows no intent: a button either sends a question as if typed (a `str` payload) or names a
`Command`, which becomes Rasa's `/intent{"entity": "value"}` payload here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.answers import Button, Command, Reply
from bot.trainer.chat import QUIZ_CHOICE, START_QUIZ

#: the eligibility check's form (actions/assessment.py): other actions behave differently while it runs
FORM = "assessment_form"
#: the intent each command's button triggers; a command's value travels as an entity named after the command
COMMAND_INTENTS = {START_QUIZ.name: "start_quiz", QUIZ_CHOICE: "quiz_answer"}


def intent_payload(intent: str, entities: Mapping[str, str | Sequence[str]] | None = None) -> str:
    """Rasa's payload that triggers `intent` with `entities` as they are: `/ask_requirement{"branch":"sickness"}`."""
    return f"/{intent}{json.dumps(dict(entities), separators=(',', ':')) if entities else ''}"


def payload(button: Button) -> str:
    """What the button sends to Rasa: the question as typed, or the command's intent with its value as an entity."""
    if isinstance(button.payload, str):
        return button.payload
    command: Command = button.payload
    value = {command.name: command.value} if command.value is not None else None
    return intent_payload(COMMAND_INTENTS[command.name], value)


def buttons_of(reply: Reply) -> list[dict[str, str]]:
    return [{"title": button.title, "payload": payload(button)} for button in reply.buttons]


def send(dispatcher: CollectingDispatcher, *replies: Reply) -> None:
    for reply in replies:
        dispatcher.utter_message(text=reply.text, buttons=buttons_of(reply))


def text_of(tracker: Tracker) -> str:
    return tracker.latest_message.get("text") or ""


def entities_of(tracker: Tracker) -> dict[str, list[str]]:
    """The entities of the latest message: label -> canonical ids."""
    found: dict[str, list[str]] = {}
    for entity in tracker.latest_message.get("entities", []):
        found.setdefault(entity["entity"], []).append(str(entity["value"]))
    return found
