"""Two Rasa servers sharing PostgreSQL (tracker store) and Redis (lock store): a conversation may move between
them at every turn and gets the same answers as on one server, and messages of one sender arriving at both at
once are handled one after the other."""

from __future__ import annotations

import asyncio
import re
import uuid

import aiohttp
import pytest
from conftest import REST_HEADERS, Prod, text_of

from bot.store.assessments import CODE_LENGTH

pytestmark = pytest.mark.integration

# a question, then the eligibility check (a form): slots and the form's place must travel between servers
SCRIPT = ["hello", "Can my country ratify C102?", "Ghana", "no", "old age", "employees", "62%",
          "What replacement rate does C102 require for old-age benefit?", "about 42 percent"]
SENDERS = 20
REFERENCE_CODE = re.compile(rf"(reference is |resume )[A-Z0-9]{{{CODE_LENGTH}}}")


def normalised(messages: list[dict]) -> str:
    """The reply's text with the random reference code of a saved assessment replaced."""
    return REFERENCE_CODE.sub(r"\1CODE", text_of(messages))


async def converse(session: aiohttp.ClientSession, urls: list[str], sender: str) -> list[str]:
    """SCRIPT as `sender`, turn i on urls[i % len(urls)]; the replies."""
    replies = []
    for turn, message in enumerate(SCRIPT):
        url = f"{urls[turn % len(urls)]}/webhooks/rest/webhook"
        async with session.post(url, json={"sender": sender, "message": message}, headers=REST_HEADERS) as reply:
            assert reply.status == 200, await reply.text()
            replies.append(normalised(await reply.json()))
    return replies


async def conversations(urls_of: list[list[str]]) -> list[list[str]]:
    timeout = aiohttp.ClientTimeout(total=300)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        return await asyncio.gather(*(converse(session, urls, f"scale-{uuid.uuid4().hex[:10]}") for urls in urls_of))


def test_conversations_alternating_between_two_servers_get_the_answers_of_one_server(healthy: Prod):
    one, two = healthy.rasa_url(0), healthy.rasa_url(1)
    [reference] = asyncio.run(conversations([[one]]))
    assert "Which country is this check for?" in reference[1]
    assert "Part V — Old-age benefit (4/7)" in reference[-1]
    # half start on the first server, half on the second; every turn changes server; all 20 at once
    alternating = asyncio.run(conversations([[one, two] if i % 2 else [two, one] for i in range(SENDERS)]))
    for replies in alternating:
        assert replies == reference


def test_messages_of_one_sender_arriving_at_both_servers_at_once_are_not_interleaved(healthy: Prod, sender: str):
    urls = [healthy.rasa_url(0), healthy.rasa_url(1)]

    async def send_all() -> list[list[dict]]:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=300)) as session:
            async def one(index: int) -> list[dict]:
                body = {"sender": sender, "message": "What is Convention No. 102?"}
                async with session.post(f"{urls[index % 2]}/webhooks/rest/webhook", json=body,
                                        headers=REST_HEADERS) as reply:
                    assert reply.status == 200, await reply.text()
                    return await reply.json()
            return await asyncio.gather(*(one(i) for i in range(SENDERS)))

    replies = asyncio.run(send_all())
    assert all("Convention, 1952 (No. 102)" in text_of(reply) for reply in replies), replies
    events = healthy.events(sender)
    assert sum(1 for event in events if event[1] == "user") == SENDERS  # no message lost
    # each user message is followed by its own actions up to action_listen before the next message starts; a
    # session the tracker store rolls over to (channels/tracker_store.py) opens with its own events, after a turn
    turns: list[list[tuple]] = []
    current: list[tuple] | None = None
    for event in events:
        if event[1] == "user":
            current = []
            turns.append(current)
        elif event[1] == "session_started":
            current = None
        elif current is not None:
            current.append(event)
    for turn in turns:
        actions = [event[2] for event in turn if event[1] == "action"]
        assert actions and actions[-1] == "action_listen", actions
        assert actions.count("action_listen") == 1, actions
