"""The held-out understanding report: loading and validating the held-out items, judging replies, aggregating
(bot/nlu/understanding.py), and the runner (bench/understanding.py) against a fake REST server (no Rasa, no model)."""

from __future__ import annotations

import asyncio
import json
import os
from collections import Counter
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from aiohttp import web

from bench import servers
from bench import understanding as runner
from bench.__main__ import heldout_accuracy
from bench.servers import Running
from bot import answers, knowledge
from bot.nlu import understanding as u
from bot.render.contact import ASK_FOR_MORE, DID_YOU_MEAN, handoff_text
from tests.conftest import load_domain

KB = knowledge.load()
#: the two-stage fallback's request to rephrase (the domain's utter_ask_rephrase)
REPHRASE = load_domain()["responses"]["utter_ask_rephrase"][0]["text"]


def item(**turn) -> u.Item:
    return u.parse_items({"items": [{"id": "one", **turn}]}, "x.yml")[0]


def exchange(*turns: dict) -> u.Item:
    return u.parse_items({"items": [{"id": "ex", "turns": list(turns)}]}, "x.yml")[0]


# -- the held-out set itself -----------------------------------------------------------------------------------
#: The least each folder's set holds: single questions, exchanges, questions on requirements (issue 19: 120 and
#: 20 in French and Spanish). `en-final` is a second English set, written apart, kept for a final measurement.
SIZES = {"en": (220, 32, 40), "fr": (130, 22, 40), "es": (130, 22, 40), "en-final": (220, 32, 40)}


@pytest.mark.parametrize("folder", SIZES)
def test_the_heldout_set_of_each_folder_is_large_and_covers_every_topic(folder: str):
    items = u.load_items(u.HELDOUT_DIR / folder)
    singles = [one for one in items if not one.exchange]
    exchanges = [one for one in items if one.exchange]
    least_singles, least_exchanges, least_requirements = SIZES[folder]
    assert len(singles) >= least_singles
    assert len(exchanges) >= least_exchanges
    asked = Counter(turn.topic for one in items for turn in one.turns)
    assert set(answers.TOPICS) | {"start_assessment", "open_assessment", "join_session", "chitchat", "greet",
                                  "out_of_scope"} <= set(asked), "every topic the bot handles is asked"
    assert asked["requirement"] >= least_requirements and asked["ratification_status"] >= 10


def test_every_heldout_folder_is_checked_and_the_final_english_set_is_english():
    assert {path.name for path in u.HELDOUT_DIR.iterdir() if path.is_dir()} == set(SIZES)
    assert {one.language for one in u.load_items(u.HELDOUT_DIR / "en-final")} == {"en"}
    assert u.language_of(Path("heldout/en-final/ratifications.yml")) == "en"


def test_an_item_has_the_language_of_its_folder_and_ids_are_unique_across_languages(tmp_path: Path):
    entry = {"id": "one", "text": "hola", "topic": "greet", "contains_any": ["x"]}
    for folder in ("es", "fr/more"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "a.yml").write_text(yaml.safe_dump({"items": [{**entry, "id": folder}]}))
    (tmp_path / "a.yml").write_text(yaml.safe_dump({"items": [entry]}))
    assert [(one.id, one.language) for one in u.load_items(tmp_path)] == [
        ("one", "en"), ("es", "es"), ("fr/more", "fr")]
    assert u.load_items(tmp_path / "es")[0].language == "es"


def test_can_we_ratify_is_asked_and_expects_the_eligibility_check():
    turns = [turn for one in u.load_items() for turn in one.turns]
    eligibility = [turn.text for turn in turns if turn.topic == "start_assessment" and "ratify" in turn.text]
    assert "so... can we ratify it or not?" in eligibility
    assert len(eligibility) >= 5


# -- loading and validation ------------------------------------------------------------------------------------
def test_a_single_question_and_an_exchange_are_parsed():
    single = item(text="Has Morocco ratified?", topic="ratification_status", contains_all=["2019"],
                  acceptable="clarify", also_topics=["parts_accepted"])
    assert single.turns == (u.Turn("Has Morocco ratified?", "ratification_status", ("parts_accepted",), ("2019",),
                                   clarify_ok=True),)
    assert not single.exchange
    two = exchange({"text": "a", "topic": "floor", "contains_any": ["x"]},
                   {"text": "b", "topic": "campaign", "not_contains": ["y"]})
    assert two.exchange and [turn.topic for turn in two.turns] == ["floor", "campaign"]


