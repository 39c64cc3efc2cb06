"""The Q&A actions: one per topic, follow-ups keep or switch the topic, context is remembered in slots."""

from __future__ import annotations

import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import answers as answer_actions
from bot import answers
from bot.render.contact import ASK_FOR_MORE
from tests.conftest import load_domain


def tracker(text: str, entities: list[dict] | None = None, **slots) -> Tracker:
    """The tracker when an action runs for `text`: the `slots` were set before the message (as the events say)."""
    message = {"text": text, "entities": entities or [], "intent": {"name": "x", "confidence": 1.0}}
    events = [*({"event": "slot", "name": name, "value": value} for name, value in slots.items()),
              {"event": "user", "text": text}]
    return Tracker("s", slots, message, events, False, None, {}, "action_listen")


def run(action, track: Tracker) -> tuple[list[dict], list[dict]]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, track, {}))
    return dispatcher.messages, events


def slot_events(events: list[dict]) -> dict:
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def test_every_topic_has_an_action_declared_in_the_domain():
    domain = load_domain()
    declared = set(domain["actions"])
    assert set(answer_actions.ANSWER_ACTIONS) == set(answers.TOPICS)
    for topic, action in answer_actions.ANSWER_ACTIONS.items():
        assert action().name() == f"action_answer_{topic}" in declared
        assert action.__name__ == f"ActionAnswer{''.join(w.title() for w in topic.split('_'))}"
        assert action.__module__ == "actions.answers"
    assert "action_answer_follow_up" in declared


def test_every_context_slot_opens_one_topic_in_a_follow_up():
    opened = [entity for topic in answers.TOPICS.values() for entity in topic.opened_by]
    assert sorted(opened) == sorted(answer_actions.CONTEXT_SLOTS)


def test_follow_up_stays_on_the_topic_when_the_entity_fits_it():
    assert answer_actions.follow_up_topic("requirement", {"branch": "invalidity"}) == "requirement"
    assert answer_actions.follow_up_topic("requirement", {"aspect": "qualifying_period"}) == "requirement"
    assert answer_actions.follow_up_topic("ratification_status", {"country": "BR"}) == "ratification_status"
    assert answer_actions.follow_up_topic("parts_accepted", {"country": "BR"}) == "parts_accepted"
    assert answer_actions.follow_up_topic("procedure", {}) == "procedure"


def test_follow_up_switches_topic_when_the_entity_belongs_elsewhere():
    assert answer_actions.follow_up_topic("instrument", {"country": "MA"}) == "ratification_status"
    assert answer_actions.follow_up_topic("ratification_status", {"branch": "sickness"}) == "requirement"
    assert answer_actions.follow_up_topic(None, {"region": "Africa"}) == "ratifications_list"
    assert answer_actions.follow_up_topic(None, {}) is None


def test_requirement_chain_keeps_branch_then_aspect():
    rate = answer_actions.ANSWER_ACTIONS["requirement"]()
    messages, events = run(rate, tracker("What replacement rate for old-age?", [
        {"entity": "branch", "value": "old_age"}, {"entity": "aspect", "value": "benefit_rate"}]))
    remembered = slot_events(events)
    assert remembered["branch"] == "old_age" and remembered["aspect"] == "benefit_rate"
    assert remembered["qa_topic"] == "requirement"
    assert messages and messages[0]["text"]

    follow_up = answer_actions.ActionAnswerFollowUp()
    _, events = run(follow_up, tracker("and for invalidity?", [{"entity": "branch", "value": "invalidity"}],
                                       branch="old_age", aspect="benefit_rate", qa_topic="requirement"))
    assert slot_events(events)["branch"] == "invalidity"
    _, events = run(follow_up, tracker("what about the qualifying period?",
                                       [{"entity": "aspect", "value": "qualifying_period"}],
                                       branch="invalidity", aspect="benefit_rate", qa_topic="requirement"))
    assert slot_events(events)["aspect"] == "qualifying_period"


