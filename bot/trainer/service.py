"""A trainer session from creation to close: join by code, the quiz turn by turn, topics asked.

The chat actions, the web routes, the CLI and the tests share this service; what it returns are outcomes (what
happened), which `bot.trainer.chat` turns into the bot's words.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from bot import knowledge
from bot.store import database_url, open_engine
from bot.store.trainer_sessions import (
    AnswerRecord,
    ParticipantRecord,
    SessionRecord,
    Snapshot,
    TrainerStore,
    is_join_code,
)
from bot.throttle import Throttle
from bot.trainer import quiz
from bot.trainer.quiz import LETTERS, QuizQuestion

MAX_NAME = 120
MAX_DISPLAY_NAME = 40
_WORD = re.compile(r"[A-Za-z0-9]+")
#: a word read as an option: not an elided French word ("c'est la c": the "c" of "c'" is no option)
_OPTION_WORD = re.compile(r"[A-Za-z0-9]+(?!['’])")
# the name after the code: "join K7Q2 as Amina", "rejoindre K7Q2 en tant que Claire", "unirme a K7Q2 como Ana"
_DISPLAY_NAME = re.compile(r"^\W*(?:(?:as|como)\s+|en\s+tant\s+qu(?:e\s+|['’]\s*))(.+)$", re.IGNORECASE | re.DOTALL)
# "B", "b)", "answer C", "I think it's d"; a button sends "3B" (question 3, option B)
_CHOICE = re.compile(r"^(\d{1,3})?([A-Da-d])$")


class TrainerInputError(ValueError):
    """A session cannot be created as asked; the message says why, for people."""


class Joined(Enum):
    NO_CODE = "no_code"  # nothing in the message looks like a join code
    UNKNOWN = "unknown"  # no session has that code
    CLOSED = "closed"  # the session takes no new participants
    JOINED = "joined"
    AGAIN = "again"  # already a participant: welcomed back


@dataclass(frozen=True)
class JoinOutcome:
    status: Joined
    code: str | None = None
    session: SessionRecord | None = None
    participant: ParticipantRecord | None = None


@dataclass(frozen=True)
class Turn:
    """Where a participant is in the quiz: the question to answer next (None once all are answered)."""

    session: SessionRecord
    total: int
    right: int
    answered: int
    number: int | None = None  # 1-based
    question: QuizQuestion | None = None
    options: tuple[str, ...] = ()

    @property
    def finished(self) -> bool:
        return self.question is None


class Answered(Enum):
    RIGHT = "right"
    WRONG = "wrong"
    NO_CHOICE = "no_choice"  # no option letter in the message
    NOT_OFFERED = "not_offered"  # a letter beyond this question's options
    STALE = "stale"  # a button of a question already answered
    FINISHED = "finished"  # nothing left to answer


@dataclass(frozen=True)
class AnswerOutcome:
    status: Answered
    turn: Turn  # where the participant is now
    question: QuizQuestion | None = None  # the question answered, with...
    options: tuple[str, ...] = ()  # ...the options as they were shown


class TrainerService:
    def __init__(self, kb: knowledge.Knowledge, store: TrainerStore) -> None:
        self.kb = kb
        self.store = store
        self.failed_joins = Throttle()

    # -- the trainer's side ---------------------------------------------------------------------------------------
    def create(self, name: str, quiz_size: int = quiz.DEFAULT_SIZE) -> SessionRecord:
        """A new open session with a quiz generated now (so it stays the same for everyone in the session), drawn for
        its join code (`quiz.session_quiz`)."""
        name = " ".join(str(name).split())
        if not name:
            raise TrainerInputError("give the session a name, e.g. \"Workshop Nairobi\"")
        if len(name) > MAX_NAME:
            raise TrainerInputError(f"the session name is too long ({len(name)} characters, at most {MAX_NAME})")
        try:
            quiz.check_size(self.kb, quiz_size)
        except ValueError as exc:
            raise TrainerInputError(str(exc)) from None
        return self.store.create(name, lambda code: [question.to_dict()
                                                     for question in quiz.session_quiz(self.kb, quiz_size, code)])

    def session(self, code: str) -> SessionRecord | None:
        return self.store.get(code)

    def sessions(self) -> list[SessionRecord]:
        return self.store.sessions()

    def close(self, code: str) -> SessionRecord | None:
        return self.store.close(code)

    def snapshot(self, code: str) -> Snapshot | None:
        return self.store.snapshot(code)

    # -- the participant's side -----------------------------------------------------------------------------------
    def join(self, sender_id: str, text: str) -> JoinOutcome:
        """Join the session whose code `text` names ("join K7Q2", "join k7q2 as Amina", "rejoindre K7Q2"): the first
        word shaped like a code, looked up once; `TooManyAttempts` after too many unknown or closed codes from this
        sender lately."""
        found = _code_in(text)
        if found is None:
            return JoinOutcome(Joined.NO_CODE)
        code = found.group().upper()
        self.failed_joins.check(sender_id)  # TooManyAttempts: session codes are short, not to be tried in turn
        session = self.store.get(code)  # one look-up per message
        if session is None:
            self.failed_joins.failed(sender_id)
            return JoinOutcome(Joined.UNKNOWN, code=code)
        known = self.store.participant(session.id, sender_id)
        if known is None and not session.is_open:
            self.failed_joins.failed(sender_id)
            return JoinOutcome(Joined.CLOSED, code=session.code, session=session)
        participant = self.store.add_participant(session.id, sender_id, display_name(text))
        return JoinOutcome(Joined.AGAIN if known else Joined.JOINED, session.code, session, participant)

    def turn(self, sender_id: str) -> Turn | None:
        """The participant's place in the quiz of the session they joined last; None if they never joined one."""
        found = self.store.latest_participation(sender_id)
        if found is None:
            return None
        session, participant = found
        return self._turn(session, participant, self.store.answers(participant.id))

    def answer(self, sender_id: str, text: str) -> AnswerOutcome | None:
        """Record the option `text` names for the pending question; None if the sender never joined a session."""
        found = self.store.latest_participation(sender_id)
        if found is None:
            return None
        session, participant = found
        turn = self._turn(session, participant, self.store.answers(participant.id))
        if turn.question is None or turn.number is None:
            return AnswerOutcome(Answered.FINISHED, turn)
        choice = read_choice(text)
        if choice is None:
            return AnswerOutcome(Answered.NO_CHOICE, turn)
        number, letter = choice
        if number is not None and number != turn.number:
            return AnswerOutcome(Answered.STALE, turn)
        index = LETTERS.index(letter)
        if index >= len(turn.options):
            return AnswerOutcome(Answered.NOT_OFFERED, turn)
        chosen = turn.options[index]
        correct = chosen == turn.question.answer
        if not self.store.add_answer(participant.id, turn.number - 1, str(chosen), correct):
            return AnswerOutcome(Answered.STALE, self.turn(sender_id) or turn)  # answered meanwhile (a double click)
        after = self._turn(session, participant, self.store.answers(participant.id))
        return AnswerOutcome(Answered.RIGHT if correct else Answered.WRONG, after, turn.question, turn.options)

    def record_topic(self, sender_id: str, topic: str) -> bool:
        """Counts a question on `topic` for the session the sender joined last; False when they never joined one."""
        found = self.store.latest_participation(sender_id)
        if found is None:
            return False
        self.store.add_topic(found[1].id, topic)
        return True

    def _turn(self, session: SessionRecord, participant: ParticipantRecord, answers: list[AnswerRecord]) -> Turn:
        questions = [QuizQuestion.from_dict(data) for data in session.quiz]
        done = {answer.question_index for answer in answers}
        right = sum(answer.correct for answer in answers)
        pending = next((index for index in range(len(questions)) if index not in done), None)
        if pending is None:
            return Turn(session, len(questions), right, len(done))
        question = questions[pending]
        return Turn(session, len(questions), right, len(done), pending + 1, question,
                    question.options(option_key(session, participant)))


