"""The eligibility check's actions, driven the way Rasa's form drives them (no servers): ask, validate, re-ask
with the engine's message, save under a code, stop, resume from the database, skip, correct, report, draft."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import assessment, assessment_commands
from bot import knowledge
from bot.assessment import chat as say
from bot.assessment.questions import general_questions
from bot.assessment.service import default_service
from bot.config import report_url
from bot.i18n import translator
from bot.store import StoreUnavailable
from tests.conftest import on_own_database

FORM = {"name": "assessment_form"}
KB = knowledge.load()


@pytest.fixture(autouse=True)
def database(tmp_path, monkeypatch):
    yield from on_own_database(tmp_path / "chat.db", monkeypatch, default_service)


class Chat:
    """One conversation: the slots, whether the form is active, and the messages of the last turn."""

    def __init__(self, sender: str = "tester") -> None:
        self.sender = sender
        self.slots: dict[str, Any] = {}
        self.active = False
        self.messages: list[dict[str, Any]] = []

    def tracker(self, text: str, entities: list[dict[str, str]] | None = None) -> Tracker:
        return Tracker(self.sender, dict(self.slots), {"text": text, "entities": entities or []}, [], False, None,
                       FORM if self.active else {}, "action_listen")

    def run(self, action: Any, text: str = "", entities: list[dict[str, str]] | None = None) -> list[dict]:
        dispatcher = CollectingDispatcher()
        events = asyncio.run(action.run(dispatcher, self.tracker(text, entities), {}))
        self.apply(events)
        self.messages += dispatcher.messages
        return events

    def apply(self, events: list[dict]) -> None:
        for event in events:
            if event["event"] == "slot":
                self.slots[event["name"]] = event["value"]
            elif event["event"] == "active_loop":
                self.active = event["name"] is not None

    def after_form_step(self) -> None:
        """What the form does after validation: ask again, or complete and show the report."""
        if self.slots.get("assess_answer") is None:
            self.run(assessment.ActionAskAssessAnswer())
        else:
            self.active = False
            self.run(assessment.ActionAssessmentReport())

    def start(self, text: str = "Can my country ratify C102?", entities: list | None = None) -> str:
        self.messages = []
        self.run(assessment.ActionStartAssessment(), text, entities)
        self.active = True
        self.after_form_step()
        return self.text

    def answer(self, text: str, entities: list | None = None) -> str:
        """The user answers inside the form: `validate_assessment_form` reads it, then the form goes on."""
        self.messages = []
        dispatcher = CollectingDispatcher()
        tracker = self.tracker(text, entities)
        result = assessment.ValidateAssessmentForm().validate_assess_answer(text, dispatcher, tracker, {})
        self.slots.update(result)
        self.messages += dispatcher.messages
        self.after_form_step()
        return self.text

    def command(self, action: Any, text: str, entities: list | None = None) -> str:
        """An interruption: its action, then (rules) the form asks again if it is still active."""
        self.messages = []
        self.run(action, text, entities)
        if self.active:
            self.after_form_step()
        return self.text

    @property
    def text(self) -> str:
        return "\n".join(message.get("text") or "" for message in self.messages)

    @property
    def code(self) -> str:
        return self.slots["assessment_code"]


def test_a_full_check_from_start_to_report_and_draft():
    chat = Chat()
    assert "Which country is this check for?" in chat.start()
    reply = chat.answer("Morocco")
    assert "Morocco ratified C102" in reply
    assert f"Your reference is {chat.code} — type 'resume {chat.code}' to come back later." in reply
    assert general_questions(knowledge.load().c102)[0].text in reply
    assert "Which branches shall I assess?" in chat.answer("no")
    assert "I'll assess Parts V, VI and IX" in chat.answer("old age, employment injury and invalidity")
    answers = ["employees", "about 62 percent", "42%", "thirty", "contributions", "15", "sixty five",
               "employees", "80", "60", "none", "0",
               "employees", "70", "40", "15", "contribution", "5"]
    for text in answers:
        assert "Sorry" not in chat.answer(text), text
    assert "share of the total financing" in chat.text
    report = chat.answer("I don't know")
    assert "Morocco could ratify C102 as described (Art. 2), accepting Parts V, VI and IX." in report
    assert "Part V – Old-age benefit: meets the minimum" in report
    assert "Next steps" in report and "socpro@ilo.org" in report
    assert any(button["title"] == "Draft the instrument of ratification"
               for message in chat.messages for button in message.get("buttons", []))
    assert default_service().saved(chat.code).status == "finished"
    draft = chat.command(assessment_commands.ActionDraftInstrument(), "Draft the instrument of ratification")
    assert "INSTRUMENT OF RATIFICATION" in draft and f"/api/assess/{chat.code}/instrument.txt" in draft


@pytest.mark.parametrize(("text", "message"), [
    ("140 %", "Sorry, I can't use that: 140 is not a percentage between 0 and 100."),
    ("blue", "Sorry, I can't use that: expected a percentage between 0 and 100 or 'unknown', got 'blue'."),
])
def test_an_invalid_answer_gets_the_message_and_the_same_question(text, message):
    chat = Chat()
    chat.start()
    for answer in ("Kenya", "no", "old age", "employees"):
        chat.answer(answer)
    question = chat.text
    reply = chat.answer(text)
    assert reply == f"{message}\n{question}"


def test_negative_days_are_refused_with_the_cli_message():
    chat = Chat()
    chat.start()
    for answer in ("Kenya", "no", "sickness", "employees", "60", "50", "26 weeks"):
        chat.answer(answer)
    assert "-3 is negative: the number of days must be 0 or more" in chat.answer("-3")
    assert "waiting days" in chat.text


def test_an_unknown_country_gets_suggestions():
    chat = Chat()
    chat.start()
    assert "I don't know a country called 'Marocco'. Did you mean Morocco?" in chat.answer("Marocco")
    assert "Which country is this check for?" in chat.text


def test_a_ratified_country_is_told_with_its_parts_and_offered_the_others():
    chat = Chat()
    chat.start("Can Denmark ratify C102?", [{"entity": "country", "value": "DK"}])
    assert "Denmark accepted these Parts of C102" in chat.text
    assert "Parts it has not accepted yet" in chat.text
    chat.answer("no")
    buttons = [button["title"] for message in chat.messages for button in message.get("buttons", [])]
    assert buttons[0] == "The Parts not yet accepted (III, VII, VIII, X)"


def test_stop_then_resume_after_a_restart_from_another_conversation():
    chat = Chat()
    chat.start()
    chat.answer("Ghana")
    chat.answer("no")
    stopped = chat.command(assessment_commands.ActionStopAssessment(), "stop")
    code = chat.code
    assert stopped == f"Stopped. Your answers are saved: type 'resume {code}' to continue later."
    assert not chat.active and default_service().saved(code).status == "stopped"

    default_service.cache_clear()  # a restarted action server: nothing left in memory
    later = Chat(sender="someone-else")
    later.run(assessment_commands.ActionOpenAssessment(), f"resume {code.lower()}")
    assert later.slots["assessment_resumed"] is True
    later.active = True
    later.after_form_step()
    assert f"Welcome back: continuing assessment {code} (Ghana)." in later.text
    assert "Which branches shall I assess?" in later.text


def test_opening_a_finished_one_shows_the_report_and_unknown_codes_are_explained():
    chat = Chat()
    chat.start("check eligibility")
    for answer in ("Ghana", "no", "maternity", "employees", "60", "two thirds", "14 weeks", "45"):
        chat.answer(answer)
    code = chat.code
    other = Chat(sender="other")
    other.run(assessment_commands.ActionOpenAssessment(), f"resume {code}")
    assert other.slots["assessment_resumed"] is False
    assert f"Here is assessment {code} again." in other.text and "Part VIII – Maternity benefit" in other.text
    shown = Chat(sender="third")
    assert "Part VIII – Maternity benefit: meets the minimum" in shown.command(
        assessment_commands.ActionOpenAssessment(), f"show {code}")
    assert "could not find the code" in Chat().command(assessment_commands.ActionOpenAssessment(), "show QQQQQQ")
    # a code that no check has is said so, even in a conversation that has a check of its own
    unknown = "ZZZZ2345ZZ"
    assert unknown != code
    assert f"No saved check has the code {unknown}." in chat.command(assessment_commands.ActionOpenAssessment(),
                                                                     f"show {unknown.lower()}")
    assert "Part VIII" not in chat.text


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
@pytest.mark.parametrize("typed", ["9ZB4KD7M1Q", "k7q2xp4m30", "ABCDEFGHI2"])  # a 1, a 0, an I: not in the alphabet
def test_a_code_typed_with_a_character_outside_the_alphabet_is_a_code_no_check_has(lang, typed):
    chat = Chat()
    chat.slots["language"] = lang
    unknown = say.words(translator(lang), say.UNKNOWN_CODE, code=typed.upper())
    assert typed.upper() in unknown and (lang == "en") is unknown.startswith("No saved check has the code")
    for action in (assessment_commands.ActionOpenAssessment(), assessment_commands.ActionDraftInstrument()):
        assert chat.command(action, f"show {typed}") == unknown
    assert say.words(translator(lang), say.NO_CODE) == chat.command(assessment_commands.ActionOpenAssessment(),
                                                                     "show 9ZB4KD7M1")  # nine characters: no code


def test_showing_an_unfinished_one_goes_on_where_it_stopped():
    chat = Chat()
    chat.start()
    chat.answer("Ghana")
    chat.command(assessment_commands.ActionStopAssessment(), "stop")
    code = chat.code
    other = Chat(sender="other")
    other.run(assessment_commands.ActionOpenAssessment(), f"show me {code}")
    assert other.slots["assessment_resumed"] is True
    assert f"Welcome back: continuing assessment {code} (Ghana)." in other.text


def test_mid_form_explanation_skip_and_correction():
    chat = Chat()
    chat.start()
    chat.answer("Ghana")
    explained = chat.command(assessment_commands.ActionExplainAssessmentQuestion(), "what is that?")
    assert "temporary exceptions" in explained and "Art. 3" in explained
    chat.answer("no")
    chat.answer("sickness and old age")
    chat.answer("employees")
    chat.answer("55")
    corrected = chat.command(assessment_commands.ActionCorrectAssessmentAnswer(), "actually the coverage is 65%",
                             [{"entity": "aspect", "value": "coverage"}])
    assert "Changed (Part III — Sickness benefit): coverage percent is now 65." in corrected
    assert "How much is sickness benefit" in corrected  # the pending question again
    skipped = chat.command(assessment_commands.ActionSkipAssessmentBranch(), "skip this branch")
    assert "Skipped Part III — Sickness benefit" in skipped and "Part V — Old-age benefit (1/7)" in skipped
    assert chat.slots["assessment_progress"]["branches"] == ["old_age"]


def test_skipping_the_last_open_question_completes_the_check():
    chat = Chat()
    chat.start()
    for answer in ("Ghana", "no", "maternity", "employees", "60", "two thirds", "14 weeks"):
        chat.answer(answer)
    reply = chat.command(assessment_commands.ActionSkipAssessmentBranch(), "skip")
    assert "C102 eligibility check: Ghana" in reply and not chat.active


def test_a_correction_after_the_report_shows_the_new_verdict():
    chat = Chat()
    chat.start()
    for answer in ("Ghana", "no", "maternity", "employees", "60", "40", "14 weeks", "45"):
        chat.answer(answer)
    assert "Part VIII – Maternity benefit: falls short" in chat.text
    assert "45% needed, you told me 40%" in chat.text
    reply = chat.command(assessment_commands.ActionCorrectAssessmentAnswer(), "change the replacement rate to 50")
    assert "Part VIII – Maternity benefit: meets the minimum" in reply


def test_commands_outside_a_check():
    chat = Chat()
    assert chat.command(assessment_commands.ActionStopAssessment(), "stop") == "There is no eligibility check running."
    assert "no question of the eligibility check open" in chat.command(
        assessment_commands.ActionExplainAssessmentQuestion(), "what is that?")
    assert [message.get("response") for message in chat.messages] == [None, "utter_capabilities"]
    assert "I'm not asking anything" in chat.command(assessment_commands.ActionInformOutsideAssessment(), "42")
    which = chat.command(assessment_commands.ActionDraftInstrument(), "draft the instrument")
    assert "Which assessment?" in which and "name the Parts to accept" in which
    commands = assessment_commands
    skip, correct = commands.ActionSkipAssessmentBranch(), commands.ActionCorrectAssessmentAnswer()
    for action, text, said in ((skip, "skip", "no eligibility check running"),
                               (correct, "change the rate to 42", "no assessment to correct")):
        assert said in chat.command(action, text)
        assert [button["title"] for button in chat.messages[0]["buttons"]] == ["Check my country's eligibility"]


def test_a_check_command_outside_a_check_that_names_a_country_is_a_question_on_it():
    chat = Chat()
    reply = chat.command(assessment_commands.ActionCorrectAssessmentAnswer(), "Le Maroc, c'était quand ?",
                         [{"entity": "country", "value": "MA"}])
    assert "2019" in reply and "correct" not in reply


@pytest.mark.parametrize(("lang", "text", "title"), [
    ("en", "draft the instrument of ratification accepting Parts V, VI and IX", "INSTRUMENT OF RATIFICATION"),
    ("fr", "rédigez l'instrument de ratification acceptant les parties V, VI et IX", "INSTRUMENT DE RATIFICATION"),
    ("es", "redacte el instrumento aceptando las partes V, VI y IX", "INSTRUMENTO DE RATIFICACIÓN"),
])
def test_the_instrument_for_the_parts_named_needs_no_check(lang, text, title):
    chat = Chat()
    chat.slots["language"] = lang
    draft = chat.command(assessment_commands.ActionDraftInstrument(), text)
    parts = [KB.c102.part(numeral) for numeral in ("V", "VI", "IX")]
    assert title in draft and all(f"{part.numeral} – {part.title.get(lang)}" in draft for part in parts)
    assert "Part III" not in draft and "/api/instrument.txt?parts=old_age%2Cemployment_injury%2Cinvalidity" in draft


def test_the_instrument_for_the_parts_named_is_for_the_country_named_else_a_blank():
    chat = Chat()
    text = "draft the instrument for Morocco accepting Parts V, VI and IX"
    draft = chat.command(assessment_commands.ActionDraftInstrument(), text, [{"entity": "country", "value": "MA"}])
    assert "Government of Morocco" in draft and "&country=MA" in draft
    assert "Government of [country]" in chat.command(assessment_commands.ActionDraftInstrument(),
                                                     "draft the instrument accepting Parts V, VI and IX")


def test_the_parts_named_for_the_instrument_are_checked_against_article_2():
    chat = Chat()
    rule = KB.c102.article2
    refused = chat.command(assessment_commands.ActionDraftInstrument(), "draft the instrument for Parts III and VII",
                           [{"entity": "branch", "value": "sickness"}])
    assert refused.startswith("I can't draft the instrument for Parts III and VII")
    assert f"Article {rule.article} of C102" in refused and f"at least {rule.min_parts} Parts" in refused
    assert "INSTRUMENT OF RATIFICATION" not in refused
    chat.slots["language"] = "es"
    refused = chat.command(assessment_commands.ActionDraftInstrument(), "redacte el instrumento para las partes V y VI")
    assert f"artículo {rule.article} del C102" in refused and "una parte más" in refused


@pytest.mark.parametrize(("action", "text", "entities", "expected"), [
    (assessment_commands.ActionInformOutsideAssessment(), "invalidity benefit rate",
     [{"entity": "branch", "value": "invalidity"}, {"entity": "aspect", "value": "benefit_rate"}], ("40%", "Art. 56")),
    (assessment_commands.ActionInformOutsideAssessment(), "waiting days?",
     [{"entity": "aspect", "value": "waiting_period"}], ("3 days",)),
    (assessment_commands.ActionExplainAssessmentQuestion(), "Explain C168 to me",
     [{"entity": "convention", "value": "C168"}], ("C168",)),
])
def test_outside_a_check_a_message_naming_what_the_qa_knows_is_answered_as_a_question(action, text, entities,
                                                                                    expected):
    """Read as an answer or as "what is that?" while no question of the check is open, but naming a branch, an
    aspect or a Convention: a question about the standards, answered as one (the follow-up of the last topic when
    it fits: "waiting days?" after a question on employment injury)."""
    chat = Chat()
    chat.slots.update(qa_topic="requirement", branch="employment_injury")
    reply = chat.command(action, text, entities)
    assert all(part in reply for part in expected), reply
    assert "I'm not asking anything" not in reply and "no question of the eligibility check" not in reply


def test_the_reset_answer_validated_on_activation_is_no_answer():
    """Rasa validates the slots set before the form's activation, `assess_answer: None` included: no message."""
    chat = Chat()
    chat.start()
    dispatcher = CollectingDispatcher()
    result = assessment.ValidateAssessmentForm().validate_assess_answer(None, dispatcher, chat.tracker(""), {})
    assert result == {"assess_answer": None} and dispatcher.messages == []