def test_a_new_list_question_does_not_keep_an_old_region_filter():
    question = answer_actions.question_for(
        "ratifications_list", tracker("which countries ratified since 2020?", [{"entity": "year", "value": "2020"}],
                                      region="Africa"), follow_up=False)
    assert (question.region, question.year) == (None, "2020")
    combined = answer_actions.question_for(
        "ratifications_list", tracker("and in Africa?", [{"entity": "region", "value": "Africa"}], year="2020"),
        follow_up=True)
    assert (combined.region, combined.year) == ("Africa", "2020")


def test_follow_up_without_any_context_asks_for_more():
    messages, events = run(answer_actions.ActionAnswerFollowUp(), tracker("and?"))
    assert [m["text"] for m in messages] == [ASK_FOR_MORE]
    assert events == []


def test_the_action_server_registers_one_action_per_topic_and_not_the_base_class():
    from rasa_sdk.executor import ActionExecutor

    executor = ActionExecutor()
    executor.register_package("actions")
    registered = set(executor.actions)
    assert {f"action_answer_{topic}" for topic in answers.TOPICS} <= registered
    assert "action_answer_follow_up" in registered


def conventions(*ids: str) -> list[dict]:
    return [{"entity": "convention", "value": cid, "start": 0, "end": 0} for cid in ids]


def test_the_first_convention_named_wins_but_c102_gives_way_to_another():
    compared = tracker("What does C168 add compared with C130?", conventions("C168", "C130"))
    assert answer_actions.latest_entities(compared) == {"convention": "C168"}
    framed = tracker("What happens to Part V of C102 if we ratify C128?", conventions("C102", "C128"))
    assert answer_actions.latest_entities(framed) == {"convention": "C128"}
    messages, _ = run(answer_actions.ANSWER_ACTIONS["procedure_step"](), framed)
    assert "C128" in messages[0]["text"] and "Art. 75" in messages[0]["text"]


def test_a_general_aspect_is_not_kept_for_the_next_question():
    """ "What does C118 say about foreigners?" then "and for sickness?": Art. 68 is no context for the follow-up."""
    instrument = answer_actions.ANSWER_ACTIONS["instrument"]()
    _, events = run(instrument, tracker("What does C118 say about foreigners?", [
        {"entity": "convention", "value": "C118"}, {"entity": "aspect", "value": "equality"}], aspect="coverage"))
    assert slot_events(events)["aspect"] is None
    rate = answer_actions.ANSWER_ACTIONS["requirement"]()
    _, events = run(rate, tracker("coverage for old age", [{"entity": "branch", "value": "old_age"},
                                                          {"entity": "aspect", "value": "coverage"}]))
    assert slot_events(events)["aspect"] == "coverage", "an aspect of a branch is kept"


def test_a_branch_aspect_gives_way_to_a_general_one_named_with_it():
    asked = tracker("What level must means-tested benefits reach under C102?",
                    [{"entity": "aspect", "value": "benefit_rate", "start": 5, "end": 10},
                     {"entity": "aspect", "value": "means_tested_level", "start": 16, "end": 37}])
    assert answer_actions.latest_entities(asked) == {"aspect": "means_tested_level"}
    level = tracker("what level for old age", [{"entity": "aspect", "value": "benefit_rate", "start": 0, "end": 10},
                                               {"entity": "aspect", "value": "duration", "start": 11, "end": 14}])
    assert answer_actions.latest_entities(level) == {"aspect": "benefit_rate"}  # two branch aspects: the first


@pytest.mark.parametrize(("topic", "named", "answered"), [
    ("requirement", {"convention": "C168", "branch": "unemployment"}, "instrument"),  # "what does C168 provide…?"
    ("floor", {"convention": "C102"}, "floor"),  # "how do social protection floors relate to C102?"
    ("floor", {"convention": "C168"}, "instrument"),
    ("floor", {"convention": "R202"}, "floor"),
    ("requirement", {"convention": "C102", "branch": "old_age"}, "requirement"),
    ("requirement", {"branch": "old_age"}, "requirement"),
    ("procedure", {"convention": "C183"}, "procedure"),  # how to ratify holds for any Convention
])
def test_a_question_on_c102s_content_naming_another_instrument_is_about_that_instrument(topic, named, answered):
    assert answer_actions.about_another_instrument(topic, named) == answered


