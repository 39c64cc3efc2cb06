"""A trainer session in the domain, on a database of its own: create, join by code (unknown, closed, again), the
quiz turn by turn with the first answer counting, topics, and what the dashboard and the CSV exports show."""

from __future__ import annotations

import csv
import hashlib
import io
import time

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from bot import knowledge
from bot.answers import Command
from bot.assessment.service import AssessmentService
from bot.config import PSEUDONYM_KEY_VARIABLE
from bot.i18n import translator
from bot.store import AssessmentStore, TrainerStore, open_engine
from bot.store.models import Base
from bot.store.trainer_sessions import CLOSED, JOIN_CODE_LENGTH, is_join_code
from bot.throttle import FAILED_LOOKUPS, TooManyAttempts
from bot.trainer import chat, quiz
from bot.trainer.dashboard import dashboard, pseudonym, pseudonym_key, questions_of
from bot.trainer.export import EXPORTS, to_csv
from bot.trainer.quiz import LETTERS
from bot.trainer.service import Answered, Joined, TrainerInputError, TrainerService, display_name, read_choice
from tests.test_assessment_service import THREE_PARTS

KB = knowledge.load()


@pytest.fixture
def engine(tmp_path):
    return open_engine(f"sqlite:///{tmp_path / 'trainer.db'}")


@pytest.fixture
def service(engine) -> TrainerService:
    return TrainerService(KB, TrainerStore(engine))


def letter_of(turn, option: str) -> str:
    return LETTERS[turn.options.index(option)]


def wrong_letter(turn) -> str:
    return letter_of(turn, turn.question.wrong[0])


def right_letter(turn) -> str:
    return letter_of(turn, turn.question.answer)


def test_a_session_gets_a_short_code_and_a_quiz_of_the_size_asked(service):
    session = service.create("  Workshop   Nairobi ", 4)
    assert session.name == "Workshop Nairobi" and session.is_open
    assert len(session.code) == JOIN_CODE_LENGTH and is_join_code(session.code)
    assert session.quiz == [question.to_dict() for question in quiz.session_quiz(KB, 4, session.code)]
    assert service.session(session.code.lower()) == session
    assert [s.code for s in service.sessions()] == [session.code]


@pytest.mark.parametrize(("name", "size", "problem"), [
    ("", 10, "give the session a name"), ("x" * 121, 10, "too long"), ("Workshop", 0, "1 to"),
])
def test_a_session_asked_badly_is_refused_with_the_reason(service, name, size, problem):
    with pytest.raises(TrainerInputError, match=problem):
        service.create(name, size)


def test_join_by_code_with_a_name_and_again(service):
    session = service.create("Workshop Nairobi", 3)
    joined = service.join("s1", f"join {session.code.lower()} as Amina")
    assert joined.status is Joined.JOINED and joined.session == session
    assert joined.participant.display_name == "Amina"
    assert service.join("s1", f"join {session.code}").status is Joined.AGAIN
    text = chat.join_reply(joined).text
    assert "Welcome to “Workshop Nairobi”, Amina!" in text and "3 questions" in text


def test_join_without_a_code_with_an_unknown_code_and_once_closed(service):
    assert service.join("s1", "join please").status is Joined.NO_CODE
    # a Convention's or a Recommendation's number, a year, a Part, a date is no join code
    for text in ("what is convention C999 about?", "join R205", "is c 130 ratified", "Part V in 2024", "the 25th"):
        assert service.join("s1", text).status is Joined.NO_CODE, text
    unknown = service.join("s1", "join ZZ2Z")
    assert (unknown.status, unknown.code) == (Joined.UNKNOWN, "ZZ2Z")
    assert "no training session with the code ZZ2Z" in chat.join_reply(unknown).text
    # a word of four letters is no code: "the trainer told us to type join R4ZM" joins R4ZM, not "TYPE"
    assert service.join("s1", "the trainer told us to type join R4ZM").code == "R4ZM"

    session = service.create("Workshop", 2)
    service.join("early", f"join {session.code}")
    closed = service.close(session.code)
    assert closed.status == CLOSED and closed.closed_at is not None
    late = service.join("late", f"join {session.code}")
    assert late.status is Joined.CLOSED
    assert "is closed" in chat.join_reply(late).text
    assert "Workshop" not in chat.join_reply(late).text  # a closed session's name is not told to whoever tries
    assert service.join("early", f"join {session.code}").status is Joined.AGAIN  # already in: still welcome