@pytest.mark.parametrize(("raw", "message"), [
    ({"text": "hi", "topic": "greet", "contains_any": ["x"]}, "item #1: 'id' must be a non-empty string"),
    ({"id": "a", "text": "hi", "topic": "weather", "contains_any": ["x"]}, "item 'a': unknown topic 'weather'"),
    ({"id": "a", "text": "hi", "topic": "greet", "contains": ["x"]}, "item 'a': unknown key(s) contains"),
    ({"id": "a", "text": " ", "topic": "greet", "contains_any": ["x"]}, "item 'a': 'text' must be a non-empty"),
    ({"id": "a", "text": "hi", "topic": "greet"}, "item 'a': say what a right reply contains"),
    ({"id": "a", "text": "hi", "topic": "greet", "contains_all": "x"}, "item 'a': 'contains_all' must be a list"),
    ({"id": "a", "text": "hi", "topic": "greet", "contains_any": ["x"], "acceptable": "yes"},
     "item 'a': 'acceptable' can only be 'clarify'"),
    ({"id": "a", "turns": [{"text": "hi", "topic": "greet", "contains_any": ["x"]}]},
     "item 'a': 'turns' must be a list of at least two turns"),
    ({"id": "a", "turns": [{"text": "hi", "topic": "greet", "contains_any": ["x"]}, {"text": "b", "topic": "nope",
                                                                                     "contains_any": ["x"]}]},
     "item 'a', turn 2: unknown topic 'nope'"),
    ({"id": "a", "text": "hi", "turns": []}, "item 'a': an exchange has 'turns' only"),
    ("just text", "item #1: expected a mapping, got str"),
])
def test_a_bad_item_is_refused_naming_the_file_and_the_item(raw, message):
    with pytest.raises(u.HeldoutError) as caught:
        u.parse_items({"items": [raw]}, "en/bad.yml")
    assert str(caught.value).startswith("en/bad.yml: ")
    assert message in str(caught.value)


def test_a_file_without_items_is_refused():
    with pytest.raises(u.HeldoutError, match="bad.yml: expected a mapping with one key, 'items'"):
        u.parse_items([{"id": "a"}], "bad.yml")


def test_ids_are_unique_across_files_and_bad_yaml_is_named(tmp_path: Path):
    entry = {"id": "same", "text": "hi", "topic": "greet", "contains_any": ["x"]}
    (tmp_path / "a.yml").write_text(yaml.safe_dump({"items": [entry]}))
    (tmp_path / "b.yml").write_text(yaml.safe_dump({"items": [entry]}))
    with pytest.raises(u.HeldoutError, match=r"b.yml: item 'same' has the same id as an item in a.yml"):
        u.load_items(tmp_path)
    (tmp_path / "b.yml").write_text("items: [unclosed")
    with pytest.raises(u.HeldoutError, match="b.yml: not valid YAML"):
        u.load_items(tmp_path)
    with pytest.raises(u.HeldoutError, match="no held-out files"):
        u.load_items(tmp_path / "empty")