@pytest.mark.parametrize(("intent", "text", "taken"), [
    ("ask_requirement", "sickness benefit, unemployment benefit, old-age benefit", True),
    ("ask_requirement", "What does C102 require for old-age benefit?", False),
    ("ask_requirement", "requirements for old age", True),  # a statement naming a branch answers the question
    ("ask_branches", "which branches are there", False),
    ("skip_branch", "skip old age", False),  # commands are never answers
    ("inform", "old age", False),  # the slot mapping has it already
])
def test_a_statement_taken_for_a_question_that_answers_the_question_is_the_answer(intent, text, taken):
    chat = Chat()
    chat.start()
    chat.answer("Ghana")
    chat.answer("no")
    tracker = chat.tracker(text)
    tracker.latest_message["intent"] = {"name": intent}
    extracted = assessment.ValidateAssessmentForm().extract_assess_answer(CollectingDispatcher(), tracker, {})
    assert extracted == ({"assess_answer": text} if taken else {})


@pytest.mark.parametrize(("text", "taken"), [
    ("Marruecos", True),  # the opening phrases name countries too: a bare country may be read as "start a check"
    ("Quiero comprobar si mi país puede ratificar el C102", False),
])
def test_at_the_country_question_a_country_taken_for_start_a_check_is_the_answer(text, taken):
    chat = Chat()
    chat.start()
    tracker = chat.tracker(text)
    tracker.latest_message["intent"] = {"name": "start_assessment"}
    extracted = assessment.ValidateAssessmentForm().extract_assess_answer(CollectingDispatcher(), tracker, {})
    assert extracted == ({"assess_answer": text} if taken else {})
    dispatcher = CollectingDispatcher()
    asyncio.run(assessment.ActionStartAssessment().run(dispatcher, tracker, {}))
    assert bool(dispatcher.messages) is not taken  # "we are in the middle of a check" only when it is no answer