def test_naming_c102_beside_the_other_instrument_asks_how_it_goes_beyond_c102():
    named = {"convention": "C130", "branch": "sickness"}  # "C130 and C102 on sickness benefit duration?"
    assert answer_actions.about_another_instrument("requirement", named, {"C130", "C102"}) == "instrument_beyond"
    # "in what is C130 more demanding than C102?"
    assert answer_actions.about_another_instrument("instrument", {"convention": "C130"}, {"C130", "C102"}) \
        == "instrument_beyond"
    assert answer_actions.about_another_instrument("instrument", {"convention": "C130"}, {"C130"}) == "instrument"
    assert answer_actions.about_another_instrument("instrument", {"convention": "C102"}, {"C102"}) == "instrument"


def test_the_requirement_action_answers_on_the_instrument_named_in_the_question():
    entities = [{"entity": "convention", "value": "C168"}, {"entity": "branch", "value": "unemployment"}]
    messages, events = run(answer_actions.ANSWER_ACTIONS["requirement"](),
                           tracker("Que prévoit la convention 168 sur le chômage ?", entities, language="fr"))
    (message,) = messages
    assert "1988" in message["text"] and "(n° 168)" in message["text"]
    assert slot_events(events)["qa_topic"] == "instrument"


def test_a_requirement_asked_about_a_general_aspect_is_answered_and_recorded_as_the_principles():
    entities = [{"entity": "aspect", "value": "financing"}]
    messages, events = run(answer_actions.ANSWER_ACTIONS["requirement"](),
                           tracker("can workers be made to pay more than half of the cost?", entities))
    (message,) = messages
    assert "71(2)" in message["text"] and "50%" in message["text"]
    assert slot_events(events)["qa_topic"] == "principles"
    assert answer_actions.follow_up_topic("principles", {"branch": "sickness"}) == "requirement"


def test_a_requirement_asked_about_a_rule_outside_the_principles_stays_a_requirement():
    entities = [{"entity": "aspect", "value": "definitions"}]  # Art. 1: not one the principles cite
    _, events = run(answer_actions.ANSWER_ACTIONS["requirement"](), tracker("how does C102 define a child?", entities))
    assert slot_events(events)["qa_topic"] == "requirement"


@pytest.mark.parametrize(("topic", "named", "answered"), [
    ("instrument", {"branch": "unemployment"}, "requirement"),  # "tell me about unemployment benefit in the Convention"
    ("instrument", {"convention": "C102", "branch": "maternity"}, "requirement"),
    ("instrument", {"convention": "C168", "branch": "unemployment"}, "instrument"),  # about C168, not C102's Part IV
    ("instrument", {"convention": "C102", "country": "TR"}, "ratification_status"),  # "Turkey and Convention 102?"
    ("instrument", {"procedure_step": "tripartite_consultation"}, "procedure_step"),
    ("instrument", {"convention": "C130"}, "instrument"),
    ("branches", {"country": "JO"}, "parts_accepted"),  # "which branches is Jordan bound by?"
    ("branches", {"branch": "sickness"}, "requirement"),  # "the sickness branch: what are its figures?"
    ("branches", {}, "branches"),
    ("principles", {"branch": "survivors"}, "requirement"),  # "what does the Convention say on survivors' benefit?"
    ("principles", {"aspect": "financing"}, "principles"),
    ("branches", {"aspect": "benefit_rate"}, "requirement"),  # "what are the Convention's minimum rates?"
    ("next_step", {"aspect": "qualifying_period"}, "requirement"),
    ("next_step", {}, "next_step"),
    ("ratifications_list", {"country": "BR"}, "ratification_status"),
    ("ratifications_list", {"region": "Africa"}, "ratifications_list"),
    ("requirement", {"country": "BR", "branch": "old_age"}, "requirement"),  # no narrowing of its own
])
def test_a_broad_topic_gives_way_to_the_narrower_one_its_entities_open(topic, named, answered):
    assert answers.narrowed(topic, named) == answered