# -- the topic of a reply ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("actions", "slots", "topic"), [
    (("action_answer_requirement",), {}, None),  # it recorded no topic: it asked to rephrase (the text tells)
    (("action_answer_requirement",), {"qa_topic": "requirement"}, "requirement"),
    (("action_answer_requirement",), {"qa_topic": None}, "requirement"),
    (("action_answer_requirement",), {"qa_topic": "instrument"}, "instrument"),  # it named another Convention
    (("action_answer_follow_up",), {"qa_topic": "parts_accepted"}, "parts_accepted"),
    (("action_answer_follow_up",), {}, u.UNKNOWN),
    (("action_start_assessment", "assessment_form", "action_ask_assess_answer"), {}, "start_assessment"),
    (("action_answer_floor", "assessment_form"), {"qa_topic": "floor"}, "floor"),
    (("utter_thank",), {}, "chitchat"),
    (("action_out_of_scope",), {}, "out_of_scope"),
    (("action_out_of_scope",), {"qa_topic": "principles"}, "principles"),  # it named an aspect: answered
    (("action_inform_outside_assessment",), {"qa_topic": "requirement"}, "requirement"),
    (("action_start_assessment",), {"qa_topic": "convention_vs_recommendation"}, "convention_vs_recommendation"),
    (("action_default_ask_affirmation",), {}, u.CLARIFY),
    (("action_two_stage_fallback",), {}, u.CLARIFY),
    (("assessment_form", "action_ask_assess_answer"), {}, None),
    ((), {}, None),
])
def test_the_topic_is_read_from_the_actions_run(actions, slots, topic):
    assert u.topic_from_actions(actions, slots) == topic


def test_an_answer_action_that_asked_to_rephrase_is_a_clarification():
    reply = u.Reply(texts=("Sorry, I didn't quite understand that. Could you rephrase it?",),
                    actions=("action_answer_next_step",), slots={})
    assert u.answered_topic(reply) == u.CLARIFY


QUESTIONS = {
    "instrument": answers.UserQuestion(convention="C128"), "instrument_beyond": answers.UserQuestion(convention="C183"),
    "requirement": answers.UserQuestion(branch="old_age", aspect="benefit_rate"),
    "procedure_step": answers.UserQuestion(procedure_step="first_report"),
    "next_step": answers.UserQuestion(procedure_step="consultation"),
    "ratification_status": answers.UserQuestion(country="MA"), "parts_accepted": answers.UserQuestion(country="JP"),
    "ratifications_list": answers.UserQuestion(region="Africa"),
}


@pytest.mark.parametrize("topic", sorted(answers.TOPICS))
def test_every_answer_topic_is_recognised_by_its_text(topic):
    reply = answers.answer(topic, KB, QUESTIONS.get(topic, answers.UserQuestion()))
    assert u.topic_from_text(reply.text) == topic


@pytest.mark.parametrize(("topic", "question"), [
    ("requirement", answers.UserQuestion(branch="old_age")),  # the main figures
    ("requirement", answers.UserQuestion()),  # "For which branch would you like ...?"
    ("requirement", answers.UserQuestion(aspect="waiting_period")),  # the aspect in each branch
    ("ratification_status", answers.UserQuestion(country="FI")),  # not in the records
    ("ratification_status", answers.UserQuestion(country="YUCS")),  # a former State
    ("ratification_status", answers.UserQuestion(convention="C128", country="ES")),  # another Convention
    ("ratifications_list", answers.UserQuestion(year="2015")),
    ("ratifications_list", answers.UserQuestion()),  # by region
    ("next_step", answers.UserQuestion(procedure_step="supervision")),
    ("next_step", answers.UserQuestion()),  # the first step
    ("procedure_step", answers.UserQuestion(convention="C128")),  # what ratifying C128 does to C102
    ("instrument_beyond", answers.UserQuestion()),  # C102 as the baseline
])
def test_the_other_shapes_of_an_answer_are_recognised(topic, question):
    assert u.topic_from_text(answers.answer(topic, KB, question).text) == topic


@pytest.mark.parametrize(("text", "topic"), [
    (REPHRASE, u.CLARIFY), (DID_YOU_MEAN, u.CLARIFY), (ASK_FOR_MORE, u.CLARIFY),
    (handoff_text(KB.campaign), u.CLARIFY),
    ("Did you mean: old-age benefit?", u.CLARIFY),
    ("Hello! I'm the ILO Ratify Assistant. I can explain ...", "greet"),
    ("Goodbye, and good luck with your work on social protection.", "chitchat"),
    ("Sorry, that's outside what I know. I only cover ...", "out_of_scope"),
    ("Let's check which Parts of C102 your country could accept today.\nWhich country is this check for?",
     "start_assessment"),
    ("No saved check has the code K7Q2XP.", "open_assessment"),
    ("There is no training session with the code K7Q2. Check the code", "join_session"),
    ("The quiz belongs to a training session, and you have not joined one.", "start_quiz"),
    ("Something else entirely", u.UNKNOWN),
    ("", u.NO_REPLY),
])
def test_replies_other_than_answers_are_recognised(text, topic):
    assert u.topic_from_text(text) == topic


