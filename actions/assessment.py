"""The eligibility check as a Rasa form: `assessment_form` asks one slot, `assess_answer`, again and again.

The progress (country, Article 3, branches, answers) lives in the slot `assessment` as `bot.assessment.progress`
data: `action_ask_assess_answer` asks its next question, `validate_assessment_form` reads the answer into it
(or re-asks with the engine's message) and saves it under a short code, and the form completes when nothing is
left to ask; `action_assessment_report` then assesses, saves and shows the result.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.answers import TOPIC_SLOT, reply
from actions.common import FORM, entities_of, send, text_of
from actions.language import language_of
from bot import answers
from bot.answers import Reply
from bot.answers.base import ELIGIBILITY_QUESTION
from bot.answers.standards import BEYOND_TOPIC, CONTRAST_TOPIC, INSTRUMENT_TOPIC
from bot.assessment import chat as say
from bot.assessment.progress import (
    BRANCHES,
    COUNTRY,
    Progress,
    Step,
    next_step,
    read_country,
    read_step,
    reads_as_answer,
)
from bot.assessment.service import AssessmentService, default_service
from bot.eligibility import Assessment, InputError
from bot.eligibility.fields import ValueProblem
from bot.i18n import Translator, translator
from bot.store import StoreUnavailable
from bot.store.assessments import CheckStatus

logger = logging.getLogger(__name__)

ANSWER_SLOT = "assess_answer"
PROGRESS_SLOT = "assessment_progress"
CODE_SLOT = "assessment_code"
DONE = "done"  # the value of `assess_answer` that completes the form
QA_PREFIX = "ask_"  # the Q&A intents (docs/conversation.md)
START_INTENT = "start_assessment"  # "can Morocco ratify?" may also be read as the bare answer "Morocco"
CORRECT_INTENT = "correct_answer"  # "actually 40" corrects the last answer; a bare "40" answers the question asked
#: a figure, perhaps with its unit in one of the three languages ("40", "40 %", "3 days", "30 ans", "26 semanas")
_BARE_VALUE = re.compile(r"\s*\d+(?:[.,]\d+)?\s*(?:%|days?|weeks?|months?|years?|jours?|semaines?|mois|ans?|années?"
                         r"|d[ií]as?|semanas?|mes(?:es)?|años?)?\s*[.!]?\s*", re.IGNORECASE)


def service() -> AssessmentService:
    return default_service()


def progress_of(tracker: Tracker) -> Progress:
    return Progress.from_dict(tracker.get_slot(PROGRESS_SLOT))


def words_of(tracker: Tracker) -> Translator:
    """The translator for the conversation's language, read on every turn (the progress keeps no language: a
    check started in English and resumed in French goes on in French)."""
    return translator(language_of(tracker))


def save(progress: Progress, tracker: Tracker, status: CheckStatus = CheckStatus.IN_PROGRESS) -> Progress:
    """`progress` saved, with its code; unchanged (no code) when the database cannot be reached."""
    try:
        code = service().save_progress(progress, status=status, sender_id=tracker.sender_id)
    except StoreUnavailable as exc:
        logger.warning("assessment not saved: %s", exc)
        return progress
    return replace(progress, code=code)


def progress_events(progress: Progress, done: bool | None = None) -> list[dict[str, Any]]:
    """The slots for `progress`; with `done`, also the form's answer slot (a value completes the form)."""
    events = [SlotSet(PROGRESS_SLOT, progress.to_dict()), SlotSet(CODE_SLOT, progress.code)]
    if done is not None:
        events.append(SlotSet(ANSWER_SLOT, DONE if done else None))
    return events


def is_done(progress: Progress) -> bool:
    return next_step(service().kb.c102, progress) is None


