"""A session's quiz as CSV for a spreadsheet: every answer (`answers`), or every participant's score (`scores`).

Display names are typed by participants: a cell that a spreadsheet would run as a formula (=, +, -, @ first) is
written with a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable

from bot.i18n import N_, Translator, translator
from bot.store.trainer_sessions import Snapshot
from bot.trainer.dashboard import iso_time, pseudonym, questions_of, scores

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
ENGLISH = translator()
#: the columns: in English the names a script reads; in French and Spanish, headers for people (`?lang=`), and
#: the questions, options and articles in that language too
ANSWER_COLUMNS = (N_("session"), N_("participant"), N_("display_name"), N_("question"), N_("question_id"),
                  N_("prompt"), N_("answer"), N_("correct"), N_("right_answer"), N_("article"), N_("answered_at"))
SCORE_COLUMNS = (N_("session"), N_("participant"), N_("display_name"), N_("joined_at"), N_("answered"), N_("right"),
                 N_("questions"), N_("score_percent"))


def answers_rows(snapshot: Snapshot, t: Translator = ENGLISH) -> Iterable[list[object]]:
    session = snapshot.session
    questions = questions_of(session)
    people = {participant.id: participant for participant in snapshot.participants}
    yield [t.gettext(column) for column in ANSWER_COLUMNS]
    for answer in snapshot.answers:
        participant = people[answer.participant_id]
        question = questions[answer.question_index]
        yield [session.code, pseudonym(session, participant.sender_id), participant.display_name or "",
               answer.question_index + 1, question.id, question.prompt.get(t.lang),
               question.option_named(answer.choice).get(t.lang),
               t.gettext("yes") if answer.correct else t.gettext("no"), question.answer.get(t.lang),
               t.article(question.article), iso_time(answer.answered_at)]


def scores_rows(snapshot: Snapshot, t: Translator = ENGLISH) -> Iterable[list[object]]:
    total = len(snapshot.session.quiz)
    yield [t.gettext(column) for column in SCORE_COLUMNS]
    for person in scores(snapshot):
        percent = round(100 * person.right / person.answered) if person.answered else ""
        yield [snapshot.session.code, person.label, person.participant.display_name or "",
               iso_time(person.participant.joined_at), person.answered, person.right, total,
               percent]


EXPORTS: dict[str, Callable[[Snapshot, Translator], Iterable[list[object]]]] = {"answers": answers_rows,
                                                                                "scores": scores_rows}


def to_csv(rows: Iterable[list[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([_safe(value) for value in row])
    return out.getvalue()


def _safe(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