def test_the_tracker_wins_over_the_text():
    reply = u.Reply(("Did you mean Morocco?",), actions=("action_answer_ratification_status",),
                    slots={"qa_topic": "ratification_status"})
    assert u.answered_topic(reply) == "ratification_status"
    assert u.answered_topic(u.Reply(("Did you mean Morocco?",))) == u.CLARIFY
    assert u.answered_topic(u.Reply()) == u.NO_REPLY


# -- judging -----------------------------------------------------------------------------------------------------
RATE = item(text="old-age rate?", topic="requirement", contains_all=["40%", "Art. 28"], not_contains=["45%"])
OLD_AGE = answers.answer("requirement", KB, answers.UserQuestion(branch="old_age", aspect="benefit_rate")).text


def verdict(one: u.Item, reply: u.Reply) -> u.Judged:
    return u.judge(one, [reply])[0]


def test_a_reply_with_the_figure_and_the_article_is_right():
    judged = verdict(RATE, u.Reply((OLD_AGE,)))
    assert (judged.verdict, judged.answered, judged.problems) == (u.Verdict.RIGHT, "requirement", ())


def test_text_checks_ignore_case_spaces_and_dashes():
    assert u.text_problems(u.Turn("q", "floor", contains_all=("part v – old-age",)), "PART V —  Old-age benefit") == []
    turn = u.Turn("q", "floor", contains_any=("a", "b"), not_contains=("c",))
    assert u.text_problems(turn, "x C") == ["none of ['a', 'b']", "should not say 'c'"]


def test_a_reply_missing_the_figure_is_wrong_and_says_what_is_missing():
    judged = verdict(RATE, u.Reply(("Part V — Old-age benefit, benefit rate: 45% (C102 Art. 28)",)))
    assert judged.verdict is u.Verdict.WRONG
    assert judged.problems == ("missing '40%'", "should not say '45%'")


def test_the_right_words_on_another_topic_are_wrong():
    judged = verdict(RATE, u.Reply((OLD_AGE,), actions=("action_answer_instrument",), slots={"qa_topic": "instrument"}))
    assert judged.verdict is u.Verdict.WRONG
    assert judged.problems[0] == "answered instrument, not requirement"
    also = item(text="q", topic="instrument", also_topics=["requirement"], contains_all=["40%"])
    assert verdict(also, u.Reply((OLD_AGE,))).verdict is u.Verdict.RIGHT


def test_a_clarifying_question_is_clarified_not_wrong_unless_it_is_acceptable():
    asking = u.Reply(("Did you mean old-age benefit?",), ("Old-age benefit", "Something else"))
    judged = verdict(RATE, asking)
    assert (judged.verdict, judged.answered) == (u.Verdict.CLARIFIED, u.CLARIFY)
    assert judged.problems[0] == "asked to clarify"
    fallback = u.Reply((REPHRASE,), actions=("action_two_stage_fallback",))
    assert verdict(RATE, fallback).verdict is u.Verdict.CLARIFIED
    ok = item(text="q", topic="requirement", contains_all=["40%"], acceptable="clarify")
    assert (verdict(ok, asking).verdict, verdict(ok, asking).problems) == (u.Verdict.RIGHT, ())


def test_no_reply_is_wrong_and_missing_turns_are_judged_as_no_reply():
    two = exchange({"text": "a", "topic": "floor", "contains_any": ["Para. 5"]},
                   {"text": "b", "topic": "floor", "contains_any": ["Para. 5"]})
    floor = answers.answer("floor", KB, answers.UserQuestion()).text
    judged = u.judge(two, [u.Reply((floor,))])
    assert [one.verdict for one in judged] == [u.Verdict.RIGHT, u.Verdict.WRONG]
    assert judged[1].answered == u.NO_REPLY and judged[1].turn == 2
    with pytest.raises(ValueError, match="3 replies for 2 turns"):
        u.judge(two, [u.Reply()] * 3)


