"""What each messaging channel sends, caught by a local stand-in for Telegram's, Slack's and Meta's APIs: buttons
as an inline keyboard / blocks / quick replies, long replies split to each channel's limit, a check's report sent as
a PDF document on Telegram. No internet needed.

`FakeAPIs` is also the stand-in the end-to-end webhook tests point the running server at.
"""

from __future__ import annotations

import asyncio
import io
import json
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from pypdf import PdfReader
from test_assessment_service import THREE_PARTS

from bot.assessment import chat
from bot.assessment import service as assessment_service
from bot.assessment.service import AssessmentService, default_service
from bot.config import report_url
from bot.render.pdf import PdfUnavailable
from channels import facebook, slack, telegram
from channels.facebook import FacebookReplies, messenger_client
from channels.slack import SlackReplies
from channels.telegram import TelegramReplies
from tests.conftest import on_own_database

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
        """A file sent (sendDocument) is kept as its bytes, its name under `<field>_filename`."""
        method = request.match_info["method"]
        form: dict[str, Any] = {}
        for name, value in (await request.post()).items():
            if isinstance(value, web.FileField):
                form[name], form[f"{name}_filename"] = value.file.read(), value.filename
            else:
                form[name] = value
        self.calls.append(Call("telegram", method, form))
        message = {"message_id": len(self.calls), "date": 0, "chat": {"id": int(form.get("chat_id", 0)),
                                                                        "type": "private"}}
        results: dict[str, Any] = {
            "getMe": {"id": 123456, "is_bot": True, "first_name": "Ratify", "username": TELEGRAM_BOT},
            "sendMessage": message | {"text": form.get("text", "")},
            "sendDocument": message | {"document": {"file_id": "F1", "file_unique_id": "U1"}},
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


# -- the report as a document on Telegram ---------------------------------------------------------------------------
@pytest.fixture
def saved_checks(tmp_path, monkeypatch) -> Iterator[AssessmentService]:
    """The service the Telegram channel makes reports with, on its own database."""
    yield from on_own_database(tmp_path / "checks.db", monkeypatch, default_service)


def telegram_sends(*texts: str) -> FakeAPIs:
    """The calls the Telegram output makes to send `texts` (the last with buttons)."""
    async def scenario(fake: FakeAPIs, base: str) -> None:
        bot = TelegramReplies(TELEGRAM_TOKEN, f"{base}/telegram")
        for text in texts[:-1]:
            await bot.send_text_message("42", text)
        await bot.send_text_with_buttons("42", texts[-1], BUTTONS)
        await bot.session.close()

    return with_fake_apis(scenario)


def offer(code: str) -> str:
    return chat.DOWNLOAD_REPORT.format(url=report_url(code))


def test_telegram_sends_the_report_offered_as_a_pdf_document(saved_checks):
    code = default_service().finish(THREE_PARTS).code
    fake = telegram_sends(offer(code), f"Next steps:\n{offer(code)}")
    sent = fake.of("telegram", "sendDocument")
    assert [call.data["chat_id"] for call in sent] == ["42", "42"]
    document = sent[0].data
    assert document["document_filename"] == f"C102-report-{code}.pdf"
    assert document["caption"] == f"The report of check {code}, to print and circulate."
    assert document["document"].startswith(b"%PDF")
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(document["document"])).pages)
                    .split())
    assert "Morocco could ratify C102 as described (Art. 2)" in text and code in text
    # the link's line is left out: nothing else in the first message, the rest of the second with its keyboard
    [message] = fake.of("telegram", "sendMessage")
    assert message.data["text"] == "Next steps:" and keyboard_of(message)


def test_telegram_keeps_the_link_when_no_finished_check_has_the_code_or_no_pdf_can_be_made(saved_checks,
                                                                                            monkeypatch):
    unfinished = default_service().store.save({"country": "Chile"}, status="in_progress")
    finished = default_service().finish(THREE_PARTS).code
    quoted = f"See {report_url(finished)}"  # a link not offered on a line of its own: plain text

    def no_pango(html: str) -> bytes:
        raise PdfUnavailable("no Pango")

    fake = telegram_sends(offer("ZZZZ2345ZZ"), offer(unfinished), quoted)
    monkeypatch.setattr(assessment_service, "html_to_pdf", no_pango)
    fake_without_pdf = telegram_sends(offer(finished))
    assert fake.of("telegram", "sendDocument") == [] == fake_without_pdf.of("telegram", "sendDocument")
    assert [call.data["text"] for call in fake.of("telegram", "sendMessage")] == [
        offer("ZZZZ2345ZZ"), offer(unfinished), quoted]
    assert [call.data["text"] for call in fake_without_pdf.of("telegram", "sendMessage")] == [offer(finished)]
