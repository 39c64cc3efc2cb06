"""The conversation's language on the Rasa side: action_choose_language gathers the language asked for, the
channel's (message metadata) and the message's own for bot.language.choose; the answers are asked in it."""

from __future__ import annotations

import asyncio

import pytest
import yaml
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import answers as answer_actions
from actions.language import ActionChooseLanguage, language_of
from bot.config import PROJECT_ROOT
from bot.language import LANGUAGES
from tests.conftest import load_domain


def tracker(text: str, intent: str = "ask_instrument", entities: list[dict] | None = None,
            metadata: dict | None = None, **slots) -> Tracker:
    message = {"text": text, "entities": entities or [], "intent": {"name": intent, "confidence": 1.0},
               "metadata": metadata or {}}
    return Tracker("s", slots, message, [], False, None, {}, "action_listen")


def chosen(track: Tracker) -> dict:
    events = asyncio.run(ActionChooseLanguage().run(CollectingDispatcher(), track, {}))
    return {event["name"]: event["value"] for event in events if event["event"] == "slot"}


def test_a_message_written_in_french_turns_the_conversation_to_french():
    assert chosen(tracker("Quelles sont les conditions pour que notre pays ratifie la convention ?",
                          language="en")) == {"language": "fr"}


def country(text: str, name: str) -> list[dict]:
    start = text.index(name)
    return [{"entity": "country", "value": "XX", "start": start, "end": start + len(name)}]


@pytest.mark.parametrize(("text", "name", "language", "before"), [
    ("el salvador - ratified 102?", "el salvador", "en", "es"),  # "el salvador" alone reads as Spanish
    ("Costa Rica a-t-elle ratifié la convention ?", "Costa Rica", "fr", "en"),
    ("mauritanie c102 ratification", "mauritanie", "fr", "en"),  # the French name says the language
    ("belgique ratification convention 102", "belgique", "fr", "en"),
])
def test_a_country_name_counts_for_the_language_only_when_it_is_one_languages_name(text, name, language, before):
    assert chosen(tracker(text, entities=country(text, name), language=before)) == {"language": language}


def test_a_message_that_is_only_a_shared_country_name_keeps_the_language():
    for name, language in (("El Salvador", "en"), ("Burkina Faso", "es"), ("Mexico", "fr"), ("Senegal", "fr")):
        assert chosen(tracker(name, entities=country(name, name), language=language)) == {}


def test_a_short_message_keeps_the_language_and_sets_nothing():
    assert chosen(tracker("ok", language="es")) == {}
    assert chosen(tracker("42", language="fr")) == {}


def test_a_request_names_the_language_it_asks_for():
    asked = tracker("in Spanish please", intent="choose_language", language="fr")
    assert chosen(asked) == {"language": "es"}
    # the same words in another intent ask for nothing: the message's own language counts
    question = tracker("What is the French title of Convention No. 102?", language="fr")
    assert chosen(question) == {"language": "en"}


def test_a_language_button_gives_the_language_as_an_entity():
    button = tracker('/choose_language{"language":"fr"}', intent="choose_language",
                     entities=[{"entity": "language", "value": "fr"}], language="en")
    assert chosen(button) == {"language": "fr"}
    assert chosen(tracker("/greet", intent="greet", language="es")) == {}  # a payload has no language


def test_the_channels_language_counts_when_it_is_new_and_is_remembered():
    first = tracker("hello there, what is the convention about?", metadata={"language": "fr-FR"}, language="en")
    assert chosen(first) == {"language": "fr", "channel_language": "fr"}
    again = tracker("hello there, what is the convention about?", metadata={"language": "fr"}, language="fr",
                    channel_language="fr")
    assert chosen(again) == {"language": "en"}  # applied already: the message's own language now decides
    odd = tracker("ok", metadata={"language": ["fr"]}, language="es")
    assert chosen(odd) == {}


def test_the_answers_are_asked_in_the_conversations_language():
    question = answer_actions.question_for("instrument", tracker("C102 ?", language="es"), follow_up=False)
    assert question.language == "es"
    assert language_of(tracker("x", language=None)) == "en"
    assert language_of(tracker("x", language="de")) == "en"


# --- the domain ----------------------------------------------------------------------------------------------------

def test_the_language_slot_is_set_by_the_action_after_every_message():
    domain = load_domain()
    slot = domain["slots"]["language"]
    assert slot["initial_value"] == "en" and set(slot["values"]) == set(LANGUAGES)
    for name in ("language", "channel_language"):
        assert domain["slots"][name]["mappings"] == [{"type": "custom", "action": "action_choose_language"}]
    assert "action_choose_language" in domain["actions"]
    assert "choose_language" in domain["forms"]["assessment_form"]["ignored_intents"]


def variations(response: list[dict]) -> dict[str, dict]:
    """A response's variations by language: the unconditioned one is English."""
    found = {}
    for variation in response:
        conditions = variation.get("condition") or []
        assert "channel" not in variation, "a channel variation without a condition would outrank the languages"
        languages = [c["value"] for c in conditions if c["type"] == "slot" and c["name"] == "language"]
        assert len(languages) == len(conditions) <= 1
        found[languages[0] if languages else "en"] = variation
    return found


@pytest.mark.parametrize("name", sorted(load_domain()["responses"]))
def test_every_response_has_a_variation_per_language_with_as_many_buttons(name):
    found = variations(load_domain()["responses"][name])
    assert set(found) == set(LANGUAGES), name
    texts = {language: variation["text"] for language, variation in found.items()}
    assert len(set(texts.values())) == len(LANGUAGES), f"{name}: a language has another's text"
    counts = {language: len(variation.get("buttons", [])) for language, variation in found.items()}
    assert len(set(counts.values())) == 1, f"{name}: buttons per language {counts}"


def test_the_greeting_offers_the_two_other_languages():
    found = variations(load_domain()["responses"]["utter_greet"])
    for language, variation in found.items():
        offered = {button["payload"] for button in variation["buttons"] if button["payload"].startswith("/")}
        assert offered == {f'/choose_language{{"language":"{other}"}}' for other in LANGUAGES if other != language}


def test_choosing_a_language_has_a_rule_in_and_out_of_the_check():
    rules = yaml.safe_load((PROJECT_ROOT / "data" / "language_rules.yml").read_text(encoding="utf-8"))["rules"]
    steps = [[next(iter(step.items())) for step in rule["steps"]] for rule in rules]
    assert [("intent", "choose_language"), ("action", "utter_language_chosen")] in steps
    assert [("intent", "choose_language"), ("action", "utter_language_chosen"), ("action", "assessment_form"),
            ("active_loop", "assessment_form")] in steps


@pytest.mark.parametrize("language", LANGUAGES)
def test_rasa_says_each_response_in_the_conversations_language_on_every_channel(language):
    """Rasa's own response generator, given the domain and a conversation in `language`, picks that language's
    variation whatever the channel (no channel variation outranks it)."""
    domain = Domain.load(str(PROJECT_ROOT / "domain.yml"))
    generator = TemplatedNaturalLanguageGenerator(domain.responses)
    conversation = DialogueStateTracker.from_events("s", [SlotSet("language", language)], slots=domain.slots)
    for name, response in load_domain()["responses"].items():
        expected = variations(response)[language]["text"]
        for channel in ("socketio", "telegram", "slack", "facebook", "rest"):
            generated = asyncio.run(generator.generate(name, conversation, channel))
            assert generated["text"] == expected, (name, channel)
