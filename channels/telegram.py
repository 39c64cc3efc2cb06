"""Telegram through Rasa's connector (`/webhooks/telegram/webhook`), with replies Telegram can show: long texts
split to its 4096-character limit, buttons as an inline keyboard with one button a row, and button payloads
longer than Telegram's 64-byte callback data sent as a short key that the webhook turns back into the payload.

A reply carrying the link to a check's report (the PDF) sends the document itself, made by the assessment service
from the database the actions save to (`RATIFY_DATABASE_URL`).

`api_url` (credentials; `TELEGRAM_API_URL`) points the bot at another Bot API server, e.g. a local one.

Only Telegram can post updates: the webhook is registered with a `secret_token` (`TELEGRAM_SECRET_TOKEN`, else
one derived from the bot's token), which Telegram sends back in `X-Telegram-Bot-Api-Secret-Token` with every
update; an update without it gets a 403. Rasa's open `/webhooks/telegram/set_webhook` is closed (404): the
webhook is registered once, when the server starts. Senders are `telegram:<chat id>` (`channels.senders`).

Each message's metadata carries the language the user's Telegram app is set to (`language_code`), as one of the
assistant's languages (`{"language": "fr"}`), for the conversation's language (actions/language.py).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import io
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Bot
from aiogram.bot.api import TELEGRAM_PRODUCTION, TelegramAPIServer
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from aiogram.utils.exceptions import TelegramAPIError
from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.telegram import TelegramInput, TelegramOutput
from rasa.shared.exceptions import RasaException
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.assessment.chat import REPORT_CAPTION, report_offered
from bot.assessment.service import ReportUnavailable, default_service
from bot.language import normalise
from bot.render.pdf import PdfUnavailable
from bot.render.report import report_filename
from bot.store import StoreUnavailable
from channels.formatting import split_message
from channels.senders import TELEGRAM, LocalRecipients, namespaced

MESSAGE_LIMIT = 4096
CALLBACK_DATA_BYTES = 64
KEY_PREFIX = "payload:"
KEPT_PAYLOADS = 10_000
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"

logger = logging.getLogger(__name__)


class LongPayloads:
    """Payloads too long for a button's callback data, behind short keys (in memory, the newest kept)."""

    def __init__(self, size: int = KEPT_PAYLOADS) -> None:
        self.size = size
        self._by_key: OrderedDict[str, str] = OrderedDict()

    def callback_data(self, payload: str) -> str:
        if len(payload.encode()) <= CALLBACK_DATA_BYTES:
            return payload
        key = KEY_PREFIX + hashlib.sha256(payload.encode()).hexdigest()[:32]
        self._by_key[key] = payload
        self._by_key.move_to_end(key)
        while len(self._by_key) > self.size:
            self._by_key.popitem(last=False)
        return key

    def payload(self, data: str) -> str:
        return self._by_key.get(data, data)


PAYLOADS = LongPayloads()


def derived_secret(access_token: str) -> str:
    """A webhook secret only the holder of the bot's token can know (Telegram allows A-Z, a-z, 0-9, _ and -)."""
    return hmac.new(access_token.encode(), b"ratify telegram webhook", hashlib.sha256).hexdigest()


class TelegramReplies(LocalRecipients, TelegramOutput):
    """Telegram's output channel with the replies shaped for Telegram."""

    def __init__(self, access_token: str, api_url: str | None = None) -> None:
        server = TelegramAPIServer.from_base(api_url) if api_url else TELEGRAM_PRODUCTION
        Bot.__init__(self, access_token, server=server)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        for part in split_message(await self.send_report(recipient_id, text), MESSAGE_LIMIT):
            await self.send_message(recipient_id, part)

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        text = await self.send_report(recipient_id, text)
        *first, last = split_message(text, MESSAGE_LIMIT) or [" "]
        for part in first:
            await self.send_message(recipient_id, part)
        keyboard = InlineKeyboardMarkup(row_width=1)
        keyboard.add(*(InlineKeyboardButton(b["title"], callback_data=PAYLOADS.callback_data(b["payload"]))
                       for b in buttons))
        await self.send_message(recipient_id, last, reply_markup=keyboard)

    async def send_report(self, recipient_id: str, text: str) -> str:
        """When `text` offers a check's report (`bot.assessment.chat.report_offered`), the report itself is sent as
        a PDF document, and the text comes back without the line of the link; otherwise (or when the PDF cannot be
        made) the text comes back as it is, link included."""
        code = report_offered(text)
        if code is None:
            return text
        try:
            pdf = await asyncio.get_running_loop().run_in_executor(None, report_pdf, code)  # CPU-bound: off the loop
        except (ReportUnavailable, PdfUnavailable, StoreUnavailable) as exc:
            logger.warning("report %s sent as a link, not as a document: %s", code, exc)
            return text
        document = InputFile(io.BytesIO(pdf), filename=report_filename(code))
        await self.send_document(recipient_id, document, caption=REPORT_CAPTION.format(code=code))
        return "\n".join(line for line in text.splitlines() if report_offered(line) is None)


