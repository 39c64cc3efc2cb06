"""A whole trainer session against the running bot: the trainer creates it over the web API, three participants
join over Rasa's REST channel (typed code, with and without a name), take the quiz by buttons and by typed
letters, ask a question, run an eligibility check; the dashboard's JSON and the CSV show exactly their answers;
closing the session stops new joins."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
import requests

from bot.config import TRAINER_TOKEN_VARIABLE as TOKEN_VARIABLE
from bot.store.trainer_sessions import is_join_code
from bot.trainer.dashboard import pseudonym
from bot.trainer.quiz import LETTERS
from bot.trainer.service import default_trainer_service
from tests.test_channels_webhooks import serve_in_thread
from web.app import create_app

pytestmark = pytest.mark.e2e

TOKEN = "e2e-trainer-token-of-at-least-32-characters"
BEARER = {"Authorization": f"Bearer {TOKEN}"}
QUIZ_SIZE = 4


@pytest.fixture(scope="module")
def web_api() -> Iterator[str]:
    """The web app `make run` serves (`python -m web`), with the trainer token set."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv(TOKEN_VARIABLE, TOKEN)
        with serve_in_thread(create_app()) as url:
            yield url


@dataclass(frozen=True)
class Participant:
    webhook: str
    sender: str = field(default_factory=lambda: f"e2e-{uuid.uuid4().hex}")

    def say(self, message: str) -> list[dict]:
        reply = requests.post(self.webhook, json={"sender": self.sender, "message": message}, timeout=60)
        assert reply.status_code == 200, reply.text
        return reply.json()

    def text(self, message: str) -> str:
        return "\n".join(item.get("text", "") for item in self.say(message))


def answer_question(participant: Participant, messages: list[dict], questions: list[dict], right: bool,
                    by_button: bool) -> tuple[list[dict], str]:
    """Answers the question in `messages` right or wrong, by its button or by typing the letter; the bot's
    replies and the option chosen."""
    asked = next(m for m in messages if m.get("text", "").startswith("Question "))
    number = int(asked["text"].split()[1])
    question = questions[number - 1]
    assert f"Question {number} of {QUIZ_SIZE}: {question['prompt']}" in asked["text"]
    options = {button["title"].split(". ", 1)[1]: button for button in asked["buttons"]}
    chosen = question["answer"] if right else next(option for option in options if option != question["answer"])
    button = options[chosen]
    replies = participant.say(button["payload"] if by_button else button["title"][0])
    feedback = replies[0]["text"]
    assert feedback.startswith("Right:" if right else "Not quite:"), feedback
    assert question["article"] in feedback
    return replies, chosen


def test_a_whole_session_from_join_to_csv(servers, web_api):
    created = requests.post(f"{web_api}/trainer/sessions", json={"name": "Workshop Nairobi", "quiz": QUIZ_SIZE},
                            headers=BEARER, timeout=30)
    assert created.status_code == 201, created.text
    code = created.json()["code"]
    dashboard = f"{web_api}/trainer/{code}"
    questions = requests.get(f"{dashboard}/data.json", headers=BEARER, timeout=30).json()["questions"]

    amina, anonymous, kofi = (Participant(servers.webhook) for _ in range(3))
    assert "Welcome to “Workshop Nairobi”, Amina!" in amina.text(f"join {code} as Amina")
    assert "Welcome to “Workshop Nairobi”!" in anonymous.text(f"join {code.lower()}")
    welcome = kofi.say(f"I want to join {code} as Kofi")
    assert "Welcome to “Workshop Nairobi”, Kofi!" in welcome[0]["text"]
    assert welcome[0]["buttons"][0]["title"] == "Take the quiz"

    # the plan: Amina all right by buttons, the anonymous participant all wrong by letters, Kofi right then wrong
    # then stops after two questions to ask something
    plans = {amina: [(True, True)] * QUIZ_SIZE, anonymous: [(False, False)] * QUIZ_SIZE,
             kofi: [(True, False), (False, True)]}
    expected, last = [], {}
    for participant, plan in plans.items():
        messages = participant.say(welcome[0]["buttons"][0]["payload"])  # "Take the quiz"
        for number, (right, by_button) in enumerate(plan, 1):
            messages, chosen = answer_question(participant, messages, questions, right, by_button)
            expected.append((participant, number, chosen, right))
        last[participant] = messages[-1]["text"]
    assert "you got 4 of 4 right" in last[amina] and "you got 0 of 4 right" in last[anonymous]
    assert "ratif" in kofi.text("How does a country ratify C102?")
    anonymous.text("Can my country ratify C102?")
    anonymous.text("Ghana")
    assert "stop" in anonymous.text("stop").lower()

    data = requests.get(f"{dashboard}/data.json", headers=BEARER, timeout=30).json()
    session = default_trainer_service().session(code)
    label = {p: pseudonym(session, p.sender) for p in plans}
    assert [(p["participant"], p["display_name"], p["answered"], p["right"]) for p in data["participants"]] == [
        (label[amina], "Amina", 4, 4), (label[anonymous], None, 4, 0), (label[kofi], "Kofi", 2, 1)]
    assert [s["participants"] for s in data["scores"]] == [1, 0, 0, 0, 1]
    for question in data["questions"]:
        rows = [row for row in expected if row[1] == question["number"]]
        assert (question["answered"], question["right"]) == (len(rows), sum(row[3] for row in rows))
    assert data["topics"] == [{"topic": "procedure", "label": "The ratification procedure", "count": 1}]
    assert [(a["participant"], a["country"], a["status"]) for a in data["assessments"]] == [
        (label[anonymous], "Ghana", "stopped")]

    exported = requests.get(f"{dashboard}/answers.csv", headers=BEARER, timeout=30)
    assert exported.status_code == 200
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert [(row["participant"], int(row["question"]), row["answer"], row["correct"]) for row in rows] == [
        (label[p], number, chosen, "yes" if right else "no") for p, number, chosen, right in expected]

    closed = requests.post(f"{dashboard}/close", headers=BEARER, timeout=30)
    assert closed.json()["status"] == "closed"
    assert "is closed" in Participant(servers.webhook).text(f"join {code}")
    assert "Question 3 of 4" in kofi.text("back to the quiz")  # those already in carry on


def test_unknown_code_and_quiz_without_a_session(servers):
    stranger = Participant(servers.webhook)
    unknown = next(c for c in (f"{a}2{b}Z" for a in LETTERS for b in LETTERS)  # join codes mix letters and digits
                   if is_join_code(c) and default_trainer_service().session(c) is None)
    assert f"There is no training session with the code {unknown}" in stranger.text(f"join {unknown}")
    assert "you have not joined one" in stranger.text("take the quiz")