def test_a_name_that_looks_like_a_code_is_not_taken_for_one(service):
    session = service.create("Workshop", 2)
    other = service.create("Other", 2)
    joined = service.join("s1", f"join {session.code} as {other.code}")
    assert joined.session.code == session.code and joined.participant.display_name == other.code


def test_the_quiz_turn_by_turn_right_wrong_and_the_score(service):
    session = service.create("Workshop", 3)
    service.join("s1", f"join {session.code}")
    first = service.turn("s1")
    assert (first.number, first.total, first.answered) == (1, 3, 0)
    assert first.question.to_dict() == session.quiz[0]

    right = service.answer("s1", f"I think it's {right_letter(first).lower()}")
    assert right.status is Answered.RIGHT and right.turn.number == 2
    assert chat.answer_reply(right)[0].text.startswith(f"Right: {first.question.answer} ({first.question.article})")

    second = right.turn
    wrong = service.answer("s1", f"{second.number}{wrong_letter(second)}")  # an option button
    assert wrong.status is Answered.WRONG
    feedback = chat.answer_reply(wrong)[0].text
    assert f"Not quite: the answer is {right_letter(second)}. {second.question.answer}" in feedback

    third = wrong.turn
    done = service.answer("s1", right_letter(third))
    assert done.turn.finished and (done.turn.right, done.turn.answered) == (2, 3)
    assert "you got 2 of 3 right" in chat.answer_reply(done)[-1].text
    assert service.answer("s1", "A").status is Answered.FINISHED


def test_answers_that_cannot_count(service):
    session = service.create("Workshop", 2)
    assert service.answer("stranger", "A") is None
    service.join("s1", f"join {session.code}")
    turn = service.turn("s1")
    assert service.answer("s1", "maybe").status is Answered.NO_CHOICE
    assert service.answer("s1", "a or b").status is Answered.NO_CHOICE
    beyond = LETTERS[len(turn.options)] if len(turn.options) < len(LETTERS) else None
    if beyond:
        assert service.answer("s1", beyond).status is Answered.NOT_OFFERED
    assert service.answer("s1", f"2{right_letter(turn)}").status is Answered.STALE  # a button of another question
    assert service.turn("s1").answered == 0
    service.answer("s1", f"1{right_letter(turn)}")
    again = service.answer("s1", f"1{wrong_letter(turn)}")  # the same button clicked again
    assert again.status is Answered.STALE and service.turn("s1").right == 1
    reply = chat.answer_reply(again)
    assert reply[0].text == chat.STALE and reply[1].text.startswith("Question 2 of 2:")


def test_each_option_has_a_button_that_names_the_question(service):
    session = service.create("Workshop", 2)
    service.join("s1", f"join {session.code}")
    turn = service.turn("s1")
    reply = chat.turn_reply(turn)
    assert [b.payload for b in reply.buttons] == [Command("quiz_choice", f"1{letter}")
                                                  for letter in LETTERS[:len(turn.options)]]
    assert [b.title for b in reply.buttons] == [f"{LETTERS[i]}. {o}" for i, o in enumerate(turn.options)]


def test_topics_count_for_participants_only(service):
    session = service.create("Workshop", 2)
    service.join("s1", f"join {session.code}")
    assert service.record_topic("s1", "requirement")
    assert service.record_topic("s1", "requirement")
    assert service.record_topic("s1", "procedure")
    assert not service.record_topic("outsider", "procedure")
    assert service.snapshot(session.code).topics == [("requirement", 2), ("procedure", 1)]


@pytest.mark.parametrize(("text", "choice"), [
    ("B", (None, "B")), ("b)", (None, "B")), ("answer c", (None, "C")), ("3D", (3, "D")), ("10a", (10, "A")),
    ("E", None), ("a or b", None), ("", None),
    ("c'est la c", (None, "C")), ("je crois que c’est d", (None, "D")), ("d'accord, b", (None, "B")),
])
def test_reading_a_choice(text, choice):
    assert read_choice(text) == choice


@pytest.mark.parametrize(("text", "name"), [
    ("join K7Q2 as Amina", "Amina"), ("join K7Q2 AS  Fatima  Zahra.", "Fatima Zahra"), ("join K7Q2", None),
    ("join K7Q2 as \x07", None), (f"join K7Q2 as {'x' * 60}", "x" * 40),
    ("rejoindre K7Q2 en tant que Claire", "Claire"), ("rejoindre k7q2 en tant qu'Amina", "Amina"),
    ("unirme a K7Q2 como Lucía", "Lucía"), ("como me uno a K7Q2", None), ("join K7Q2 asap", None),
])
def test_reading_a_display_name(text, name):
    assert display_name(text) == name


