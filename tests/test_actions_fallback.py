"""The two-stage fallback's actions: "Did you mean …?" with the likeliest topics as buttons, and the hand-off."""

from __future__ import annotations

import asyncio
from typing import Any

import yaml
from rasa.shared.core.domain import Domain
from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import fallback
from bot import answers, knowledge
from bot.config import PROJECT_ROOT
from bot.render.contact import DID_YOU_MEAN, SOMETHING_ELSE
from tests.conftest import load_domain

DOMAIN = Domain.load(str(PROJECT_ROOT / "domain.yml"))


def ranked(*names: str) -> list[dict[str, Any]]:
    """A classifier's ranking of `names`, best first, with falling confidences."""
    return [{"name": name, "confidence": round(0.4 - 0.03 * rank, 2)} for rank, name in enumerate(names)]


def entity(label: str, value: str) -> dict[str, Any]:
    return {"entity": label, "value": value, "start": 0, "end": 1}


def tracker(text: str, ranking: list[dict[str, Any]], entities: list[dict[str, Any]] | None = None,
            language: str = "en") -> Tracker:
    message = {"text": text, "intent": {"name": "nlu_fallback", "confidence": 0.4}, "intent_ranking": ranking,
               "entities": entities or []}
    return Tracker("s", {"language": language}, message, [], False, None, {}, "action_listen")


def run(action: Any, track: Tracker) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, track, {}))
    return dispatcher.messages, events


def parsed(payload: str) -> tuple[str, list[tuple[str, Any]]]:
    """What Rasa makes of a button's payload: the intent and the entities."""
    message = YAMLStoryReader.unpack_regex_message(Message({TEXT: payload}), DOMAIN)
    return message.get("intent")["name"], [(e["entity"], e["value"]) for e in message.get("entities")]


# -- which topics are offered --------------------------------------------------------------------------------------
def test_the_likeliest_titled_intents_are_offered_best_first_each_once_at_most_three():
    ranking = ranked("nlu_fallback", "ask_requirement", "out_of_scope", "ask_requirement", "goodbye", "inform",
                     "ask_procedure", "start_assessment", "ask_floor")
    assert fallback.likeliest_intents(ranking) == ["ask_requirement", "ask_procedure", "start_assessment"]


def test_fewer_likely_intents_give_fewer_buttons_and_none_gives_none():
    assert fallback.likeliest_intents(ranked("nlu_fallback", "greet", "ask_floor")) == ["ask_floor"]
    assert fallback.likeliest_intents(ranked("nlu_fallback", "out_of_scope", "quiz_answer")) == []
    assert fallback.likeliest_intents([]) == []


def test_the_limit_and_the_titles_can_be_chosen():
    ranking = ranked("ask_floor", "ask_branches", "ask_procedure")
    assert fallback.likeliest_intents(ranking, limit=2) == ["ask_floor", "ask_branches"]
    assert fallback.likeliest_intents(ranking, titles={"ask_procedure": "How to ratify"}) == ["ask_procedure"]


# -- the buttons -------------------------------------------------------------------------------------------------
def test_did_you_mean_offers_the_topics_as_questions_then_something_else():
    ranking = ranked("nlu_fallback", "ask_requirement", "ask_floor", "out_of_scope", "start_assessment", "ask_branches")
    messages, events = run(fallback.ActionAskAffirmation(), tracker("the money for old people?", ranking))
    (message,) = messages
    assert message["text"] == DID_YOU_MEAN and events == []
    titles = [button["title"] for button in message["buttons"]]
    assert titles == [answers.TOPICS["requirement"].title, answers.TOPICS["floor"].title,
                      fallback.INTENT_TITLES["start_assessment"], SOMETHING_ELSE]
    english = [("language", "en")]
    assert [parsed(button["payload"]) for button in message["buttons"]] == [
        ("ask_requirement", english), ("ask_floor", english), ("start_assessment", english), ("out_of_scope", [])]