def update_metadata(update: Any) -> dict[str, Any] | None:
    """The metadata of a Telegram update: its user's language (`from.language_code` of the message, the edited
    message or the button press), e.g. {"language": "fr"} for "fr" or "fr-CA"; None when it has none we speak."""
    if not isinstance(update, dict):
        return None
    for kind in ("callback_query", "edited_message", "message"):
        content = update.get(kind)
        if isinstance(content, dict) and isinstance(content.get("from"), dict):
            language = normalise(content["from"].get("language_code"))
            return {"language": language} if language else None
    return None


def report_pdf(code: str) -> bytes:
    """The PDF of the finished check with `code` (`AssessmentService.finished_report_pdf`)."""
    return default_service().finished_report_pdf(code)


class TelegramChannel(TelegramInput):
    """Rasa's Telegram input with `TelegramReplies` as its output."""

    @classmethod
    def name(cls) -> str:
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        if not credentials:
            cls.raise_missing_credentials_exception()
        return cls(credentials.get("access_token"), credentials.get("verify"), credentials.get("webhook_url"),
                   api_url=credentials.get("api_url"), secret_token=credentials.get("secret_token"))

    def __init__(self, access_token: str | None, verify: str | None, webhook_url: str | None,
                 debug_mode: bool = False, api_url: str | None = None, secret_token: str | None = None) -> None:
        super().__init__(access_token, verify, webhook_url, debug_mode)
        self.api_url = api_url
        self.secret_token = secret_token or derived_secret(access_token or "")

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        on_new_message = namespaced(TELEGRAM, on_new_message)

        async def with_payloads_restored(message: UserMessage) -> None:
            message.text = PAYLOADS.payload(message.text or "")
            await on_new_message(message)

        async def only_from_telegram(request: Request) -> HTTPResponse | None:
            return self.refusal(request)

        blueprint = super().blueprint(with_payloads_restored)
        blueprint.on_request(only_from_telegram)  # a function: Sanic 21.12 drops a bound method here
        return blueprint

    def get_metadata(self, request: Request) -> dict[str, Any] | None:
        """`{"language": ...}` from the `language_code` of the update's user (who wrote the message or pressed the
        button), when it is one of the assistant's languages; else no metadata."""
        return update_metadata(request.json)

    def refusal(self, request: Request) -> HTTPResponse | None:
        """404 for Rasa's `set_webhook` route, 405 for the webhook but by POST; 403 for an update without the
        webhook's secret token."""
        path = request.path.rstrip("/")
        if path.endswith("/set_webhook"):
            return response.text("not found", status=404)
        if path.endswith("/webhook") and request.method != "POST":
            return response.text("method not allowed", status=405)
        given = request.headers.get(SECRET_HEADER, "")
        if request.method == "POST" and not hmac.compare_digest(given.encode(), self.secret_token.encode()):
            logger.warning("Telegram webhook call without the right %s: refused", SECRET_HEADER)
            return response.text("forbidden", status=403)
        return None

    def get_output_channel(self) -> TelegramReplies:
        """The output channel; registers the webhook with Telegram (once, when the server starts)."""
        channel = TelegramReplies(self.access_token, self.api_url)
        try:
            asyncio.run(register_webhook(channel, self.webhook_url, self.secret_token))
        except TelegramAPIError as error:
            raise RasaException(f"Failed to set channel webhook: {error}") from error
        return channel


async def register_webhook(channel: TelegramReplies, url: str | None, secret_token: str) -> None:
    """Sets the webhook with its secret token (called directly: aiogram 2.15's `set_webhook` predates the
    parameter), then closes the HTTP session of this short-lived loop (the server's loop opens its own)."""
    try:
        await channel.request("setWebhook", {"url": url, "secret_token": secret_token})
    finally:
        await channel.session.close()