def test_the_instrument_action_answers_a_branch_named_in_the_question_with_c102s_requirements():
    entities = [{"entity": "branch", "value": "maternity"}]
    messages, events = run(answer_actions.ANSWER_ACTIONS["instrument"](),
                           tracker("Que prévoit la C102 pour la maternité ?", entities, language="fr"))
    (message,) = messages
    assert "Partie VIII" in message["text"] and "C102" in message["text"]
    assert slot_events(events)["qa_topic"] == "requirement"
    assert slot_events(events)["branch"] == "maternity"


def test_a_message_read_as_out_of_scope_that_names_an_aspect_is_answered():
    entities = [{"entity": "aspect", "value": "suspension"}]
    messages, events = run(answer_actions.ActionOutOfScope(),
                           tracker("can we stop paying benefit to someone on strike?", entities))
    (message,) = messages
    assert "69" in message["text"]
    assert slot_events(events)["qa_topic"] in {"principles", "requirement"}


@pytest.mark.parametrize("entities", [[], [{"entity": "country", "value": "FR"}]])
def test_a_message_out_of_scope_without_a_standards_entity_gets_the_out_of_scope_response(entities):
    messages, events = run(answer_actions.ActionOutOfScope(), tracker("who is the president of France?", entities))
    assert [message["response"] for message in messages] == ["utter_out_of_scope"]
    assert events == []


def test_how_long_gives_way_to_the_period_named_with_it():
    aspects = [{"entity": "aspect", "value": "duration"}, {"entity": "aspect", "value": "qualifying_period"}]
    contribute = tracker("how long must someone contribute before getting family benefit?", aspects)
    assert answer_actions.latest_entities(contribute) == {"aspect": "qualifying_period"}
    paid = tracker("how long is the benefit paid, and at what rate?",
                   [{"entity": "aspect", "value": "duration"}, {"entity": "aspect", "value": "benefit_rate"}])
    assert answer_actions.latest_entities(paid) == {"aspect": "duration"}


@pytest.mark.parametrize(("named", "expected"), [
    ({"aspect": "suspension"}, True), ({"aspect": "appeal", "branch": "old_age"}, True),
    ({"convention": "C168"}, True), ({"procedure_step": "deposit"}, True),
    ({"aspect": "benefit_rate"}, False),  # "what is the exchange rate of the euro?"
    ({"branch": "medical_care"}, False), ({"country": "FR"}, False), ({}, False),
])
def test_what_names_the_standards_in_a_message_read_as_out_of_scope(named, expected):
    assert answer_actions.names_the_standards(named) is expected


@pytest.mark.parametrize(("previous", "expected"), [("branches", True), ("requirement", True), ("instrument", True),
                                                    ("ratification_status", False), (None, False)])
def test_a_branch_named_out_of_scope_continues_a_conversation_on_branches(previous, expected):
    old_age = {"branch": "old_age"}
    assert answer_actions.continues_on_branches(old_age, previous) is expected
    assert answer_actions.continues_on_branches({}, previous) is False


def test_tell_me_more_about_a_branch_after_the_branches_gets_its_requirements():
    entities = [{"entity": "branch", "value": "old_age"}]
    messages, events = run(answer_actions.ActionOutOfScope(),
                           tracker("tell me more about old age", entities, qa_topic="branches"))
    (message,) = messages
    assert "Part V" in message["text"]
    assert slot_events(events)["qa_topic"] == "requirement"


@pytest.mark.parametrize("text", ["the Parts?", "¿y qué partes?", "et les parties ?"])
def test_the_parts_right_after_a_countrys_ratification_are_the_parts_it_accepted(text):
    messages, events = run(answer_actions.ANSWER_ACTIONS["flexibility"](),
                           tracker(text, qa_topic="ratification_status", country="MA"))
    (message,) = messages
    assert "Morocco" in message["text"] or "Maroc" in message["text"] or "Marruecos" in message["text"]
    assert slot_events(events)["qa_topic"] == "parts_accepted"