def played(service: TrainerService, engine) -> tuple[str, dict[str, list[bool]]]:
    """A session where three participants answered: all right, all wrong, and only the first question."""
    session = service.create("Workshop Nairobi", 3)
    plan = {"p1": [True, True, True], "p2": [False, False, False], "p3": [True]}
    for sender, answers in plan.items():
        service.join(sender, f"join {session.code} as {sender.upper()}" if sender != "p3" else f"join {session.code}")
        for correct in answers:
            turn = service.turn(sender)
            service.answer(sender, right_letter(turn) if correct else wrong_letter(turn))
    service.record_topic("p1", "requirement")
    AssessmentService(KB, AssessmentStore(engine)).finish(THREE_PARTS, sender_id="p2")
    return session.code, plan


def test_the_dashboard_shows_exactly_what_happened(service, engine):
    code, _ = played(service, engine)
    data = dashboard(service.snapshot(code), "http://example.test/?join=" + code)
    session = service.session(code)
    assert data["session"]["name"] == "Workshop Nairobi" and data["session"]["questions"] == 3
    assert [(p["participant"], p["display_name"], p["answered"], p["right"]) for p in data["participants"]] == [
        (pseudonym(session, "p1"), "P1", 3, 3), (pseudonym(session, "p2"), "P2", 3, 0),
        (pseudonym(session, "p3"), None, 1, 1)]
    assert [s["participants"] for s in data["scores"]] == [1, 0, 0, 1]  # p1 all right, p2 none; p3 not finished
    assert [(q["answered"], q["right"], q["share_right"]) for q in data["questions"]] == [
        (3, 2, 0.667), (2, 1, 0.5), (2, 1, 0.5)]
    assert data["topics"] == [{"topic": "requirement", "label": "Requirements per branch", "count": 1}]
    (assessment,) = data["assessments"]
    assert assessment["participant"] == pseudonym(session, "p2") and assessment["status"] == "finished"
    assert assessment["verdict"].startswith("could ratify: Parts ")
    assert "p1" not in str(data)  # sender ids never leave the database


def test_the_dashboard_lists_the_checks_without_their_codes(service, engine):
    code, _ = played(service, engine)
    data = dashboard(service.snapshot(code), "http://example.test/?join=" + code)
    (saved,) = service.snapshot(code).assessments
    assert data["assessments"] and "code" not in data["assessments"][0]
    assert saved.code not in str(data)


def test_a_closed_session_stops_counting_its_participants_checks(service, engine):
    session = service.create("Workshop", 1)
    service.join("p1", f"join {session.code}")
    checks = AssessmentService(KB, AssessmentStore(engine))
    checks.finish(THREE_PARTS, sender_id="p1")
    service.close(session.code)
    time.sleep(0.01)  # a check started after the close, however soon
    checks.finish(THREE_PARTS, sender_id="p1")
    assert len(service.snapshot(session.code).assessments) == 1


def test_a_join_looks_up_one_code_and_unknown_codes_are_throttled_per_sender(service, monkeypatch):
    looked_up: list[str] = []
    get = service.store.get
    monkeypatch.setattr(service.store, "get", lambda code: looked_up.append(code) or get(code))
    session = service.create("Workshop", 1)
    assert service.join("s1", "join ZZ2Z YY2Y XX2X WW2W").status is Joined.UNKNOWN
    assert looked_up == ["ZZ2Z"]
    for _ in range(FAILED_LOOKUPS - 1):
        service.join("s1", "join ZZ2Z")
    with pytest.raises(TooManyAttempts):
        service.join("s1", f"join {session.code}")
    assert service.join("s2", f"join {session.code}").status is Joined.JOINED


def test_pseudonyms_are_keyed_with_the_server_secret(service, monkeypatch):
    session = service.create("Workshop", 1)
    unkeyed = "P-" + hashlib.sha256(f"{session.code}:p1".encode()).hexdigest()[:6]
    labels = []
    for key in ("first-secret", "second-secret"):
        monkeypatch.setenv(PSEUDONYM_KEY_VARIABLE, key)
        pseudonym_key.cache_clear()
        labels.append((pseudonym(session, "p1"), pseudonym(session, "p1")))
    pseudonym_key.cache_clear()
    assert all(first == again for first, again in labels)  # stable under one key
    assert labels[0][0] != labels[1][0] and unkeyed not in (labels[0][0], labels[1][0])