def test_an_unrecognised_reply_is_judged_on_its_text_alone():
    judged = verdict(RATE, u.Reply(("The rate is 40% (Art. 28).",)))
    assert (judged.verdict, judged.answered) == (u.Verdict.RIGHT, u.UNKNOWN)


def test_a_figure_matches_with_a_no_break_space_before_the_percent_sign():
    assert u.text_problems(RATE.turns[0], "Partie V : au moins 40\u202f% (art. 28 de la C102)") == []
    assert u.text_problems(RATE.turns[0], "Parte V: al menos 40\u00a0% (art. 28 del C102)") == []


@pytest.mark.parametrize(("text", "english"), [
    ("My records are partial; they were compiled on 1 December 2026.\nNORMLEX has the live list: https://x.org/a",
     ["My records are partial; they were compiled on 1 December 2026.", "NORMLEX has the live list:"]),
    ("- Which country do you mean? Le Niger ?", ["Which country do you mean?"]),
    ("Partie V — Prestations de vieillesse : au moins 40 % (art. 28 de la C102).", []),
    ("Le Brésil a ratifié la C102 le 15 juin 2009. Mes données sont partielles : voir https://the.org/of/the/list",
     []),
    ("Convenio sobre el fomento del empleo y la protección contra el desempleo (Employment Promotion and "
     "Protection against Unemployment Convention), 1988", []),
    ("Il a accepté les parties II, V et X ; on peut en ajouter d'autres.", []),
    ("No, la recomendación no se ratifica: es una guía.", []),
])
def test_english_sentences_are_told_by_english_only_function_words(text: str, english: list[str]):
    assert u.english_sentences(text) == english


@pytest.mark.parametrize("topic", sorted(answers.TOPICS))
def test_every_english_answer_of_the_bot_has_a_sentence_told_as_english(topic: str):
    for question in (answers.UserQuestion(), answers.UserQuestion(branch="old_age", country="SN", convention="C128")):
        assert u.english_sentences(answers.answer(topic, KB, question).text), f"{topic}: {question}"


FRENCH_RATE = u.parse_items({"items": [{"id": "fr-rate", "text": "taux vieillesse ?", "topic": "requirement",
                                        "contains_all": ["40%", "art. 28"]}]}, "fr/x.yml", "fr")[0]


def test_a_french_question_answered_in_english_is_wrong_even_with_the_right_facts():
    english = u.judge(FRENCH_RATE, [u.Reply((OLD_AGE,), actions=("action_answer_requirement",))])[0]
    assert english.verdict is u.Verdict.WRONG and english.language == "fr"
    assert any(problem.startswith("in English: ") for problem in english.problems)
    french = u.Reply(("Partie V — Prestations de vieillesse, taux : au moins 40 % du salaire de référence pour un "
                      "homme ayant une épouse d'âge à pension (art. 28 de la C102).",),
                     actions=("action_answer_requirement",))
    assert u.judge(FRENCH_RATE, [french])[0].verdict is u.Verdict.RIGHT
    assert verdict(RATE, u.Reply((OLD_AGE,))).verdict is u.Verdict.RIGHT  # English is right in English


# -- aggregating ---------------------------------------------------------------------------------------------------
def judged(item_id: str, expected: str, answered: str, verdict_: u.Verdict, turn: int = 1) -> u.Judged:
    problems = () if verdict_ is u.Verdict.RIGHT else ("missing '40%'",)
    return u.Judged(item_id, turn, f"question {item_id}", expected, answered, verdict_, problems, f"reply {item_id}")


def sample() -> list[u.Judged]:
    return [
        judged("a", "requirement", "requirement", u.Verdict.RIGHT),
        judged("b", "requirement", "branches", u.Verdict.WRONG),
        judged("c", "requirement", u.CLARIFY, u.Verdict.CLARIFIED),
        judged("d", "floor", "floor", u.Verdict.RIGHT),
        judged("ex", "ratification_status", "ratification_status", u.Verdict.RIGHT, 1),
        judged("ex", "parts_accepted", "parts_accepted", u.Verdict.RIGHT, 2),
        judged("ex2", "procedure_step", "procedure_step", u.Verdict.RIGHT, 1),
        judged("ex2", "next_step", "procedure", u.Verdict.WRONG, 2),
    ]