def test_a_question_on_the_parts_in_general_after_a_countrys_ratification_stays_on_flexibility():
    long_question = "how many Parts must a country accept at the least?"
    _, events = run(answer_actions.ANSWER_ACTIONS["flexibility"](),
                    tracker(long_question, qa_topic="ratification_status", country="MA"))
    assert slot_events(events)["qa_topic"] == "flexibility"
    _, events = run(answer_actions.ANSWER_ACTIONS["flexibility"](), tracker("the Parts?", qa_topic="requirement"))
    assert slot_events(events)["qa_topic"] == "flexibility"


def country(code: str) -> list[dict]:
    return [{"entity": "country", "value": code}]


@pytest.mark.parametrize(("classified", "text", "answered"), [
    ("parts_accepted", "I heard El Salvador joined recently. When exactly?", "ratification_status"),
    ("parts_accepted", "Brasil, ¿cuándo fue?", "ratification_status"),
    ("parts_accepted", "Le Salvador, c'était quand ?", "ratification_status"),
    ("ratification_status", "What branches of C102 is Jordan bound by?", "parts_accepted"),
    ("ratification_status", "¿Qué partes aceptó Jordania?", "parts_accepted"),
    ("ratification_status", "When did Jordan ratify, and which Parts?", "ratification_status"),  # both: as read
    ("parts_accepted", "When did Jordan ratify, and which Parts?", "parts_accepted"),
    ("ratification_status", "Is Jordan party to C102?", "ratification_status"),  # "party" is no Part
    ("ratification_status", "Has Jordan ratified C102 and which parts?", "ratification_status"),  # both
    ("parts_accepted", "Which Parts has Jordan ratified?", "parts_accepted"),  # both: as read
    ("parts_accepted", "Did Jordan accept the old-age Part when it ratified?", "parts_accepted"),  # both: as read
    ("parts_accepted", "Is Jordan part of the C102 club and since when?", "ratification_status"),
])
def test_a_question_on_a_countrys_record_is_answered_on_the_facet_its_words_ask_for(classified, text, answered):
    code = "SV" if "Salvador" in text else "BR" if "Brasil" in text else "JO"
    _, events = run(answer_actions.ANSWER_ACTIONS[classified](), tracker(text, country(code)))
    assert slot_events(events)["qa_topic"] == answered


def test_they_after_a_countrys_ratification_is_that_country():
    messages, events = run(answer_actions.ANSWER_ACTIONS["article3"](),
                           tracker("did they make an article 3 declaration?", qa_topic="ratification_status",
                                   country="TD"))
    (message,) = messages
    assert "Chad" in message["text"] and "Article 3 declaration" in message["text"]
    assert slot_events(events)["qa_topic"] == "ratification_status"


@pytest.mark.parametrize(("text", "previous"), [
    ("what is an article 3 declaration?", "ratification_status"),  # no pronoun: the exceptions themselves
    ("did they make an article 3 declaration?", "requirement"),  # the previous answer was on no country
])
def test_the_article_3_question_stays_on_the_exceptions_without_a_country_to_point_back_to(text, previous):
    _, events = run(answer_actions.ANSWER_ACTIONS["article3"](), tracker(text, qa_topic=previous, country="TD"))
    assert slot_events(events)["qa_topic"] == "article3"


def test_it_after_a_conventions_summary_is_that_convention():
    track = tracker("how does it go beyond C102?", conventions("C102"), qa_topic="instrument", convention="C128")
    track.events.append({"event": "slot", "name": "convention", "value": "C102"})  # Rasa fills it from the message
    track.slots["convention"] = "C102"
    messages, events = run(answer_actions.ANSWER_ACTIONS["instrument_beyond"](), track)
    (message,) = messages
    assert "C128" in message["text"] or "No. 128" in message["text"]
    assert "C130" not in message["text"]  # not the list of every higher Convention
    assert slot_events(events)["qa_topic"] == "instrument_beyond"


