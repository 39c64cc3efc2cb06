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
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from bot import config
from bot.store.assessments import CheckStatus
from bot.store.trainer_sessions import ParticipantRecord, SessionAssessment, SessionRecord, Snapshot
from bot.trainer.quiz import QuizQuestion

TOPIC_LABELS = {
    "instrument": "What a Convention is about",
    "instrument_beyond": "What a Convention adds to C102",
    "instruments_list": "The up-to-date standards",
    "branches": "The nine branches",
    "flexibility": "Flexibility of C102",
    "article3": "Temporary exceptions (Art. 3)",
    "floor": "Social protection floors (R202)",
    "convention_vs_recommendation": "Convention or Recommendation",
    "principles": "Governance and financing principles",
    "requirement": "Requirements per branch",
    "procedure": "The ratification procedure",
    "procedure_step": "A step of the procedure",
    "next_step": "What comes next",
    "why_ratify": "Why ratify",
    "campaign": "The ratification campaign",
    "assistance": "ILO assistance",
    "ratification_status": "Who has ratified",
    "parts_accepted": "Parts accepted",
    "ratification_count": "How many ratifications",
    "ratifications_list": "Lists of ratifications",
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


def verdict(assessment: SessionAssessment) -> str:
    """The result of an assessment in a few words: the Parts it could accept, what is missing, or how far it got."""
    article2 = (assessment.result or {}).get("article2")
    if assessment.status != CheckStatus.FINISHED or not article2:
        return assessment.status.replace("_", " ")
    if article2["ratifiable"]:
        return f"could ratify: Parts {', '.join(article2['acceptable_parts'])}"
    return f"not yet: needs {article2['missing']}"


def dashboard(snapshot: Snapshot, join_url: str) -> dict[str, Any]:
    session = snapshot.session
    questions = questions_of(session)
    people = scores(snapshot)
    labels = {person.participant.id: person for person in people}
    finished = [person for person in people if person.answered == len(questions)]
    return {
        "session": {"code": session.code, "name": session.name, "status": session.status,
                    "created_at": iso_time(session.created_at), "closed_at": iso_time(session.closed_at),
                    "join_url": join_url, "questions": len(questions)},
        "participants": [{"participant": person.label, "display_name": person.participant.display_name,
                          "joined_at": iso_time(person.participant.joined_at), "answered": person.answered,
                          "right": person.right} for person in people],
        # the scores of those who answered every question: 0 right, 1 right, ... all right
        "scores": [{"right": right, "participants": sum(person.right == right for person in finished)}
                   for right in range(len(questions) + 1)],
        "questions": [_question(number, question, snapshot) for number, question in enumerate(questions, 1)],
        "topics": [{"topic": topic, "label": TOPIC_LABELS.get(topic, topic.replace("_", " ")), "count": count}
                   for topic, count in snapshot.topics],
        "assessments": [{"participant": labels[assessment.participant_id].label,
                         "display_name": labels[assessment.participant_id].participant.display_name,
                         "country": assessment.country, "status": assessment.status,
                         "verdict": verdict(assessment), "updated_at": iso_time(assessment.updated_at)}
                        for assessment in snapshot.assessments],
    }


def _question(number: int, question: QuizQuestion, snapshot: Snapshot) -> dict[str, Any]:
    answers = [answer for answer in snapshot.answers if answer.question_index == number - 1]
    right = sum(answer.correct for answer in answers)
    return {"number": number, "id": question.id, "prompt": question.prompt, "answer": question.answer,
            "article": question.article, "answered": len(answers), "right": right,
            "share_right": round(right / len(answers), 3) if answers else None}


def iso_time(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None