def test_aggregate_counts_shares_topics_confusion_exchanges_and_misses():
    summary = u.aggregate(sample())
    assert (summary["questions"], summary["items"]) == (8, 6)
    assert (summary["right"], summary["clarified"], summary["wrong"]) == (5, 1, 2)
    assert (summary["share_right"], summary["share_clarified"], summary["share_wrong"]) == (0.625, 0.125, 0.25)
    assert (summary["exchanges"], summary["exchanges_all_right"]) == (2, 1)
    assert summary["per_topic"]["requirement"] == {"asked": 3, "right": 1, "clarified": 1, "wrong": 1}
    assert summary["confusion"]["requirement"] == {"branches": 1, u.CLARIFY: 1, "requirement": 1}
    assert summary["confusion"]["next_step"] == {"procedure": 1}
    misses = summary["misses"]
    assert [(miss["item"], miss["turn"], miss["verdict"]) for miss in misses] == [
        ("b", 1, "wrong"), ("c", 1, "clarified"), ("ex2", 2, "wrong")]
    assert misses[0]["problems"] == ("missing '40%'",) and misses[0]["reply"] == "reply b"
    assert summary["per_language"] == {"en": {"asked": 8, "right": 5, "share_right": 0.625}}
    json.dumps(summary)  # the runner writes it as JSON


def test_aggregate_counts_each_language_apart():
    spanish = replace(judged("es-a", "floor", "floor", u.Verdict.RIGHT), language="es")
    summary = u.aggregate([*sample(), spanish])
    assert summary["per_language"]["es"] == {"asked": 1, "right": 1, "share_right": 1.0}
    assert summary["per_language"]["en"]["asked"] == 8
    assert "in es: 1 of 1 right, 100.0%" in u.render(summary)


def test_aggregate_of_nothing_has_no_share():
    assert u.aggregate([])["share_right"] == 0.0


def test_the_printed_report_has_the_figures_the_confusions_and_every_miss():
    text = u.render(u.aggregate(sample()))
    assert "right:        5  62.5%" in text
    assert "exchanges right at every turn: 1 of 2" in text
    requirement = next(line for line in text.splitlines() if line.strip().startswith("requirement"))
    assert requirement.split()[1:3] == ["3", "1"] and "branches 1" in requirement and "clarify 1" in requirement
    assert "[wrong] b#1 'question b'" in text and "[wrong] ex2#2" in text and "[clarified] c#1" in text
    assert "expected next_step, answered procedure: missing '40%'" in text


# -- asking a bot over REST ----------------------------------------------------------------------------------------
def test_the_actions_and_slots_after_the_last_question_are_read_from_the_events():
    events = [{"event": "user", "text": "old"}, {"event": "action", "name": "action_answer_floor"},
              {"event": "action", "name": "action_listen"}, {"event": "user", "text": "and?"},
              {"event": "action", "name": "action_answer_follow_up"},
              {"event": "slot", "name": "qa_topic", "value": "requirement"}, {"event": "bot", "text": "..."},
              {"event": "action", "name": "action_listen"}]
    assert u.after_last_question(events) == (("action_answer_follow_up",), {"qa_topic": "requirement"})
    assert u.after_last_question([]) == ((), {})


def test_rest_messages_give_texts_and_button_titles():
    texts, buttons = u.reply_from_rest([{"recipient_id": "s", "text": "Hello"}, {"image": "x.png"},
                                        {"text": "Pick", "buttons": [{"title": "A", "payload": "/a"}]}])
    assert (texts, buttons) == (("Hello", "Pick"), ("A",))


