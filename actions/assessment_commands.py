"""What people say around the eligibility form: explain the question, skip a branch, correct an answer, stop,
resume or show a saved assessment by its code, and draft the instrument of ratification."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, TypeGuard

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.answers import answered_by_entities, reply
from actions.assessment import (
    CODE_SLOT,
    answers_pending_question,
    is_done,
    offer_the_check,
    progress_events,
    progress_of,
    report,
    save,
    service,
    show_report,
    words_of,
)
from actions.common import FORM, entities_of, send, text_of
from actions.trainer import answered_as_quiz
from bot.answers.standards import FLEXIBILITY_TOPIC, asks_if_enough, part_label
from bot.assessment import chat as say
from bot.assessment.progress import (
    ARTICLE3,
    BRANCHES,
    COUNTRY,
    Progress,
    correct,
    next_step,
    read_branches_or_none,
)
from bot.assessment.service import InstrumentUnavailable, ShortOfArticle2
from bot.config import instrument_url, parts_instrument_url
from bot.eligibility.fields import ValueProblem
from bot.store import SavedAssessment, StoreUnavailable
from bot.store.assessments import CheckStatus
from bot.throttle import TooManyAttempts

RESUMED_SLOT = "assessment_resumed"


def in_form(tracker: Tracker) -> bool:
    return tracker.active_loop_name == FORM


def saved_named(tracker: Tracker) -> SavedAssessment | str | None:
    """The saved assessment whose code the message names (one look-up, throttled per sender), or when it names
    none, the one of this conversation. A code named but not found comes back as that code (str), so the user
    hears that no check has it, rather than seeing another check; None when there is nothing to show."""
    code = service().code_named(text_of(tracker))
    try:
        if code is None:
            own = tracker.get_slot(CODE_SLOT)
            return service().saved(own) if own else None
        return looked_up(code, tracker)
    except StoreUnavailable:
        return None


def looked_up(code: str, tracker: Tracker) -> SavedAssessment | str:
    """The saved assessment with `code` (a look-up throttled per sender), or the code itself when no check has it
    (or when this sender has failed too many look-ups): `StoreUnavailable` when the database cannot be reached."""
    try:
        return service().look_up(code, tracker.sender_id) or code
    except TooManyAttempts:
        return code


def named_branch(tracker: Tracker, progress: Progress) -> str | None:
    """A branch of the check that the message names ("skip old age"), if any."""
    named = read_branches_or_none(service().kb.c102, text_of(tracker), entities_of(tracker).get("branch", []))
    return next((branch for branch in named if branch in (progress.branches or ())), None)


class ActionExplainAssessmentQuestion(Action):
    """ "What is that?": the pending question explained from the knowledge base; outside the check, a question on
    the standards the message names, else what the assistant can do."""

    def name(self) -> str:
        return "action_explain_assessment_question"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[dict[str, Any]]:
        t = words_of(tracker)
        step = next_step(service().kb.c102, progress_of(tracker), t) if in_form(tracker) else None
        if step is None and (answered := answered_by_entities(dispatcher, tracker)) is not None:
            return answered  # "what counts as invalidity?" outside the check: a question about the standards
        if step:
            dispatcher.utter_message(text=say.explanation(service().kb, step, t))
            return []
        dispatcher.utter_message(text=t.gettext(say.NOTHING_TO_EXPLAIN))
        dispatcher.utter_message(response="utter_capabilities")  # "what do you do exactly?": what the bot can do
        return []


class ActionSkipAssessmentBranch(Action):
    """ "Skip": the branch being asked leaves the check; an optional question outside a branch is left open."""

    def name(self) -> str:
        return "action_skip_assessment_branch"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[dict[str, Any]]:
        t = words_of(tracker)
        if not in_form(tracker):
            return outside_the_check(dispatcher, tracker, say.NOTHING_RUNNING)
        kb = service().kb
        progress = progress_of(tracker)
        step = next_step(kb.c102, progress)
        if step is None or step.kind == BRANCHES:
            dispatcher.utter_message(text=t.gettext(say.CANNOT_SKIP))
            return []
        if step.kind == COUNTRY:
            progress, note = progress.with_country(None), t.gettext(say.COUNTRY_SKIPPED)
        elif step.kind == ARTICLE3:
            progress, note = progress.with_answer(kb.c102, step, False), t.gettext(say.ARTICLE3_SKIPPED)
        elif step.branch:
            branch = named_branch(tracker, progress) or step.branch
            progress = progress.without_branch(branch)
            note = say.words(t, say.SKIPPED, part=part_label(kb.c102.part(branch), t))
            if not progress.branches:
                note += " " + t.gettext(say.NO_BRANCH_LEFT)
        else:
            progress, note = progress.with_answer(kb.c102, step, None), ""
        if note:
            dispatcher.utter_message(text=note)
        progress = save(progress, tracker)
        return progress_events(progress, done=is_done(progress))


class ActionCorrectAssessmentAnswer(Action):
    """ "Change the replacement rate to 42": in the form it carries on; after the report, the report again."""

    def name(self) -> str:
        return "action_correct_assessment_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[dict[str, Any]]:
        kb = service().kb
        t = words_of(tracker)
        progress = progress_of(tracker)
        if not progress.branches and not in_form(tracker):
            return outside_the_check(dispatcher, tracker, say.NOTHING_TO_CORRECT)
        if in_form(tracker) and answers_pending_question(tracker):  # a bare "40": the form takes it as the answer
            return []
        try:
            change = correct(kb, progress, text_of(tracker), entities_of(tracker), next_step(kb.c102, progress))
        except ValueProblem as problem:
            dispatcher.utter_message(text=say.refusal(problem, t))
            return []
        dispatcher.utter_message(text=say.changed(kb, change.branch, change.field, change.value, t))
        if in_form(tracker):
            progress = save(change.progress, tracker)
            return progress_events(progress, done=is_done(progress))
        if not is_done(change.progress):  # a stopped check: corrected, still to be resumed
            progress = save(change.progress, tracker, status=CheckStatus.STOPPED)
            dispatcher.utter_message(text=say.words(t, say.SAVED, code=progress.code))
            return progress_events(progress)
        return progress_events(show_report(dispatcher, tracker, change.progress), done=False)


class ActionStopAssessment(Action):
    """ "Stop": the answers saved as stopped, the code shown, the form closed."""

    def name(self) -> str:
        return "action_stop_assessment"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[dict[str, Any]]:
        t = words_of(tracker)
        if not in_form(tracker):
            dispatcher.utter_message(text=t.gettext(say.NOTHING_RUNNING))
            return [ActiveLoop(None)]  # as inside the form: the rules expect no loop after this action
        progress = save(progress_of(tracker), tracker, status=CheckStatus.STOPPED)
        dispatcher.utter_message(text=say.words(t, say.STOPPED, code=progress.code) if progress.code
                                 else t.gettext(say.STOPPED_UNSAVED))
        return [*progress_events(progress, done=False), ActiveLoop(None), SlotSet("requested_slot", None)]


class ActionOpenAssessment(Action):
    """A saved check by its code, however it is asked ("resume ABCD2345EF", "show ABCD2345EF", "my code is
    ABCD2345EF"): a finished one is shown again; an unfinished one goes on where it stopped (`assessment_resumed`
    true, the form follows), which also shows where it stands. One intent for both: users do not separate "see"
    from "go on"."""

    def name(self) -> str:
        return "action_open_assessment"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[dict[str, Any]]:
        t = words_of(tracker)
        saved = saved_named(tracker)
        if not isinstance(saved, SavedAssessment):
            dispatcher.utter_message(text=say.words(t, say.UNKNOWN_CODE, code=saved) if saved
                                     else say.words(t, say.NO_CODE))
            return [SlotSet(RESUMED_SLOT, False)]
        if saved.status == CheckStatus.FINISHED:
            dispatcher.utter_message(text=say.words(t, say.FINISHED, code=saved.code))
            send(dispatcher, *report(saved.answers, service().reassess(saved), saved.code, t))
            return [SlotSet(RESUMED_SLOT, False), SlotSet(CODE_SLOT, saved.code)]
        progress = replace(Progress.from_dict(saved.progress), code=saved.code)
        country = say.in_brackets(say.country_named(service().kb, saved.country, t))
        dispatcher.utter_message(text=say.words(t, say.RESUMED, code=saved.code, country=country))
        return [*progress_events(progress, done=is_done(progress)), SlotSet(RESUMED_SLOT, True)]


class ActionDraftInstrument(Action):
    """The draft instrument of ratification: for the Parts found acceptable, or for the Parts the message names."""

    def name(self) -> str:
        return "action_draft_instrument"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[dict[str, Any]]:
        t = words_of(tracker)
        saved = saved_named(tracker)
        if saved is None and asks_if_enough(text_of(tracker)):  # "we'd accept Parts II, V and VI: is that enough?"
            return reply(FLEXIBILITY_TOPIC, dispatcher, tracker, follow_up=False)
        named = entities_of(tracker)
        parts = read_branches_or_none(service().kb.c102, text_of(tracker), named.get("branch", []))
        if isinstance(saved, str) or (saved is None and not parts):
            dispatcher.utter_message(text=say.words(t, say.UNKNOWN_CODE, code=saved) if saved
                                     else say.words(t, say.NO_ASSESSMENT_FOR_INSTRUMENT))
            return []
        try:
            if saved is None:  # the Parts named, without a check: for the country named, if any
                country = next(iter(named.get("country", [])), None)
                text, url = service().instrument_for_parts(parts, country, t), parts_instrument_url(parts, country)
            else:
                text, url = service().instrument(saved, parts, t), instrument_url(saved.code, parts)
        except ShortOfArticle2 as exc:
            dispatcher.utter_message(text=str(exc))
            return []
        except InstrumentUnavailable as exc:
            dispatcher.utter_message(text=say.words(t, say.NO_INSTRUMENT, reason=exc))
            return []
        send(dispatcher, say.instrument_reply(text, url, t))
        return []


def is_finished(check: SavedAssessment | str) -> TypeGuard[SavedAssessment]:
    return isinstance(check, SavedAssessment) and check.status == CheckStatus.FINISHED


class ActionCompareAssessments(Action):
    """ "Compare K7Q2XP4M3N with M3N8QT7P2K": what changed from the first check to the second (e.g. before and after
    a reform). With one code named, that check is compared with this conversation's own (the later one)."""

    def name(self) -> str:
        return "action_compare_assessments"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[dict[str, Any]]:
        t = words_of(tracker)
        codes = service().codes_named(text_of(tracker))
        own = tracker.get_slot(CODE_SLOT)
        if len(codes) == 1 and own and own != codes[0]:
            codes.append(own)
        if len(codes) < 2:
            dispatcher.utter_message(text=say.words(t, say.ONE_CODE_ONLY, code=codes[0]) if codes
                                     else say.words(t, say.TWO_CODES_NEEDED))
            return []
        try:
            checks = [looked_up(code, tracker) for code in codes[:2]]
        except StoreUnavailable:
            dispatcher.utter_message(text=t.gettext(say.STORE_UNAVAILABLE))
            return []
        before, after = checks
        if not (is_finished(before) and is_finished(after)):
            dispatcher.utter_message(text="\n".join(say.cannot_compare(check, t) for check in checks
                                                    if not is_finished(check)))
            return []
        send(dispatcher, say.comparison_reply(service().kb, service().compare(before, after), before, after, t))
        return []


def outside_the_check(dispatcher: CollectingDispatcher, tracker: Tracker, message: str) -> list[dict[str, Any]]:
    """A command of the eligibility check ("skip", "stop", "change the rate to 42") while none runs: a message that
    names something the Q&A is about ("Le Maroc, c'était quand ?") is answered as a question; else `message`
    ("There is no eligibility check running.") with a button that starts the check."""
    if (answered := answered_by_entities(dispatcher, tracker)) is not None:
        return answered
    send(dispatcher, offer_the_check(words_of(tracker), message))
    return []


class ActionInformOutsideAssessment(Action):
    """An answer while no question is open: say so and offer the check."""

    def name(self) -> str:
        return "action_inform_outside_assessment"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[dict[str, Any]]:
        if answered_as_quiz(dispatcher, tracker):  # "a": an option of a trainer session's quiz, not a check's answer
            return []
        if (answered := answered_by_entities(dispatcher, tracker)) is not None:
            return answered  # "invalidity benefit rate", "waiting days?": a question about the standards
        send(dispatcher, offer_the_check(words_of(tracker), say.NOT_ASKING))
        return []