def test_assessments_from_before_joining_are_not_the_sessions(service, engine):
    AssessmentService(KB, AssessmentStore(engine)).finish(THREE_PARTS, sender_id="p1")
    session = service.create("Workshop", 1)
    service.join("p1", f"join {session.code}")
    assert service.snapshot(session.code).assessments == []


def test_csv_exports_list_every_answer_and_every_score(service, engine):
    code, plan = played(service, engine)
    session = service.session(code)
    answers = list(csv.DictReader(io.StringIO(to_csv(EXPORTS["answers"](service.snapshot(code))))))
    assert [(row["participant"], row["question"], row["correct"]) for row in answers] == [
        (pseudonym(session, sender), str(number), "yes" if correct else "no")
        for sender, results in plan.items() for number, correct in enumerate(results, 1)]
    for row in answers:
        question = session.quiz[int(row["question"]) - 1]
        assert row["right_answer"] == question["answer"]["en"] and row["prompt"] == question["prompt"]["en"]
        assert (row["answer"] == question["answer"]["en"]) == (row["correct"] == "yes")
    scores = list(csv.DictReader(io.StringIO(to_csv(EXPORTS["scores"](service.snapshot(code))))))
    assert [(r["display_name"], r["answered"], r["right"], r["score_percent"]) for r in scores] == [
        ("P1", "3", "3", "100"), ("P2", "3", "0", "0"), ("", "1", "1", "100")]


def test_a_display_name_cannot_smuggle_a_spreadsheet_formula(service):
    session = service.create("Workshop", 1)
    service.join("s1", f"join {session.code} as =HYPERLINK(1)")
    (row,) = list(csv.DictReader(io.StringIO(to_csv(EXPORTS["scores"](service.snapshot(session.code))))))
    assert row["display_name"] == "'=HYPERLINK(1)"


def test_the_migrations_make_exactly_the_tables_of_the_models(engine):
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    assert {"trainer_sessions", "trainer_participants", "trainer_quiz_answers", "trainer_topics"} <= set(
        Base.metadata.tables)


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_the_dashboard_in_the_trainers_language(service, engine, lang):
    """The same figures as in English; the questions, answers, articles, topics, verdict and join words in `lang`."""
    t = translator(lang)
    code, _ = played(service, engine)
    snapshot = service.snapshot(code)
    english, data = dashboard(snapshot, "http://example.test/"), dashboard(snapshot, "http://example.test/", t)
    assert [(q["id"], q["answered"], q["right"]) for q in data["questions"]] == [
        (q["id"], q["answered"], q["right"]) for q in english["questions"]]
    assert data["participants"] == english["participants"] and data["scores"] == english["scores"]
    for shown, question in zip(data["questions"], questions_of(snapshot.session), strict=True):
        assert shown["prompt"] == question.prompt.get(lang) != question.prompt
        assert shown["answer"] == question.answer.get(lang) and shown["article"] == t.article(question.article)
        assert shown["article"] != question.article
    (topic,) = data["topics"]
    assert topic["label"] == t.gettext("Requirements per branch") != "Requirements per branch"
    (assessment,) = data["assessments"]
    could = {"fr": "pourrait ratifier : parties ", "es": "podría ratificar: partes "}[lang]
    assert assessment["verdict"].startswith(could)
    assert data["session"]["join_words"] == {"fr": f"rejoindre {code}", "es": f"unirme a {code}"}[lang]
    assert data["session"]["language"] == lang and english["session"]["join_words"] == f"join {code}"


def test_the_csv_answers_in_french_name_the_options_in_french(service, engine):
    code, _ = played(service, engine)
    snapshot = service.snapshot(code)
    t = translator("fr")
    rows = list(csv.DictReader(io.StringIO(to_csv(EXPORTS["answers"](snapshot, t)))))
    questions = questions_of(snapshot.session)
    assert rows and list(rows[0])[5:8] == ["Énoncé", "Réponse", "Correcte"]
    for row, answer in zip(rows, snapshot.answers, strict=True):
        question = questions[answer.question_index]
        values = list(row.values())
        prompt, chosen, correct, right_answer, article = values[5], values[6], values[7], values[8], values[9]
        assert prompt == question.prompt.get("fr") and right_answer == question.answer.get("fr")
        assert chosen == question.option_named(answer.choice).get("fr")  # the option chosen, in French
        assert chosen != answer.choice or question.kind == "convention"  # a Convention's id is the same in French
        assert (chosen == right_answer) == (correct == "oui") == answer.correct
        assert article == t.article(question.article)