class FakeBot:
    """A REST webhook and a tracker endpoint that answer from a script: message -> (text, action)."""

    TOKEN = "secret"

    def __init__(self, script: dict[str, tuple[str, str]]):
        self.script = script
        self.received: list[tuple[str, str]] = []
        self.events: dict[str, list[dict]] = {}

    async def webhook(self, request: web.Request) -> web.Response:
        body = await request.json()
        sender, message = body["sender"], body["message"]
        self.received.append((sender, message))
        text, action = self.script.get(message, (REPHRASE, "action_two_stage_fallback"))
        recorded = [{"event": "slot", "name": "qa_topic", "value": action.removeprefix("action_answer_")}
                    ] if action.startswith("action_answer_") else []  # an answer records its topic
        self.events.setdefault(sender, []).extend([{"event": "user", "text": message},
                                                   {"event": "action", "name": action}, *recorded,
                                                   {"event": "action", "name": "action_listen"}])
        return web.json_response([{"recipient_id": sender, "text": text}])

    async def tracker(self, request: web.Request) -> web.Response:
        if request.query.get("token") != self.TOKEN:
            return web.json_response({"message": "unauthorised"}, status=401)
        return web.json_response({"events": self.events.get(request.match_info["sender"], [])})

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/webhooks/rest/webhook", self.webhook)
        app.router.add_get("/conversations/{sender}/tracker", self.tracker)
        return app


async def serving(fake: FakeBot, work):
    runner = web.AppRunner(fake.app())
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        return await work(f"http://127.0.0.1:{port}")
    finally:
        await runner.cleanup()


FLOOR = answers.answer("floor", KB, answers.UserQuestion()).text
SCRIPT = {
    "what is the floor?": (FLOOR, "action_answer_floor"),
    "old-age rate?": (OLD_AGE, "action_answer_requirement"),
    "and the floor again": (FLOOR, "action_answer_instrument"),  # the right words, but another topic's action
}
ITEMS = u.parse_items({"items": [
    {"id": "floor", "text": "what is the floor?", "topic": "floor", "contains_all": ["Para. 5"]},
    {"id": "unclear", "text": "hmm", "topic": "floor", "contains_all": ["Para. 5"]},
    {"id": "two", "turns": [
        {"text": "old-age rate?", "topic": "requirement", "contains_all": ["40%"]},
        {"text": "and the floor again", "topic": "floor", "contains_all": ["Para. 5"]}]},
]}, "fake.yml")


@pytest.mark.parametrize("token", [FakeBot.TOKEN, None])
def test_the_runner_asks_every_item_in_its_own_conversation_in_order(token):
    fake = FakeBot(SCRIPT)
    async def work(url: str) -> list[u.Judged]:
        return await runner.run_items(ITEMS, runner.Bot(url, token), "run7", concurrency=1)

    results = asyncio.run(serving(fake, work))
    assert fake.received == [("run7-floor", "what is the floor?"), ("run7-unclear", "hmm"),
                             ("run7-two", "old-age rate?"), ("run7-two", "and the floor again")]
    assert [(one.item, one.turn, one.verdict) for one in results][:3] == [
        ("floor", 1, u.Verdict.RIGHT), ("unclear", 1, u.Verdict.CLARIFIED), ("two", 1, u.Verdict.RIGHT)]
    last = results[3]
    if token:  # the tracker says the instrument action answered: the right words on the wrong topic
        assert (last.verdict, last.answered) == (u.Verdict.WRONG, "instrument")
    else:  # from the text alone, the floor answer is recognised as such
        assert (last.verdict, last.answered) == (u.Verdict.RIGHT, "floor")


def test_a_wrong_token_stops_the_run():
    async def work(url: str) -> None:
        await runner.run_items(ITEMS[:1], runner.Bot(url, "not-the-token"), "p")

    with pytest.raises(Exception, match="401"):
        asyncio.run(serving(FakeBot(SCRIPT), work))


def test_main_prints_the_report_and_writes_the_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    folder = tmp_path / "heldout"
    folder.mkdir()
    (folder / "fake.yml").write_text(yaml.safe_dump({"items": [
        {"id": "floor", "text": "what is the floor?", "topic": "floor", "contains_all": ["Para. 5"]},
        {"id": "unclear", "text": "hmm", "topic": "floor", "contains_all": ["Para. 5"]}]}))
    out = tmp_path / "results" / "understanding.json"

    async def work(url: str) -> int:
        args = ["--url", url, "--token", FakeBot.TOKEN, "--heldout", str(folder), "--prefix", "t", "--out", str(out)]
        return await asyncio.to_thread(runner.main, args)

    assert asyncio.run(serving(FakeBot(SCRIPT), work)) == 0
    printed = capsys.readouterr().out
    assert "right:        1  50.0%" in printed and "[clarified] unclear#1 'hmm'" in printed
    written = json.loads(out.read_text())
    assert (written["share_right"], written["topic_source"]) == (0.5, "tracker")
    assert written["confusion"]["floor"] == {"clarify": 1, "floor": 1}