@pytest.mark.parametrize(("text", "taken"), [("40", True), ("40 %", True), ("45 days", True), ("actually 40", False),
                                           ("change the coverage to 40", False)])
def test_a_bare_value_taken_for_a_correction_answers_the_question_asked(text, taken):
    chat = Chat()
    chat.start()
    for answer in ("Ghana", "no", "maternity", "employees", "60"):
        chat.answer(answer)
    tracker = chat.tracker(text)
    tracker.latest_message["intent"] = {"name": "correct_answer"}
    extracted = assessment.ValidateAssessmentForm().extract_assess_answer(CollectingDispatcher(), tracker, {})
    assert extracted == ({"assess_answer": text} if taken else {})
    dispatcher = CollectingDispatcher()
    events = asyncio.run(assessment_commands.ActionCorrectAssessmentAnswer().run(dispatcher, tracker, {}))
    assert (events == [] and dispatcher.messages == []) is taken  # a correction says what changed


def test_a_correction_to_a_stopped_check_keeps_it_stopped():
    chat = Chat()
    chat.start()
    for answer in ("Ghana", "no", "maternity", "employees", "60"):
        chat.answer(answer)
    chat.command(assessment_commands.ActionStopAssessment(), "stop")
    reply = chat.command(assessment_commands.ActionCorrectAssessmentAnswer(), "change the coverage to 65%")
    assert "coverage percent is now 65" in reply and f"resume {chat.code}" in reply
    assert default_service().saved(chat.code).status == "stopped"


