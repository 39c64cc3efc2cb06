"""What the trainer's dashboard shows of a session, as JSON-ready data: participants, the score distribution, the
share right per question, the topics asked most and the assessments run, with their verdicts.

Participants appear under a pseudonym derived from the session and their sender id (never the sender id itself,
which on Telegram or Slack is an account number), with the display name they chose, if any. The pseudonym is an
HMAC under a server secret (`RATIFY_PSEUDONYM_KEY`, else a random key kept in var/pseudonym.key), so that it
cannot be matched to a sender id by hashing candidates. The assessments run in the session are listed without
their codes (a code opens and changes a saved check; the dashboard is made for a projector).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from bot import config
from bot.answers.base import ENGLISH
from bot.i18n import N_, Translator
from bot.knowledge.countries import Countries, Country
from bot.store.assessments import CheckStatus
from bot.store.trainer_sessions import ParticipantRecord, SessionAssessment, SessionRecord, Snapshot
from bot.trainer.chat import join_example
from bot.trainer.quiz import QuizQuestion

#: a check's status, for people
STATUS_WORDS = {CheckStatus.IN_PROGRESS.value: N_("in progress"), CheckStatus.FINISHED.value: N_("finished"),
                CheckStatus.STOPPED.value: N_("stopped")}

#: the Q&A topics by name, for people (translated where shown: `topic_label`)
TOPIC_LABELS = {
    "instrument": N_("What a Convention is about"),
    "instrument_beyond": N_("What a Convention adds to C102"),
    "instruments_list": N_("The up-to-date standards"),
    "branches": N_("The nine branches"),
    "flexibility": N_("Flexibility of C102"),
    "article3": N_("Temporary exceptions (Art. 3)"),
    "floor": N_("Social protection floors (R202)"),
    "convention_vs_recommendation": N_("Convention or Recommendation"),
    "principles": N_("Governance and financing principles"),
    "requirement": N_("Requirements per branch"),
    "procedure": N_("The ratification procedure"),
    "procedure_step": N_("A step of the procedure"),
    "next_step": N_("What comes next"),
    "why_ratify": N_("Why ratify"),
    "campaign": N_("The ratification campaign"),
    "assistance": N_("ILO assistance"),
    "ratification_status": N_("Who has ratified"),
    "parts_accepted": N_("Parts accepted"),
    "ratification_count": N_("How many ratifications"),
    "ratifications_list": N_("Lists of ratifications"),
}


@dataclass(frozen=True)
class ParticipantScore:
    participant: ParticipantRecord
    label: str  # the pseudonym
    answered: int
    right: int


@lru_cache(maxsize=1)
def pseudonym_key() -> bytes:
    """The server's secret for pseudonyms: `RATIFY_PSEUDONYM_KEY`, else var/pseudonym.key (made once, mode 600)."""
    configured = config.pseudonym_key()
    if configured:
        return configured.encode()
    path = config.var_dir() / "pseudonym.key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as file:
                file.write(secrets.token_hex(32))
        except FileExistsError:  # another process made it meanwhile
            pass
    return path.read_text().strip().encode()


def pseudonym(session: SessionRecord, sender_id: str) -> str:
    """A stable label for a participant of `session`, from which the sender id cannot be read back or guessed."""
    return "P-" + hmac.new(pseudonym_key(), f"{session.code}:{sender_id}".encode(), hashlib.sha256).hexdigest()[:6]


def questions_of(session: SessionRecord) -> list[QuizQuestion]:
    return [QuizQuestion.from_dict(data) for data in session.quiz]


def scores(snapshot: Snapshot) -> list[ParticipantScore]:
    """Every participant in the order they joined, with how many questions they answered and got right."""
    found = []
    for participant in snapshot.participants:
        theirs = [answer for answer in snapshot.answers if answer.participant_id == participant.id]
        found.append(ParticipantScore(participant, pseudonym(snapshot.session, participant.sender_id), len(theirs),
                                      sum(answer.correct for answer in theirs)))
    return found


