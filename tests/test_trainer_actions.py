"""The trainer actions driven as Rasa drives them (no servers): join, the quiz from a button and from a typed
letter, the quiz refused during the eligibility check, topics counted by the answer actions, a database down."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import answers as answer_actions
from actions import trainer as actions
from actions.assessment_commands import ActionInformOutsideAssessment
from actions.fallback import REPHRASE_RESPONSE, ActionAskAffirmation, ActionHandOff
from bot.config import PROJECT_ROOT
from bot.i18n import translator
from bot.store import StoreUnavailable
from bot.trainer import chat
from bot.trainer.quiz import LETTERS
from bot.trainer.service import default_trainer_service
from components.code_intent import intent_for_code
from tests.conftest import on_own_database


@pytest.fixture(autouse=True)
def database(tmp_path, monkeypatch):
    yield from on_own_database(tmp_path / "trainer.db", monkeypatch, default_trainer_service)


def run(action: Any, text: str, sender: str = "participant", entities: list[dict] | None = None,
        loop: str | None = None, lang: str | None = None) -> list[dict[str, Any]]:
    """The messages `action` sends for the message `text` (`loop`: the active loop, e.g. the eligibility form;
    `lang`: the conversation's language slot)."""
    tracker = Tracker(sender, {"language": lang} if lang else {}, {"text": text, "entities": entities or []}, [],
                      False, None, {"name": loop} if loop else {}, "action_listen")
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


# -- in the conversation's language ------------------------------------------------------------------------------
def test_a_french_participant_joins_takes_the_quiz_and_gets_the_score_in_french():
    session = default_trainer_service().create("Atelier Dakar", 2)
    (welcome,) = run(actions.ActionJoinSession(), f"rejoindre {session.code} en tant que Claire", lang="fr")
    assert welcome["text"].startswith("Bienvenue dans « Atelier Dakar », Claire ! Vous pouvez ici :")
    assert "- répondre au quiz : 2 questions sur les normes de sécurité sociale ;" in welcome["text"]
    assert [button["title"] for button in welcome["buttons"]] == [
        "Répondre au quiz", "Poser une question", "Vérifier si mon pays remplit les conditions"]
    assert welcome["buttons"][1]["payload"] == "Qu'est-ce que la convention n° 102 ?"

    (question,) = run(actions.ActionQuizQuestion(), "/start_quiz", lang="fr")
    turn = default_trainer_service().turn("participant")
    assert question["text"].startswith(f"Question 1 sur 2 : {turn.question.prompt.get('fr')}")
    assert [button["title"] for button in question["buttons"]] == [
        f"{LETTERS[index]}. {option.get('fr')}" for index, option in enumerate(turn.options)]
    right = LETTERS[turn.options.index(turn.question.answer)]
    feedback, following = run(actions.ActionQuizAnswer(), f"je choisis la {right.lower()}", lang="fr")
    assert feedback["text"].startswith(f"Exact : {turn.question.answer.get('fr')} (")
    assert "C102 Art." not in feedback["text"]  # the article in the French style
    assert following["text"].startswith("Question 2 sur 2 : ")

    second = default_trainer_service().turn("participant")
    wrong = LETTERS[second.options.index(second.question.wrong[0])]
    right = LETTERS[second.options.index(second.question.answer)]
    feedback, score = run(actions.ActionQuizAnswer(), wrong, lang="fr")
    assert feedback["text"].startswith(f"Pas tout à fait : la réponse est {right}. {second.question.answer.get('fr')}")
    assert score["text"].startswith("Le quiz est terminé : vous avez obtenu 1 sur 2.")


def test_a_spanish_participant_gets_the_quiz_and_its_notes_in_spanish():
    session = default_trainer_service().create("Taller Lima", 2)
    (welcome,) = run(actions.ActionJoinSession(), f"unirme a {session.code} como Lucía", lang="es")
    assert welcome["text"].startswith("¡Le damos la bienvenida a «Taller Lima», Lucía! Aquí puede:")
    (question,) = run(actions.ActionQuizQuestion(), "empezar el quiz", lang="es")
    turn = default_trainer_service().turn("participant")
    assert question["text"].startswith(f"Pregunta 1 de 2: {turn.question.prompt.get('es')}")
    letters = "A, B, C o D" if len(turn.options) == 4 else "A, B o C"
    note, again = run(actions.ActionQuizAnswer(), "no sé", lang="es")
    assert note["text"] == f"Responda con una sola letra: {letters}."
    assert again["text"] == question["text"]
    run(actions.ActionQuizAnswer(), "1A", lang="es", entities=[{"entity": "quiz_choice", "value": "1A"}])
    stale, _ = run(actions.ActionQuizAnswer(), "1B", lang="es", entities=[{"entity": "quiz_choice", "value": "1B"}])
    assert stale["text"] == "Ese botón corresponde a una pregunta que usted ya ha respondido."
    (back,) = run(actions.ActionJoinSession(), f"unirme a {session.code}", lang="es")
    assert back["text"].startswith("¡Le damos de nuevo la bienvenida a «Taller Lima», Lucía!")


@pytest.mark.parametrize(("lang", "expected"), [
    ("fr", "Le quiz fait partie d'une session de formation, et vous n'en avez rejoint aucune. Pour rejoindre une "
           "session de formation, tapez « rejoindre » suivi du code de la session, par exemple « rejoindre K7Q2 »"),
    ("es", "El cuestionario forma parte de una sesión de formación, y usted no se ha unido a ninguna. Para unirse a "
           "una sesión de formación, escriba «unirme a» seguido del código de la sesión, por ejemplo, «unirme a K7Q2»"),
])
def test_how_to_join_is_said_in_the_conversations_language(lang, expected):
    assert run(actions.ActionQuizQuestion(), "quiz", lang=lang)[0]["text"].startswith(expected)
    assert run(actions.ActionQuizAnswer(), "B", lang=lang)[0]["text"].startswith(expected)
    (no_code,) = run(actions.ActionJoinSession(), "session", lang=lang)
    assert no_code["text"] == chat.how_to_join(translator(lang)) and no_code["text"].startswith(
        expected.split(". ", 1)[1])
    (unknown,) = run(actions.ActionJoinSession(), "ZZ2Z", lang=lang)
    assert "ZZ2Z" in unknown["text"] and chat.join_word(translator(lang)) in unknown["text"]
    assert "training session" not in unknown["text"]


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_the_join_examples_shown_are_understood(lang):
    """What the help text tells people to type joins the session with the name given: the message goes to
    join_session whatever the classifier thinks (its code's shape) and the NLU data has the same form."""
    t = translator(lang)
    session = default_trainer_service().create("Workshop", 1)
    example = chat.join_example(t, session.code)
    named = t.gettext(chat.JOIN_AS).format(code=session.code)
    assert example in chat.how_to_join(t).replace(chat.EXAMPLE_CODE, session.code)
    assert intent_for_code(example) == intent_for_code(named) == "join_session"
    name = named.split()[-1]
    (welcome,) = run(actions.ActionJoinSession(), named, sender=f"sender-{lang}", lang=lang)
    assert f", {name}" in welcome["text"]
    assert default_trainer_service().snapshot(session.code).participants[0].display_name == name
    nlu = PROJECT_ROOT / "data" / "nlu" / ("" if lang == "en" else lang) / "trainer.yml"
    examples = yaml.safe_load(nlu.read_text(encoding="utf-8"))["nlu"][0]
    assert examples["intent"] == "join_session"
    assert any(line.startswith(f"- {chat.join_word(t)} ") for line in examples["examples"].splitlines()), lang


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_the_notes_of_the_session_feature_are_in_the_conversations_language(lang, monkeypatch):
    t = translator(lang)
    session = default_trainer_service().create("Workshop", 2)
    run(actions.ActionJoinSession(), f"join {session.code}", lang=lang)
    (wait,) = run(actions.ActionQuizQuestion(), "quiz", loop="assessment_form", lang=lang)
    assert wait["text"] == t.gettext(chat.QUIZ_AFTER_CHECK) != chat.QUIZ_AFTER_CHECK
    _, following = run(ActionAskAffirmation(), "a", lang=lang)  # a lone letter the NLU did not place
    assert following["text"].startswith(t.gettext(chat.QUESTION).split("{")[0] + "2")

    def down(*args: object) -> None:
        raise StoreUnavailable("cannot reach PostgreSQL")

    monkeypatch.setattr(type(default_trainer_service()), "turn", down)
    (unavailable,) = run(actions.ActionQuizQuestion(), "quiz", lang=lang)
    assert unavailable["text"] == t.gettext(chat.UNAVAILABLE) != chat.UNAVAILABLE
