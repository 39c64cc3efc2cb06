"""The trainer actions driven as Rasa drives them (no servers): join, the quiz from a button and from a typed
letter, the quiz refused during the eligibility check, topics counted by the answer actions, a database down."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import answers as answer_actions
from actions import trainer as actions
from actions.assessment_commands import ActionInformOutsideAssessment
from actions.fallback import REPHRASE_RESPONSE, ActionAskAffirmation, ActionHandOff
from bot.store import StoreUnavailable
from bot.trainer import chat
from bot.trainer.quiz import LETTERS
from bot.trainer.service import default_trainer_service
from tests.conftest import on_own_database


@pytest.fixture(autouse=True)
def database(tmp_path, monkeypatch):
    yield from on_own_database(tmp_path / "trainer.db", monkeypatch, default_trainer_service)


def run(action: Any, text: str, sender: str = "participant", entities: list[dict] | None = None,
        loop: str | None = None) -> list[dict[str, Any]]:
    """The messages `action` sends for the message `text` (`loop`: the active loop, e.g. the eligibility form)."""
    tracker = Tracker(sender, {}, {"text": text, "entities": entities or []}, [], False, None,
                      {"name": loop} if loop else {}, "action_listen")
    dispatcher = CollectingDispatcher()
    asyncio.run(action.run(dispatcher, tracker, {}))
    return dispatcher.messages


def test_join_then_the_quiz_by_button_and_by_letter():
    session = default_trainer_service().create("Workshop Nairobi", 2)
    (welcome,) = run(actions.ActionJoinSession(), f"join {session.code}")
    assert "Welcome to “Workshop Nairobi”!" in welcome["text"]
    assert welcome["buttons"][0]["payload"] == "/start_quiz"

    (question,) = run(actions.ActionQuizQuestion(), "/start_quiz")
    assert question["text"].startswith("Question 1 of 2:")
    first = question["buttons"][0]
    assert first["payload"] == '/quiz_answer{"quiz_choice":"1A"}'
    feedback, following = run(actions.ActionQuizAnswer(), first["payload"],
                              entities=[{"entity": "quiz_choice", "value": "1A"}])
    assert feedback["text"].startswith(("Right:", "Not quite:"))
    assert following["text"].startswith("Question 2 of 2:")

    feedback, score = run(actions.ActionQuizAnswer(), LETTERS[0].lower())
    assert "you got" in score["text"] and "of 2 right" in score["text"]
    assert default_trainer_service().turn("participant").finished


def test_the_quiz_without_a_session_says_how_to_join():
    how_to = f"{chat.NOT_JOINED} To join a training session, type join and the session's code, e.g. 'join K7Q2'"
    assert run(actions.ActionQuizQuestion(), "take the quiz")[0]["text"].startswith(how_to)
    assert run(actions.ActionQuizAnswer(), "B")[0]["text"].startswith(how_to)


def test_the_quiz_waits_while_the_eligibility_check_runs():
    session = default_trainer_service().create("Workshop", 2)
    run(actions.ActionJoinSession(), f"join {session.code}")
    (reply,) = run(actions.ActionQuizQuestion(), "take the quiz", loop="assessment_form")
    assert reply["text"] == chat.QUIZ_AFTER_CHECK


def test_answer_actions_count_the_topics_of_participants():
    session = default_trainer_service().create("Workshop", 2)
    run(actions.ActionJoinSession(), f"join {session.code}")
    run(answer_actions.ANSWER_ACTIONS["procedure"](), "How does a country ratify C102?")
    run(answer_actions.ANSWER_ACTIONS["procedure"](), "How does a country ratify C102?", sender="not-a-participant")
    assert default_trainer_service().snapshot(session.code).topics == [("procedure", 1)]


def test_a_database_down_is_said_and_does_not_break_the_answers(monkeypatch):
    def down(*args: object) -> None:
        raise StoreUnavailable("cannot reach PostgreSQL at postgresql://ratify:***@db/ratify: refused")

    monkeypatch.setattr(type(default_trainer_service()), "join", down)
    monkeypatch.setattr(type(default_trainer_service()), "record_topic", down)
    assert run(actions.ActionJoinSession(), "join K7Q2")[0]["text"] == chat.UNAVAILABLE
    (answer,) = run(answer_actions.ANSWER_ACTIONS["procedure"](), "How does a country ratify C102?")
    assert "ratif" in answer["text"]


@pytest.mark.parametrize(("action", "loop"), [
    (ActionAskAffirmation(), None), (ActionAskAffirmation(), "action_two_stage_fallback"),
    (ActionHandOff(), "action_two_stage_fallback"), (ActionInformOutsideAssessment(), None),
], ids=["did you mean", "did you mean again", "hand-off", "inform"])
def test_a_lone_letter_the_nlu_did_not_place_answers_a_pending_quiz_question(action, loop):
    session = default_trainer_service().create("Workshop", 2)
    run(actions.ActionJoinSession(), f"join {session.code}")
    feedback, following = run(action, "a", loop=loop)
    assert feedback["text"].startswith(("Right:", "Not quite:"))
    assert following["text"].startswith("Question 2 of 2:")
    assert default_trainer_service().turn("participant").answered == 1


@pytest.mark.parametrize(("text", "form"), [("a", False), ("I have a question", False), ("a", True)],
                         ids=["not in a session", "not a letter", "during the check"])
def test_otherwise_the_fallback_is_as_before(text, form):
    session = default_trainer_service().create("Workshop", 2)
    run(actions.ActionJoinSession(), f"join {session.code}")
    sender = "no-session" if text == "a" and not form else "participant"
    (reply,) = run(ActionAskAffirmation(), text, sender=sender, loop="assessment_form" if form else None)
    assert reply["response"] == REPHRASE_RESPONSE  # no likely topic in the ranking: asked to rephrase
    assert default_trainer_service().turn("participant").answered == 0