def test_each_topic_button_carries_the_entities_of_the_message():
    entities = [entity("branch", "old_age"), entity("country", "MA"), entity("branch", "invalidity"),
                entity("branch", "old_age")]
    ranking = ranked("nlu_fallback", "ask_requirement", "ask_parts_accepted")
    track = tracker("Morocco old age invalidity figures", ranking, entities)
    (message,), _ = run(fallback.ActionAskAffirmation(), track)
    requirement, parts, something_else = message["buttons"]
    assert requirement["payload"] == ('/ask_requirement{"branch":["old_age","invalidity"],"country":"MA",'
                                      '"language":"en"}')
    assert parsed(parts["payload"]) == ("ask_parts_accepted", [("branch", "old_age"), ("branch", "invalidity"),
                                                               ("country", "MA"), ("language", "en")])
    assert parsed(something_else["payload"]) == ("out_of_scope", []), "no is no, whatever the message named"


def test_a_topic_button_keeps_the_conversations_language_which_the_fallback_takes_back():
    ranking = ranked("nlu_fallback", "ask_requirement", "ask_floor")
    (message,), _ = run(fallback.ActionAskAffirmation(), tracker("¿y la plata para los viejos?", ranking,
                                                                 language="es"))
    assert [parsed(button["payload"])[1] for button in message["buttons"][:-1]] == [[("language", "es")]] * 2


def test_a_message_with_no_likely_topic_is_asked_to_rephrase_straight_away():
    # the unknown-words component leaves nothing but the fallback in the ranking
    (message,), events = run(fallback.ActionAskAffirmation(), tracker("zqxv blorf", ranked("nlu_fallback")))
    assert message["response"] == fallback.REPHRASE_RESPONSE and not message["buttons"] and events == []


def test_a_quiz_answer_leaves_the_fallback_and_the_dialogue_memory(monkeypatch):
    monkeypatch.setattr(fallback, "answered_as_quiz", lambda dispatcher, track: True)
    messages, events = run(fallback.ActionAskAffirmation(), tracker("b", ranked("nlu_fallback", "ask_floor")))
    assert messages == [] and [event["event"] for event in events] == ["rewind"]


# -- the hand-off ------------------------------------------------------------------------------------------------
def test_the_hand_off_gives_the_ilo_contact_and_forgets_the_message():
    (message,), events = run(fallback.ActionHandOff(), tracker("plonk", ranked("nlu_fallback")))
    assert knowledge.load().campaign.contact_email in message["text"]
    assert [event["event"] for event in events] == ["rewind"]


# -- the Rasa files agree ----------------------------------------------------------------------------------------
def test_every_titled_intent_is_in_the_domain_with_a_title_for_people():
    intents = set(load_domain()["intents"])
    assert set(fallback.INTENT_TITLES) <= intents
    assert {f"ask_{topic}" for topic in answers.TOPICS} <= set(fallback.INTENT_TITLES)
    titles = list(fallback.INTENT_TITLES.values())
    assert len(set(titles)) == len(titles), "two topics offered under the same title"
    assert all(" " in title and "_" not in title and title[0].isupper() for title in titles)
    assert not {"nlu_fallback", fallback.DENY_INTENT} & set(fallback.INTENT_TITLES)


def test_the_domain_replaces_rasas_fallback_actions_and_words_the_rephrase():
    domain = load_domain()
    assert {fallback.ActionAskAffirmation().name(), fallback.ActionHandOff().name()} <= set(domain["actions"])
    assert "rephrase" in domain["responses"][fallback.REPHRASE_RESPONSE][0]["text"]
    assert fallback.DENY_INTENT in domain["intents"]


def test_low_confidence_starts_rasas_two_stage_fallback():
    rules = yaml.safe_load((PROJECT_ROOT / "data" / "rules.yml").read_text(encoding="utf-8"))["rules"]
    steps = [rule["steps"] for rule in rules if rule["steps"][0] == {"intent": "nlu_fallback"}]
    assert steps == [[{"intent": "nlu_fallback"}, {"action": "action_two_stage_fallback"},
                      {"active_loop": "action_two_stage_fallback"}]]