def show_report(dispatcher: CollectingDispatcher, tracker: Tracker, progress: Progress) -> Progress:
    """Assess the answers, save them as finished and send the report; the progress with its code."""
    try:
        outcome = service().finish(progress.to_input(), sender_id=tracker.sender_id, code=progress.code,
                                   progress=progress)
    except InputError as exc:  # the form checks every answer, so this means a bug: say it rather than hide it
        logger.error("assessment input refused: %s", exc)
        dispatcher.utter_message(text=say.refusal(exc, words_of(tracker)))
        return progress
    except StoreUnavailable as exc:  # the result still, without a code to find it again
        logger.warning("assessment not saved: %s", exc)
        send(dispatcher, *report(progress.to_input(), service().assess(progress.to_input()), None, words_of(tracker)))
        return progress
    send(dispatcher, *report(progress.to_input(), outcome.assessment, outcome.code, words_of(tracker)))
    return replace(progress, code=outcome.code)


def report(answers: Mapping[str, Any], result: Assessment, code: str | None, t: Translator) -> list[Reply]:
    """The result of `answers` as chat messages, with where to start (`bot.assessment.chat.report`)."""
    return say.report(service().kb, result, service().where_to_start(answers), code, t)


class ActionStartAssessment(Action):
    """A fresh check (the country pre-filled when the message names one); inside the form, it carries on."""

    def name(self) -> str:
        return "action_start_assessment"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[dict[str, Any]]:
        t = words_of(tracker)
        if tracker.active_loop_name == FORM:
            if not answers_pending_question(tracker):  # else the form takes it as the answer (extract_assess_answer)
                code = say.in_brackets(progress_of(tracker).code)
                dispatcher.utter_message(text=say.words(t, say.ALREADY_RUNNING, code=code))
            return []
        if asks_to_ratify_a_recommendation(tracker):
            events = reply(CONTRAST_TOPIC, dispatcher, tracker, follow_up=False)  # "can we ratify R202?"
            send(dispatcher, offer_the_check(t, say.RATIFY_THE_CONVENTION))
            return [*events, FollowupAction("action_listen")]  # not the form the rule would start next
        kb = service().kb
        dispatcher.utter_message(text=t.gettext(say.INTRO))
        progress = started(tracker)
        if progress.country_done:
            dispatcher.utter_message(text=say.country_note(kb, progress, t))
        if progress.branches:
            dispatcher.utter_message(text=say.chosen_note(kb, progress, t))
        if progress != Progress():
            progress = save(progress, tracker)
            if progress.code:
                dispatcher.utter_message(text=say.words(t, say.CODE_NOTICE, code=progress.code))
        return progress_events(progress, done=False)


def asks_to_ratify_a_recommendation(tracker: Tracker) -> bool:
    """Whether "can we ratify …?" is about a Recommendation, which no State ratifies: one named in the message ("can
    we ratify R202?"), or, when the message names nothing, the one the previous answer was about ("can we ratify
    it?" right after the social protection floor)."""
    named = entities_of(tracker)
    instruments = named.get("convention", []) if named else [previous_instrument(tracker)]
    return any(ident and service().kb.conventions.is_recommendation(ident) for ident in instruments)


def previous_instrument(tracker: Tracker) -> str | None:
    """The instrument the previous answer was about: the one asked about, or the one its topic is about (the floor:
    R202)."""
    previous = tracker.get_slot(TOPIC_SLOT)
    if previous in (INSTRUMENT_TOPIC, BEYOND_TOPIC):
        return tracker.get_slot("convention")
    return answers.TOPICS[previous].instrument if previous in answers.TOPICS else None


def offer_the_check(t: Translator, message: str) -> Reply:
    """`message` (an English text of the catalog) in `t`'s language, with a button that starts the check."""
    return Reply(t.gettext(message), (say.button(t, say.START, ELIGIBILITY_QUESTION, START_INTENT),))


def started(tracker: Tracker) -> Progress:
    """A new check with what the opening message said: "can Morocco ratify?", "assess our pension scheme"."""
    kb = service().kb
    entities = entities_of(tracker)
    progress = Progress()
    if entities.get("country"):
        with contextlib.suppress(ValueProblem):  # a former State: asked like any other answer
            progress = progress.with_country(read_country(kb, "", entities["country"]))
    if entities.get("branch"):
        progress = progress.with_branches(kb.c102, entities["branch"])
    return progress


