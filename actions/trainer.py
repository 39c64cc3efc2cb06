"""Trainer sessions in the chat: join by code, the quiz question by question, and the topics participants ask.

Thin adapters over `bot.trainer`: the service keeps every participant's place in the database (by sender id),
so the quiz needs no slots and carries on in any channel, after a restart too.
"""

from __future__ import annotations

import logging
import re
from abc import ABCMeta, abstractmethod
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import FORM, send, text_of
from actions.language import language_of
from bot.answers import Reply
from bot.i18n import Translator, translator
from bot.store import StoreUnavailable
from bot.throttle import TooManyAttempts
from bot.trainer import chat
from bot.trainer.service import TrainerService, default_trainer_service

logger = logging.getLogger(__name__)
BARE_CHOICE = re.compile(r"^\W*[A-Da-d]\W*$")


def trainer() -> TrainerService:
    return default_trainer_service()


def translator_of(tracker: Tracker) -> Translator:
    """The conversation's language: every reply of a training session is written in it."""
    return translator(language_of(tracker))


def record_topic(sender_id: str, topic: str) -> None:
    """Counts a Q&A topic for the participant's session (called by every answer action); nothing for others.

    The answer actions know the topic each message was about (the intent, or for a follow-up the topic it
    continues), so counting there gives the dashboard the topics asked without reading Rasa's tracker store.
    """
    try:
        trainer().record_topic(sender_id, topic)
    except StoreUnavailable as exc:
        logger.warning("topic not recorded: %s", exc)


def choice_text(tracker: Tracker) -> str:
    """The option a button sent (its `quiz_choice` entity, e.g. "3B"), else what was typed."""
    for entity in tracker.latest_message.get("entities", []):
        if entity.get("entity") == chat.QUIZ_CHOICE:
            return str(entity.get("value"))
    return text_of(tracker)


def answered_as_quiz(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """A lone option letter ("a", "B.") that the NLU did not read as a quiz answer, answered as one when the sender
    has a quiz question pending; False (nothing sent) otherwise.

    The fallback actions and the answer-outside-the-check action call this first: "a" is a word of nearly every
    intent's examples, so the classifier is unsure of it alone, while for a participant in the middle of the quiz
    it can only be an option, except during the eligibility check, where it is an answer.
    """
    text = text_of(tracker)
    if tracker.active_loop_name == FORM or not BARE_CHOICE.match(text):
        return False
    try:
        turn = trainer().turn(tracker.sender_id)
        outcome = trainer().answer(tracker.sender_id, text) if turn and not turn.finished else None
    except StoreUnavailable as exc:
        logger.warning("quiz answer not recorded: %s", exc)
        return False
    if outcome is None:
        return False
    send(dispatcher, *chat.answer_reply(outcome, translator_of(tracker)))
    return True


class TrainerAction(Action, metaclass=ABCMeta):
    """Sends the replies of `replies` (in the conversation's language), or says the session cannot be reached when
    the database is down.

    Abstract, so that rasa-sdk (which registers every concrete `Action` subclass) skips it.
    """

    @abstractmethod
    def replies(self, tracker: Tracker, t: Translator) -> list[Reply]: ...

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[dict[str, Any]]:
        t = translator_of(tracker)
        try:
            replies = self.replies(tracker, t)
        except StoreUnavailable as exc:
            logger.warning("%s: %s", self.name(), exc)
            replies = [chat.said(chat.UNAVAILABLE, t)]
        send(dispatcher, *replies)
        return []


class ActionJoinSession(TrainerAction):
    """ "join K7Q2" (or the chat page opened with ?join=K7Q2): the welcome by the session's name, or why not."""

    def name(self) -> str:
        return "action_join_session"

    def replies(self, tracker: Tracker, t: Translator) -> list[Reply]:
        try:
            return [chat.join_reply(trainer().join(tracker.sender_id, text_of(tracker)), t)]
        except TooManyAttempts:
            return [chat.too_many_joins(t)]


class ActionQuizQuestion(TrainerAction):
    """ "Take the quiz": the participant's next question (the score once all are answered)."""

    def name(self) -> str:
        return "action_quiz_question"

    def replies(self, tracker: Tracker, t: Translator) -> list[Reply]:
        if tracker.active_loop_name == FORM:
            return [chat.said(chat.QUIZ_AFTER_CHECK, t)]
        turn = trainer().turn(tracker.sender_id)
        return [chat.turn_reply(turn, t) if turn else chat.not_joined(t)]


class ActionQuizAnswer(TrainerAction):
    """ "B" or an option button: right or wrong with the article, then the next question."""

    def name(self) -> str:
        return "action_quiz_answer"

    def replies(self, tracker: Tracker, t: Translator) -> list[Reply]:
        outcome = trainer().answer(tracker.sender_id, choice_text(tracker))
        return chat.answer_reply(outcome, t) if outcome else [chat.not_joined(t)]