# -- after the result: where to start, the report as a document; two checks compared --------------------------------
MATERNITY_SHORT = {"country": "Ghana", "general": {"employee_contribution_share": 45},
                   "branches": {"maternity": {"coverage": {"basis": "employees", "percent": 60},
                                              "replacement_rate": 40, "max_duration_weeks": 14}}}


def reformed(data: dict, rate: float = 50, country: str = "Ghana") -> dict:
    """The same answers with the maternity benefit rate (and the country) changed."""
    return {**data, "country": country,
            "branches": {"maternity": {**data["branches"]["maternity"], "replacement_rate": rate}}}


def finished(data: dict) -> str:
    return default_service().finish(data).code


def test_the_result_says_where_to_start_and_links_the_report_as_a_document():
    chat = Chat()
    chat.start()
    for answer in ("Ghana", "no", "maternity", "employees", "60", "40", "14 weeks", "45"):
        chat.answer(answer)
    texts = [message["text"] for message in chat.messages]
    where = texts.index("Where to start (the Parts closest to the minimum first)\n  Part VIII – Maternity benefit:\n"
                        "    - Benefit rate 40% → 45% (+5 points), Art. 50 + Schedule\nRatification paths (Art. 2)\n"
                        "  None among the Parts assessed: it also needs two more Parts, one of them from Parts IV, V, "
                        "VI, IX or X.")
    assert texts[where + 1] == f"Download the report, to print and circulate (PDF): {report_url(chat.code)}"
    assert report_url(chat.code).endswith(f"/api/assess/{chat.code}/report.pdf")
    assert texts[where + 2].startswith("Next steps:")
    shown = Chat(sender="other")
    shown.command(assessment_commands.ActionOpenAssessment(), f"show {chat.code}")
    assert [message["text"] for message in shown.messages][1:] == texts  # the same again, after "Here is ..."


