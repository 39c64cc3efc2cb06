"""Slack through Rasa's connector (`/webhooks/slack/webhook`, requests checked against the signing secret), with
replies Slack can show: the text as mrkdwn section blocks of at most 3000 characters, buttons as an actions block,
and the Events API URL verification answered the way Slack now requires (the challenge as plain text).

`api_url` (credentials; `SLACK_API_URL`) points the Web API client elsewhere (e.g. GovSlack's endpoint).
Senders are `slack:<member id>` (`channels.senders`).
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.slack import SlackBot, SlackInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from slack_sdk.web.async_client import AsyncWebClient

from channels.api_url import ApiUrlCredential
from channels.formatting import shorten, split_message, to_slack_mrkdwn
from channels.senders import SLACK, LocalRecipients, namespaced

SECTION_LIMIT = 3000
BLOCKS_PER_MESSAGE = 50
BUTTONS_PER_BLOCK = 25
BUTTON_TITLE_LIMIT = 75
BUTTON_VALUE_LIMIT = 2000


def section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def actions(buttons: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Slack button blocks (a block holds at most 25 buttons)."""
    elements = [{"type": "button", "text": {"type": "plain_text", "text": shorten(b["title"], BUTTON_TITLE_LIMIT)},
                 "value": b["payload"][:BUTTON_VALUE_LIMIT]} for b in buttons]
    return [{"type": "actions", "elements": elements[start : start + BUTTONS_PER_BLOCK]}
            for start in range(0, len(elements), BUTTONS_PER_BLOCK)]


class SlackReplies(LocalRecipients, SlackBot):
    """Slack's output channel with the replies shaped for Slack."""

    def __init__(self, token: str, slack_channel: str | None = None, thread_id: str | None = None,
                 proxy: str | None = None, api_url: str | None = None) -> None:
        super().__init__(token, slack_channel, thread_id, proxy)
        if api_url:
            self.client = AsyncWebClient(token, proxy=proxy, base_url=api_url)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self._post_blocks(recipient_id, text, [])

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        await self._post_blocks(recipient_id, text, actions(buttons))

    async def _post_blocks(self, recipient_id: str, text: str, extra: list[dict[str, Any]]) -> None:
        """One message per 50 blocks; `text` is the notification and accessibility fallback."""
        sections = [section(part) for part in split_message(to_slack_mrkdwn(text), SECTION_LIMIT)]
        blocks = sections + extra
        for start in range(0, len(blocks), BLOCKS_PER_MESSAGE):
            chunk = blocks[start : start + BLOCKS_PER_MESSAGE]
            fallback = next((b["text"]["text"] for b in chunk if b["type"] == "section"), " ")
            await self._post_message(channel=self.slack_channel or recipient_id, text=fallback, blocks=chunk)


class SlackChannel(ApiUrlCredential, SlackInput):
    """Rasa's Slack input with `SlackReplies` as its output."""

    @classmethod
    def name(cls) -> str:
        return "slack"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        blueprint = super().blueprint(namespaced(SLACK, on_new_message))
        blueprint.on_response(challenge_as_text)
        return blueprint

    def get_output_channel(self, channel: str | None = None, thread_id: str | None = None) -> OutputChannel:
        return SlackReplies(self.slack_token, channel or self.slack_channel, thread_id, self.proxy, self.api_url)


async def challenge_as_text(request: Request, answer: HTTPResponse) -> HTTPResponse | None:
    """Rasa answers Slack's (signed) URL verification with the challenge as a JSON string; Slack wants the bare
    value as text/plain (or a JSON object)."""
    if answer.status != 200 or request.method != "POST" or request.content_type != "application/json":
        return None
    try:
        body = json.loads(request.body or b"")
    except ValueError:
        return None
    if isinstance(body, dict) and body.get("type") == "url_verification":
        return response.text(str(body.get("challenge", "")))
    return None