def option_key(session: SessionRecord, participant: ParticipantRecord) -> str:
    """What the option order depends on: each participant of a session sees the options in an order of their own."""
    return f"{session.code}:{participant.sender_id}"


def read_choice(text: str) -> tuple[int | None, str] | None:
    """(question number or None, option letter) from "B", "b)", "answer c", "3B", "c'est la c"; None when no single
    letter is named."""
    words = [word for word in _OPTION_WORD.findall(text) if _CHOICE.match(word)]
    if len(words) != 1:
        return None
    match = _CHOICE.match(words[0])
    assert match is not None
    return (int(match.group(1)) if match.group(1) else None), match.group(2).upper()


def _code_in(text: str) -> re.Match[str] | None:
    """The first word of `text` shaped like a join code."""
    return next((word for word in _WORD.finditer(text) if is_join_code(word.group().upper())), None)


def display_name(text: str) -> str | None:
    """The name after the code in "join K7Q2 as Amina" ("en tant que", "como"), cleaned of control characters and
    cut to a sensible length (so a name that looks like a code is no code, and "como" before the code no name)."""
    code = _code_in(text)
    match = _DISPLAY_NAME.match(text[code.end():]) if code else None
    if not match:
        return None
    cleaned = "".join(char for char in match.group(1) if unicodedata.category(char)[0] != "C")
    cleaned = " ".join(cleaned.split())[:MAX_DISPLAY_NAME].strip(" .!")
    return cleaned or None


@lru_cache(maxsize=1)
def default_trainer_service() -> TrainerService:
    """The service on the configured knowledge base and database (`RATIFY_KNOWLEDGE_DIR`, `RATIFY_DATABASE_URL`)."""
    return TrainerService(knowledge.load(), TrainerStore(open_engine(database_url())))  # one engine per URL
