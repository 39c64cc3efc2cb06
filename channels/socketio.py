"""The web chat's socket.io channel (`/socket.io` on the Rasa server, Rasa's `socketio` channel underneath).

Two changes to Rasa's channel: connections are accepted only from the allowed origins (`channels.config`: the
page's own, plus `RATIFY_ALLOWED_ORIGINS`) where Rasa accepts any; and each reply goes out as one markdown message
that the widget shows as written (lines kept, `- ` items as a list, URLs and e-mail addresses as links) where Rasa
sends every paragraph as a separate plain message. When a custom action cannot run, the reply says so
(`channels.unavailable`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint

from bot.plain_text import unreadable
from channels.config import allowed_origins
from channels.formatting import to_markdown
from channels.rest import MAX_MESSAGE_CHARS
from channels.unavailable import apologising

TOO_LONG = f"Your message is too long: please keep it under {MAX_MESSAGE_CHARS} characters."
NOT_TEXT = "I can only read text: your message holds characters that are not (NUL or a broken character)."


class WebChatOutput(SocketIOOutput):
    """Rasa's socket.io output with each reply as one markdown message, buttons as the widget's quick replies."""

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self._send_message(recipient_id, {"text": to_markdown(text)})

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        replies = [{"content_type": "text", "title": b["title"], "payload": b["payload"]} for b in buttons]
        await self._send_message(recipient_id, {"text": to_markdown(text), "quick_replies": replies})


class WebChatInput(SocketIOInput):
    """Rasa's socket.io input, closed to other origins, answering through `WebChatOutput`."""

    @classmethod
    def name(cls) -> str:
        return "socketio"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        on_new_message = apologising(on_new_message)

        async def answer_on_the_web(message: UserMessage) -> None:
            message.output_channel = self.get_output_channel()
            if len(message.text or "") > MAX_MESSAGE_CHARS:
                await message.output_channel.send_text_message(message.sender_id, TOO_LONG)
                return
            if unreadable(message.text or "") or unreadable(message.sender_id or ""):
                await message.output_channel.send_text_message(message.sender_id, NOT_TEXT)
                return
            await on_new_message(message)

        blueprint = super().blueprint(answer_on_the_web)
        self.sio.eio.cors_allowed_origins = allowed_origins()
        return blueprint

    def get_output_channel(self) -> WebChatOutput | None:
        if self.sio is None:
            return super().get_output_channel()
        return WebChatOutput(self.sio, self.bot_message_evt)