def unready(assessment: SessionAssessment) -> bool:
    """A finished check whose country could not ratify yet: its verdict says what is missing."""
    article2 = (assessment.result or {}).get("article2")
    return assessment.status == CheckStatus.FINISHED and bool(article2) and not article2["ratifiable"]


def verdict(assessment: SessionAssessment, t: Translator = ENGLISH, missing: str | None = None) -> str:
    """The result of an assessment in a few words: the Parts it could accept, what is missing, or how far it got.

    What is missing: `missing` (the engine's words in `t`'s language), else as the check saved it, in English."""
    article2 = (assessment.result or {}).get("article2")
    if assessment.status != CheckStatus.FINISHED or not article2:
        status = STATUS_WORDS.get(assessment.status)
        return t.gettext(status) if status else assessment.status.replace("_", " ")
    if article2["ratifiable"]:
        return t.gettext("could ratify: Parts {parts}").format(parts=", ".join(article2["acceptable_parts"]))
    return t.gettext("not yet: needs {missing}").format(missing=missing or article2["missing"])


def topic_label(topic: str, t: Translator = ENGLISH) -> str:
    label = TOPIC_LABELS.get(topic)
    return t.gettext(label) if label else topic.replace("_", " ")


def dashboard(snapshot: Snapshot, join_url: str, t: Translator = ENGLISH, missing: Mapping[str, str] | None = None,
              countries: Countries | None = None) -> dict[str, Any]:
    """The session's data for the dashboard, its texts in `t`'s language (the questions and answers, the topics,
    the verdicts, what participants type to join, the countries checked when `countries` knows them); figures and
    codes as they are. `missing`: by check code, what the `unready` checks lack, in `t`'s language."""
    missing = missing or {}
    session = snapshot.session
    questions = questions_of(session)
    people = scores(snapshot)
    labels = {person.participant.id: person for person in people}
    finished = [person for person in people if person.answered == len(questions)]
    return {
        "session": {"code": session.code, "name": session.name, "status": session.status,
                    "created_at": iso_time(session.created_at), "closed_at": iso_time(session.closed_at),
                    "join_url": join_url, "join_words": join_example(t, session.code), "questions": len(questions),
                    "language": t.lang},
        "participants": [{"participant": person.label, "display_name": person.participant.display_name,
                          "joined_at": iso_time(person.participant.joined_at), "answered": person.answered,
                          "right": person.right} for person in people],
        # the scores of those who answered every question: 0 right, 1 right, ... all right
        "scores": [{"right": right, "participants": sum(person.right == right for person in finished)}
                   for right in range(len(questions) + 1)],
        "questions": [_question(number, question, snapshot, t) for number, question in enumerate(questions, 1)],
        "topics": [{"topic": topic, "label": topic_label(topic, t), "count": count}
                   for topic, count in snapshot.topics],
        "assessments": [{"participant": labels[assessment.participant_id].label,
                         "display_name": labels[assessment.participant_id].participant.display_name,
                         "country": country_name(assessment.country, countries, t), "status": assessment.status,
                         "verdict": verdict(assessment, t, missing.get(assessment.code)),
                         "updated_at": iso_time(assessment.updated_at)}
                        for assessment in snapshot.assessments],
    }


def country_name(name: str | None, countries: Countries | None, t: Translator) -> str | None:
    """A checked country's name in `t`'s language ("Maroc"), as saved when the knowledge base does not know it."""
    state = countries.find(name) if countries and name else None
    return state.name.get(t.lang) if isinstance(state, Country) else name


def _question(number: int, question: QuizQuestion, snapshot: Snapshot, t: Translator) -> dict[str, Any]:
    answers = [answer for answer in snapshot.answers if answer.question_index == number - 1]
    right = sum(answer.correct for answer in answers)
    return {"number": number, "id": question.id, "prompt": question.prompt.get(t.lang),
            "answer": question.answer.get(t.lang), "article": t.article(question.article), "answered": len(answers),
            "right": right,
            "share_right": round(right / len(answers), 3) if answers else None}


def iso_time(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None