def test_main_refuses_a_bad_heldout_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    (tmp_path / "bad.yml").write_text("items: [{id: a, text: hi, topic: nope, contains_any: [x]}]")
    assert runner.main(["--url", "http://127.0.0.1:1", "--heldout", str(tmp_path)]) == 2
    assert "bad.yml: item 'a': unknown topic 'nope'" in capsys.readouterr().err


# -- make understanding-report and make bench --------------------------------------------------------------------
def test_the_report_starts_our_bot_with_its_api_behind_a_fresh_token(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    started: dict = {}

    @contextmanager
    def ours(work: Path, model: str, api_token: str | None = None):
        started.update(model=model, token=api_token)
        yield Running("http://127.0.0.1:5999/webhooks/rest/webhook", {"rasa": 7, "actions": 8})

    asked: dict = {}
    monkeypatch.setattr(runner, "ours", ours)
    monkeypatch.setattr(runner, "report", lambda items, bot, prefix, out, concurrency, pids: asked.update(
        items=len(items), bot=bot, prefix=prefix, out=out, pids=pids))
    assert runner.main(["--model", "models/m.tar.gz", "--out", str(tmp_path / "u.json")]) == 0
    assert started["model"] == "models/m.tar.gz" and len(started["token"]) == 32
    assert asked["bot"] == runner.Bot("http://127.0.0.1:5999", started["token"])
    assert (asked["items"], asked["prefix"], asked["out"]) == (len(u.load_items()), "heldout", tmp_path / "u.json")
    assert asked["pids"] == {"rasa": 7, "actions": 8}  # their peak memory once every item is asked (issue 17)
    (tmp_path / "bad.yml").write_text("items: 3")
    assert runner.main(["--model", "m", "--heldout", str(tmp_path)]) == 2


@pytest.mark.parametrize("token", ["t0ken", None])
def test_our_bot_gets_rasas_api_only_with_a_token(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, token):
    commands: list[list[str]] = []

    class Process:
        pid = 1

    monkeypatch.setattr(servers, "spawn", lambda command, log: commands.append(command) or Process())
    monkeypatch.setattr(servers, "ready_or_fail", lambda urls, logs: None)
    monkeypatch.setattr(servers, "stop", lambda processes: None)
    with servers.ours(tmp_path, "m.tar.gz", api_token=token):
        pass
    rasa = next(command for command in commands if "actions" not in command)
    assert ("--enable-api" in rasa) == bool(token)
    if token:
        assert rasa[rasa.index("--auth-token") + 1] == token


def test_the_report_records_the_servers_peak_memory_after_the_heldout_set(monkeypatch: pytest.MonkeyPatch,
                                                                        tmp_path: Path):
    async def no_items(items, bot, prefix, concurrency):
        return []

    monkeypatch.setattr(runner, "run_items", no_items)
    summary = runner.report([], runner.Bot("http://127.0.0.1:5999"), "p", tmp_path / "u.json", pids={"me": os.getpid()})
    assert summary["peak_rss_mib_after_heldout"]["me"] > 10  # this test process holds more than 10 MiB
    assert json.loads((tmp_path / "u.json").read_text())["peak_rss_mib_after_heldout"] == \
        summary["peak_rss_mib_after_heldout"]


def test_bench_reports_the_heldout_share_from_the_last_report(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("RATIFY_VAR_DIR", str(tmp_path))
    assert heldout_accuracy()[0] is None
    (tmp_path / "results").mkdir()
    (tmp_path / "results" / "understanding.json").write_text(json.dumps(u.aggregate(sample())))
    share, source = heldout_accuracy()
    assert share == 0.625 and "8 questions" in source
