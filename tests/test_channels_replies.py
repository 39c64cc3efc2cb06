"""What each messaging channel sends, caught by a local stand-in for Telegram's, Slack's and Meta's APIs: buttons
as an inline keyboard / blocks / quick replies, long replies split to each channel's limit. No internet needed.

`FakeAPIs` is also the stand-in the end-to-end webhook tests point the running server at.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestServer

from channels import facebook, slack, telegram
from channels.facebook import FacebookReplies, messenger_client
from channels.slack import SlackReplies
from channels.telegram import TelegramReplies

TELEGRAM_TOKEN = "123456:TEST-token"
TELEGRAM_BOT = "ratify_test_bot"
BUTTONS = [{"title": "What is Convention No. 102?", "payload": "What is Convention No. 102?"},
           {"title": "Europe and Central Asia", "payload": "Which countries in Europe and Central Asia have ratified "
                                                           "C102 and which Parts did each of them accept?"}]
LONG_REPORT = "\n\n".join(f"Part {n}\n" + "\n".join(f"  ✓ check {n}.{i} " + "x" * 60 for i in range(20))
                          for n in range(1, 8))


@dataclass
class Call:
    service: str  # telegram, slack, facebook
    method: str  # sendMessage, chat.postMessage, messages, ...
    data: dict[str, Any]


@dataclass
class FakeAPIs:
    """Telegram's Bot API under /telegram, Slack's Web API under /slack/api, the Graph API under /graph."""

    calls: list[Call] = field(default_factory=list)

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/telegram/bot{token}/{method}", self.telegram)
        app.router.add_post("/slack/api/{method}", self.slack)
        app.router.add_post("/graph/me/{method}", self.facebook)
        return app

    def of(self, service: str, method: str | None = None) -> list[Call]:
        return [c for c in self.calls if c.service == service and (method is None or c.method == method)]

    async def telegram(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        form = dict(await request.post())
        self.calls.append(Call("telegram", method, form))
        results: dict[str, Any] = {
            "getMe": {"id": 123456, "is_bot": True, "first_name": "Ratify", "username": TELEGRAM_BOT},
            "sendMessage": {"message_id": len(self.calls), "date": 0, "text": form.get("text", ""),
                            "chat": {"id": int(form.get("chat_id", 0)), "type": "private"}},
        }
        return web.json_response({"ok": True, "result": results.get(method, True)})

    async def slack(self, request: web.Request) -> web.Response:
        data = await request.json() if request.content_type == "application/json" else dict(await request.post())
        self.calls.append(Call("slack", request.match_info["method"], data))
        return web.json_response({"ok": True, "channel": data.get("channel"), "ts": "1700000000.000200"})

    async def facebook(self, request: web.Request) -> web.Response:
        data = await request.json()
        self.calls.append(Call("facebook", request.match_info["method"], data | {"query": dict(request.query)}))
        return web.json_response({"recipient_id": data["recipient"]["id"], "message_id": "m_1"})


def with_fake_apis(scenario: Callable[[FakeAPIs, str], Awaitable[None]]) -> FakeAPIs:
    """Runs `scenario(fake, base_url)` with the stand-in served locally; returns it with the calls it got."""
    fake = FakeAPIs()

    async def main() -> None:
        async with TestServer(fake.app(), host="127.0.0.1") as server:
            await scenario(fake, str(server.make_url("")).rstrip("/"))

    asyncio.run(main())
    return fake


def keyboard_of(call: Call) -> list[list[dict[str, str]]]:
    return json.loads(call.data["reply_markup"])["inline_keyboard"]


def test_telegram_buttons_are_an_inline_keyboard_one_a_row():
    async def scenario(fake: FakeAPIs, base: str) -> None:
        bot = TelegramReplies(TELEGRAM_TOKEN, f"{base}/telegram")
        await bot.send_text_with_buttons("42", "Hello!", BUTTONS)
        await bot.session.close()

    [sent] = with_fake_apis(scenario).of("telegram", "sendMessage")
    assert sent.data["chat_id"] == "42" and sent.data["text"] == "Hello!"
    rows = keyboard_of(sent)
    assert [row[0]["text"] for row in rows] == [b["title"] for b in BUTTONS]
    assert all(len(row) == 1 for row in rows)
    assert rows[0][0]["callback_data"] == BUTTONS[0]["payload"]
    long_key = rows[1][0]["callback_data"]
    assert len(long_key.encode()) <= telegram.CALLBACK_DATA_BYTES
    assert telegram.PAYLOADS.payload(long_key) == BUTTONS[1]["payload"]  # the webhook turns the key back


def test_telegram_splits_a_long_report_and_puts_the_keyboard_on_the_last_part():
    async def scenario(fake: FakeAPIs, base: str) -> None:
        bot = TelegramReplies(TELEGRAM_TOKEN, f"{base}/telegram")
        await bot.send_text_with_buttons("42", LONG_REPORT, BUTTONS)
        await bot.send_text_message("42", LONG_REPORT)
        await bot.session.close()

    sent = with_fake_apis(scenario).of("telegram", "sendMessage")
    half = len(sent) // 2
    assert half >= 3
    assert all(len(call.data["text"]) <= telegram.MESSAGE_LIMIT for call in sent)
    assert ["reply_markup" in call.data for call in sent[:half]] == [False] * (half - 1) + [True]
    assert "\n\n".join(call.data["text"] for call in sent[half:]) == LONG_REPORT


def test_slack_buttons_are_blocks_and_text_is_mrkdwn_sections():
    async def scenario(fake: FakeAPIs, base: str) -> None:
        await SlackReplies("xoxb-test", api_url=f"{base}/slack/api/").send_text_with_buttons(
            "D123", "See https://normlex.ilo.org/x & more\n- one", BUTTONS)

    [posted] = with_fake_apis(scenario).of("slack", "chat.postMessage")
    assert posted.data["channel"] == "D123"
    section, actions = posted.data["blocks"]
    assert section == {"type": "section",
                       "text": {"type": "mrkdwn", "text": "See <https://normlex.ilo.org/x> &amp; more\n• one"}}
    assert [(e["text"]["text"], e["value"]) for e in actions["elements"]] == [(b["title"], b["payload"])
                                                                              for b in BUTTONS]
    assert posted.data["text"] == section["text"]["text"]  # the notification fallback


def test_slack_splits_a_long_report_into_sections_of_3000():
    async def scenario(fake: FakeAPIs, base: str) -> None:
        await SlackReplies("xoxb-test", api_url=f"{base}/slack/api/").send_text_message("D123", LONG_REPORT)

    [posted] = with_fake_apis(scenario).of("slack", "chat.postMessage")
    texts = [block["text"]["text"] for block in posted.data["blocks"]]
    assert len(texts) >= 3
    assert all(len(text) <= slack.SECTION_LIMIT for text in texts)


def test_facebook_buttons_are_quick_replies_with_short_titles_and_long_texts_are_split():
    async def scenario(fake: FakeAPIs, base: str) -> None:
        bot = FacebookReplies(messenger_client("page-token", f"{base}/graph"))
        await bot.send_text_with_buttons("U1", LONG_REPORT, BUTTONS)

    sent = with_fake_apis(scenario).of("facebook", "messages")
    assert len(sent) >= 5
    assert all(len(call.data["message"]["text"]) <= facebook.MESSAGE_LIMIT for call in sent)
    assert all(call.data["recipient"] == {"id": "U1"} for call in sent)
    assert sent[0].data["query"]["access_token"] == "page-token"
    replies = sent[-1].data["message"]["quick_replies"]
    assert [r["title"] for r in replies] == ["What is Convention …", "Europe and Central …"]
    assert [r["payload"] for r in replies] == [b["payload"] for b in BUTTONS]
    assert all("quick_replies" not in call.data["message"] for call in sent[:-1])