def test_a_question_naming_no_pronoun_after_a_conventions_summary_is_about_all_of_them():
    messages, _ = run(answer_actions.ANSWER_ACTIONS["instrument_beyond"](),
                      tracker("which Conventions go beyond C102?", conventions("C102"), qa_topic="instrument",
                              convention="C128"))
    (message,) = messages
    assert "C128" in message["text"] and "C130" in message["text"]


@pytest.mark.parametrize("aspects", [["governance", "financing"], ["financing", "governance"]])
def test_governance_and_financing_together_get_the_whole_list_of_principles(aspects):
    entities = [{"entity": "aspect", "value": aspect} for aspect in aspects]
    messages, events = run(answer_actions.ANSWER_ACTIONS["principles"](),
                           tracker("governance and financing principles?", entities))
    (message,) = messages
    assert "72(1)" in message["text"] and "71(1)" in message["text"]
    assert slot_events(events)["qa_topic"] == "principles"


def test_financing_alone_gets_the_financing_rules_only():
    messages, _ = run(answer_actions.ANSWER_ACTIONS["principles"](),
                      tracker("how is it financed?", [{"entity": "aspect", "value": "financing"}]))
    (message,) = messages
    assert "71(1)" in message["text"] and "72(1)" not in message["text"]


@pytest.mark.parametrize(("text", "entities"), [
    ("How many countries have ratified since 2020?", [{"entity": "year", "value": "2020"}]),
    ("How many African countries ratified?", [{"entity": "region", "value": "Africa"}]),
])
def test_a_count_naming_a_region_or_a_year_gets_the_list_for_it(text, entities):
    _, events = run(answer_actions.ANSWER_ACTIONS["ratification_count"](), tracker(text, entities))
    assert slot_events(events)["qa_topic"] == "ratifications_list"


def test_an_aspect_named_with_a_typo_narrows_the_instruments_summary_to_the_requirement():
    messages, events = run(answer_actions.ANSWER_ACTIONS["instrument"](),
                           tracker("max pensonable age in c 102", conventions("C102")))
    (message,) = messages
    assert "65" in message["text"]
    assert slot_events(events)["qa_topic"] == "requirement"


def test_a_branch_named_with_a_typo_completes_a_requirement_question():
    _, events = run(answer_actions.ANSWER_ACTIONS["requirement"](),
                    tracker("what is the qualifying period for invalidty benefit?",
                            [{"entity": "aspect", "value": "qualifying_period"}]))
    assert slot_events(events)["branch"] == "invalidity"


def test_a_word_near_no_name_adds_nothing():
    _, events = run(answer_actions.ANSWER_ACTIONS["instrument"](), tracker("what is C102?", conventions("C102")))
    assert slot_events(events)["qa_topic"] == "instrument"


@pytest.mark.parametrize("text", ["and when is the next window for doing it?", "et ça, c'est quand ?", "¿y eso?"])
def test_a_follow_up_pointing_back_to_nothing_asks_for_the_whole_question(text):
    messages, events = run(answer_actions.ANSWER_ACTIONS["next_step"](), tracker(text))
    assert messages == [{**messages[0], "response": answer_actions.REPHRASE_RESPONSE}] and events == []


@pytest.mark.parametrize(("text", "slots"), [
    ("and when is the next window for doing it?", {"qa_topic": "procedure_step", "procedure_step": "denunciation"}),
    ("and what comes next?", {}),  # no pronoun: the first step
    ("what is it about?", {}),  # no "and": a question of its own
])
def test_a_follow_up_with_something_to_point_to_or_a_question_of_its_own_is_answered(text, slots):
    messages, _ = run(answer_actions.ANSWER_ACTIONS["next_step"](), tracker(text, **slots))
    (message,) = messages
    assert message.get("response") != answer_actions.REPHRASE_RESPONSE and message["text"]


@pytest.mark.parametrize(("text", "expected"), [("and when is the next window for doing it?", True),
                                                ("And what about them?", True), ("et ça ?", True),
                                                ("and what comes next?", False), ("is it in force?", False)])
def test_what_points_back(text, expected):
    assert answers.points_back(text) is expected
