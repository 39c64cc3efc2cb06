"""Facebook Messenger through Rasa's connector (`/webhooks/facebook/webhook`), with replies Messenger can show:
texts split to its 2000-character limit, buttons as quick replies (at most 13, titles cut to 20 characters), and
the Graph API called off the event loop. A wrong verify token gets a 403, and so does a body without a valid
`X-Hub-Signature-256` (HMAC-SHA256; Rasa's own check also takes MD5 or SHA-1 and compares with `==`). Both are
compared in constant time. Senders are `facebook:<page-scoped id>` (`channels.senders`).

`api_url` (credentials; `FACEBOOK_API_URL`) replaces the Graph API base URL (e.g. to pin a newer version).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from fbmessenger import MessengerClient
from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.facebook import FacebookInput, Messenger, MessengerBot
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.api_url import ApiUrlCredential
from channels.formatting import shorten, split_message
from channels.senders import FACEBOOK, LocalRecipients, namespaced

MESSAGE_LIMIT = 2000
QUICK_REPLIES = 13
QUICK_REPLY_TITLE_LIMIT = 20
QUICK_REPLY_PAYLOAD_LIMIT = 1000

logger = logging.getLogger(__name__)


def messenger_client(page_access_token: str, api_url: str | None) -> MessengerClient:
    client = MessengerClient(page_access_token)
    if api_url:
        client.graph_url = api_url.rstrip("/")
    return client


def quick_replies(buttons: list[dict[str, Any]]) -> list[dict[str, str]]:
    if len(buttons) > QUICK_REPLIES:
        logger.warning("Messenger shows at most %d quick replies; %d dropped", QUICK_REPLIES,
                       len(buttons) - QUICK_REPLIES)
    return [{"content_type": "text", "title": shorten(b["title"], QUICK_REPLY_TITLE_LIMIT),
             "payload": b["payload"][:QUICK_REPLY_PAYLOAD_LIMIT]} for b in buttons[:QUICK_REPLIES]]


def valid_signature(secret: str, body: bytes, header: str) -> bool:
    """True when `header` is `sha256=` and the HMAC-SHA256 of `body` under the app secret."""
    method, _, given = header.partition("=")
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return method == "sha256" and hmac.compare_digest(given.encode(), expected.encode())


def same_secret(given: str | None, expected: str) -> bool:
    return hmac.compare_digest((given or "").encode(), expected.encode())


class FacebookReplies(LocalRecipients, MessengerBot):
    """Messenger's output channel with the replies shaped for Messenger."""

    async def _send(self, recipient_id: str, message: dict[str, Any]) -> None:
        answer = await asyncio.to_thread(self.messenger_client.send, message, recipient_id, "RESPONSE")
        if isinstance(answer, dict) and "error" in answer:
            logger.error("Messenger refused a message to %s: %s", recipient_id, answer["error"])

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        for part in split_message(text, MESSAGE_LIMIT):
            await self._send(recipient_id, {"text": part})

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        *first, last = split_message(text, MESSAGE_LIMIT) or [" "]
        for part in first:
            await self._send(recipient_id, {"text": part})
        await self._send(recipient_id, {"text": last, "quick_replies": quick_replies(buttons)})

    async def send_action(self, recipient_id: str, sender_action: str) -> None:
        await asyncio.to_thread(self.messenger_client.send_action, sender_action, recipient_id)


class RatifyMessenger(Messenger):
    """Rasa's webhook event parser, answering through `FacebookReplies`."""

    def __init__(self, page_access_token: str, api_url: str | None,
                 on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        super().__init__(page_access_token, on_new_message)
        self.client = messenger_client(page_access_token, api_url)

    async def _handle_user_message(self, text: str, sender_id: str, metadata: dict[str, Any] | None) -> None:
        out_channel = FacebookReplies(self.client)
        await out_channel.send_action(sender_id, "mark_seen")
        await out_channel.send_action(sender_id, "typing_on")
        try:
            await self.on_new_message(
                UserMessage(text, out_channel, sender_id, input_channel=self.name(), metadata=metadata))
        except Exception:
            logger.exception("Exception when handling a Facebook message")
        finally:
            await out_channel.send_action(sender_id, "typing_off")


class FacebookChannel(ApiUrlCredential, FacebookInput):
    """Rasa's Facebook input with `FacebookReplies` as its output."""

    @classmethod
    def name(cls) -> str:
        return "facebook"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        on_new_message = namespaced(FACEBOOK, on_new_message)
        fb_webhook = Blueprint("fb_webhook", __name__)

        @fb_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @fb_webhook.route("/webhook", methods=["GET"])
        async def token_verification(request: Request) -> HTTPResponse:
            if same_secret(request.args.get("hub.verify_token"), self.fb_verify):
                return response.text(request.args.get("hub.challenge", ""))
            logger.warning("Facebook webhook verification with a wrong verify token")
            return response.text("invalid verify token", status=403)

        @fb_webhook.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not valid_signature(self.fb_secret, request.body, request.headers.get("X-Hub-Signature-256", "")):
                logger.warning("Facebook webhook call with a wrong signature: check FACEBOOK_SECRET")
                return response.text("not validated", status=403)
            messenger = RatifyMessenger(self.fb_access_token, self.api_url, on_new_message)
            await messenger.handle(request.json, self.get_metadata(request))
            return response.text("success")

        return fb_webhook

    def get_output_channel(self) -> OutputChannel:
        return FacebookReplies(messenger_client(self.fb_access_token, self.api_url))