def test_a_result_that_could_not_be_saved_offers_no_download(monkeypatch):
    def unreachable(*args, **kwargs):
        raise StoreUnavailable("database down")

    chat = Chat()
    chat.start()
    for answer in ("Ghana", "no", "maternity", "employees", "60", "40", "14 weeks"):
        chat.answer(answer)
    monkeypatch.setattr(default_service(), "finish", unreachable)
    report = chat.answer("45")
    assert "Where to start" in report and "Falls short: Part VIII" in report
    assert "Download the report" not in report and "/report.pdf" not in report


def test_compare_two_checks_before_and_after_a_reform():
    before, after = finished(MATERNITY_SHORT), finished(reformed(MATERNITY_SHORT))
    reply = Chat().command(assessment_commands.ActionCompareAssessments(),
                           f"what changed between {before.lower()} and {after}?")
    assert reply == (f"What changed from check {before} to check {after}\n"
                     "Article 2: unchanged, could not yet ratify\n"
                     "Parts that moved:\n"
                     "  - Part VIII – Maternity benefit: falls short → meets the minimum\n"
                     "Checks that now meet:\n"
                     "  - Part VIII, benefit rate (Art. 50 + Schedule): 40% → 50%")
    backwards = Chat().command(assessment_commands.ActionCompareAssessments(), f"compare {after} with {before}")
    assert "Checks that no longer meet:\n  - Part VIII, benefit rate (Art. 50 + Schedule): 50% → 40%" in backwards