class ActionAskAssessAnswer(Action):
    """Asks the next question of the check (the form calls it whenever `assess_answer` is empty)."""

    def name(self) -> str:
        return "action_ask_assess_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[dict[str, Any]]:
        progress = progress_of(tracker)
        t = words_of(tracker)
        step = next_step(service().kb.c102, progress, t)
        if step is not None:
            send(dispatcher, say.prompt(service().kb, progress, step, t))
        return []


def answers_pending_question(tracker: Tracker) -> bool:
    """Whether a message the NLU took for a Q&A question, for "start a check" ("Marruecos" at the country
    question: the opening phrases name countries too) or for a correction (a bare "40": a correction says what it
    changes, "actually 40", "change the rate to 40") is in fact the answer to the question pending."""
    intent = (tracker.latest_message.get("intent") or {}).get("name") or ""
    bare_value = intent == CORRECT_INTENT and _BARE_VALUE.fullmatch(text_of(tracker)) is not None
    if not (intent.startswith(QA_PREFIX) or intent == START_INTENT or bare_value):
        return False
    progress = progress_of(tracker)
    step = next_step(service().kb.c102, progress)
    return step is not None and reads_as_answer(service().kb, progress, step, text_of(tracker))


class ValidateAssessmentForm(FormValidationAction):
    def name(self) -> str:
        return "validate_assessment_form"

    def extract_assess_answer(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                              domain: DomainDict) -> dict[str, Any]:
        """A statement the NLU took for a Q&A question or for "start a check" but that answers the question asked
        ("sickness benefit, old-age benefit" to the branches question, "industrial workers" to the coverage
        question, "Marruecos" to the country question) is the answer. Questions ("...?", "what ...") are left to
        the Q&A rules."""
        return {ANSWER_SLOT: text_of(tracker)} if answers_pending_question(tracker) else {}

    def validate_assess_answer(self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                               domain: DomainDict) -> dict[str, Any]:
        """Read the answer to the pending question; refused: the message, and the same question again."""
        kb = service().kb
        progress = progress_of(tracker)
        step = next_step(kb.c102, progress)
        if step is None:
            return {ANSWER_SLOT: DONE}
        if slot_value is None or not str(slot_value).strip():  # the form validating the reset on activation
            return {ANSWER_SLOT: None}
        try:
            updated = read_step(kb, progress, step, str(slot_value), entities_of(tracker))
        except ValueProblem as problem:
            dispatcher.utter_message(text=say.refusal(problem, words_of(tracker)))
            return {ANSWER_SLOT: None}
        acknowledge(dispatcher, updated, step, words_of(tracker))
        saved = save(updated, tracker)
        if saved.code and not progress.code:
            dispatcher.utter_message(text=say.words(words_of(tracker), say.CODE_NOTICE, code=saved.code))
        return {PROGRESS_SLOT: saved.to_dict(), CODE_SLOT: saved.code, ANSWER_SLOT: DONE if is_done(saved) else None}


def acknowledge(dispatcher: CollectingDispatcher, progress: Progress, step: Step, t: Translator) -> None:
    """What the chat says after the country and the branches: the record, the choice and its length."""
    kb = service().kb
    if step.kind == COUNTRY:
        dispatcher.utter_message(text=say.country_note(kb, progress, t))
    elif step.kind == BRANCHES:
        dispatcher.utter_message(text=say.chosen_note(kb, progress, t))


class ActionAssessmentReport(Action):
    """After the form: assess, save as finished, show the result and the next steps."""

    def name(self) -> str:
        return "action_assessment_report"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[dict[str, Any]]:
        progress = show_report(dispatcher, tracker, progress_of(tracker))
        return progress_events(progress, done=False)
