"""End to end: both servers running, the bot answered over the REST webhook, bad input refused cleanly."""

from __future__ import annotations

import uuid

import pytest
import requests

from bot import knowledge

pytestmark = pytest.mark.e2e


def say(servers, message: str, sender: str | None = None) -> list[dict]:
    reply = requests.post(servers.webhook, json={"sender": sender or uuid.uuid4().hex, "message": message}, timeout=60)
    assert reply.status_code == 200, reply.text
    return reply.json()


def texts(replies: list[dict]) -> str:
    return "\n".join(r.get("text", "") for r in replies)


def test_greeting_offers_the_three_jobs_as_buttons(servers):
    replies = say(servers, "hello")
    assert "ILO Ratify Assistant" in texts(replies)
    buttons = [b["title"] for r in replies for b in r.get("buttons", [])]
    assert any("eligibility" in title for title in buttons)


def test_capabilities_menu(servers):
    replies = say(servers, "what can you do?")
    assert "eligibility check" in texts(replies)
    assert len([b for r in replies for b in r.get("buttons", [])]) >= 3


def test_out_of_scope_is_refused_politely(servers):
    assert "outside what I know" in texts(say(servers, "tell me a joke about the weather"))


def test_not_understood_twice_hands_off_to_the_ilo_contact(servers):
    sender = uuid.uuid4().hex
    first = texts(say(servers, "zqxv blorf wibble", sender))
    second = texts(say(servers, "plonk quazzle frumble", sender))
    contact = knowledge.load().campaign.contact_email
    assert "rephrase" in first and contact not in first
    assert contact in second


def test_asked_to_ratify_a_recommendation_the_bot_explains_and_starts_no_check(servers):
    sender = uuid.uuid4().hex
    # read as a question on Conventions and Recommendations or as "start the check": either way, no check starts
    reply = texts(say(servers, "can we ratify R202?", sender))
    assert "cannot be ratified" in reply and "Which country is this check for?" not in reply
    # the check's own action, reached whatever the classifier says: it explains and offers the check of C102
    reply = texts(say(servers, '/start_assessment{"convention": "R202"}', sender))
    assert "cannot be ratified" in reply and "C102 is a Convention, open to ratification" in reply
    assert "Which country is this check for?" not in reply
    assert "Which country is this check for?" in texts(say(servers, "/start_assessment", sender))


def test_emoji_only_gets_a_reply(servers):
    assert say(servers, "🙂🙂🙂"), "the bot should answer something"


@pytest.mark.parametrize(
    ("body", "status", "problem"),
    [
        ({"sender": "a"}, 400, "'message' is missing"),
        ({"sender": "a", "message": ""}, 400, "empty"),
        ({"sender": "a", "message": "   \n "}, 400, "empty"),
        ({"sender": "a", "message": 42}, 400, "must be a text"),
        ({"sender": {"id": 1}, "message": "hi"}, 400, "'sender'"),
        ({"sender": "a", "message": "x" * 5000}, 413, "limit"),
        (["not", "an", "object"], 400, "JSON object"),
    ],
)
def test_bad_requests_get_a_4xx_with_a_clear_message(servers, body, status, problem):
    reply = requests.post(servers.webhook, json=body, timeout=30)
    assert reply.status_code == status
    assert problem in reply.text
    assert "Traceback" not in reply.text


def test_a_body_that_is_not_json_is_refused(servers):
    reply = requests.post(servers.webhook, data=b"{not json", headers={"Content-Type": "application/json"}, timeout=30)
    assert reply.status_code == 400
    assert "must be JSON" in reply.text


def test_server_still_answers_after_bad_input(servers):
    requests.post(servers.webhook, data=b"\x00\xff", timeout=30)
    assert "ILO Ratify Assistant" in texts(say(servers, "hi"))