def test_one_code_is_compared_with_the_conversations_own_check():
    before, after = finished(MATERNITY_SHORT), finished(reformed(MATERNITY_SHORT))
    chat = Chat()
    chat.slots["assessment_code"] = after
    assert chat.command(assessment_commands.ActionCompareAssessments(), f"compare with {before}").startswith(
        f"What changed from check {before} to check {after}\n")


def test_checks_of_two_countries_are_compared_with_a_note():
    ghana, kenya = finished(MATERNITY_SHORT), finished(reformed(MATERNITY_SHORT, rate=40, country="Kenya"))
    reply = Chat().command(assessment_commands.ActionCompareAssessments(), f"compare {ghana} with {kenya}")
    assert reply.startswith("Note: these checks are of different countries (Ghana and Kenya).\n")
    assert reply.endswith("No Part and no check changed status between the two checks.")


@pytest.mark.parametrize(("text", "message"), [
    ("compare two checks", "To compare two checks, give me both reference codes (ten letters and digits each), e.g. "
                           "'compare ABCD2345EF with M3N8QT7P2K'."),
    ("compare K7Q2XP4M3N with nothing", "I found only one reference code, K7Q2XP4M3N: give me the code of the other "
                                        "check too, e.g. 'compare ABCD2345EF with M3N8QT7P2K'."),
    ("compare K7Q2XP4M3N with k7q2xp4m3n", "I found only one reference code, K7Q2XP4M3N: give me the code of the "
                                           "other check too, e.g. 'compare ABCD2345EF with M3N8QT7P2K'."),
])
def test_compare_without_two_codes_asks_for_them(text, message):
    assert Chat().command(assessment_commands.ActionCompareAssessments(), text) == message


def test_compare_explains_an_unknown_code_and_an_unfinished_check():
    done = finished(MATERNITY_SHORT)
    chat = Chat()
    chat.start()
    chat.answer("Ghana")
    chat.command(assessment_commands.ActionStopAssessment(), "stop")
    stopped = chat.code
    reply = Chat(sender="other").command(assessment_commands.ActionCompareAssessments(),
                                         f"compare {stopped} with ZZZZ2345ZZ")
    assert reply == (f"Check {stopped} is not finished yet, so there is no result to compare: type 'resume "
                     f"{stopped}' to finish it first.\n"
                     "No saved check has the code ZZZZ2345ZZ. Check it against the one I gave you (ten letters and "
                     "digits); codes are not case-sensitive.")
    assert "What changed" not in Chat().command(assessment_commands.ActionCompareAssessments(),
                                                f"compare {done} with {stopped}")


def test_compare_while_the_database_is_down_says_so(monkeypatch):
    def unreachable(*args, **kwargs):
        raise StoreUnavailable("database down")

    monkeypatch.setattr(default_service(), "look_up", unreachable)
    assert Chat().command(assessment_commands.ActionCompareAssessments(), "compare K7Q2XP4M3N with M3N8QT7P2K") == \
        "I can't reach the saved checks at the moment, sorry; please try again later."


def test_compare_during_the_check_then_the_question_again():
    before, after = finished(MATERNITY_SHORT), finished(reformed(MATERNITY_SHORT))
    chat = Chat()
    chat.start()
    reply = chat.command(assessment_commands.ActionCompareAssessments(), f"compare {before} and {after}")
    assert "Part VIII – Maternity benefit: falls short → meets the minimum" in reply
    assert reply.endswith("Which country is this check for?")


@pytest.mark.parametrize(("text", "entities", "slots"), [
    ("can we ratify R202?", [{"entity": "convention", "value": "R202"}], {}),
    ("can we ratify it?", [], {"qa_topic": "floor"}),  # right after the social protection floor (R202)
    ("can we ratify it?", [], {"qa_topic": "instrument", "convention": "R202"}),
])
def test_ratifying_a_recommendation_is_explained_and_the_check_offered(text, entities, slots):
    chat = Chat()
    chat.slots.update(slots)
    events = chat.run(assessment.ActionStartAssessment(), text, entities)
    assert "A Recommendation is not binding and cannot be ratified." in chat.text
    assert "C102 is a Convention, open to ratification" in chat.text
    assert [button["title"] for button in chat.messages[-1]["buttons"]] == ["Check my country's eligibility"]
    assert not chat.active and "assessment_progress" not in chat.slots
    assert {"event": "slot", "name": "qa_topic", "value": "convention_vs_recommendation", "timestamp": None} in events


@pytest.mark.parametrize(("text", "entities", "slots"), [
    ("can we ratify C102?", [{"entity": "convention", "value": "C102"}], {"qa_topic": "floor"}),
    ("can Ghana ratify?", [{"entity": "country", "value": "GH"}], {"qa_topic": "floor"}),  # a country: the check
    ("can we ratify it?", [], {"qa_topic": "instrument", "convention": "C102"}),
    ("can we ratify?", [], {}),
])
def test_ratifying_a_convention_starts_the_check(text, entities, slots):
    chat = Chat()
    chat.slots.update(slots)
    assert "Let's check which Parts of C102 your country could accept today." in chat.start(text, entities)


@pytest.mark.parametrize(("lang", "text", "verdict"), [
    ("en", "We'd accept Parts II, V and VI. Is that enough to ratify?", "Parts II, V and VI: enough to ratify."),
    ("en", "would Parts III and VII be enough?", "Parts III and VII: not enough to ratify."),
    ("fr", "nous accepterions les parties II, III et VII, est-ce suffisant ?",
     "Les parties II, III et VII ne suffisent pas pour ratifier."),
    ("es", "aceptaríamos las partes IV a VI, ¿basta?", "Las partes IV, V y VI bastan para ratificar."),
])
def test_asking_whether_the_parts_named_are_enough_is_answered_not_drafted(lang, text, verdict):
    chat = Chat()
    chat.slots["language"] = lang
    reply = chat.command(assessment_commands.ActionDraftInstrument(), text)
    assert verdict in reply and f"{KB.c102.article2.min_parts} " in reply
    assert "INSTRUMENT" not in reply  # the flexibility answer follows, with the rule in full
    assert KB.c102.general_fact("art2_minimum_parts").title.get(lang) in reply
