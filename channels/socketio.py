"""The web chat's socket.io channel (`/socket.io` on the Rasa server, Rasa's `socketio` channel underneath).

Two changes to Rasa's channel: connections are accepted only from the allowed origins (`channels.config`: the
page's own, plus `RATIFY_ALLOWED_ORIGINS`) where Rasa accepts any; and each reply goes out as one markdown message
that the widget shows as written (lines kept, `- ` items as a list, URLs and e-mail addresses as links) where Rasa
sends every paragraph as a separate plain message. When a custom action cannot run, the reply says so
(`channels.unavailable`).

The sender id is the server's, not the browser's: `session_request` confirms an id the server minted
(`web:<32 hex digits>`, `channels.senders`) or mints a new one, and every message of that connection is handled
under the id confirmed to it, whatever `session_id` it carries. Metadata larger than `MAX_METADATA_BYTES` is
refused. The widget sends its metadata as `customData` (the page's language, `{"language": "fr"}`: web/static/
embed.js), which is where this channel reads it unless the credentials name another `metadata_key`.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint

from bot.plain_text import unreadable
from channels.config import allowed_origins
from channels.formatting import to_markdown
from channels.rest import MAX_MESSAGE_CHARS, MAX_METADATA_BYTES
from channels.senders import is_web_sender, new_web_sender
from channels.unavailable import apologising

TOO_LONG = f"Your message is too long: please keep it under {MAX_MESSAGE_CHARS} characters."
NOT_TEXT = "I can only read text: your message holds characters that are not (NUL or a broken character)."
SocketHandler = Callable[..., Awaitable[Any]]

TOO_MUCH_DATA = f"Your message carries too much data: keep its metadata under {MAX_METADATA_BYTES} bytes."
WIDGET_METADATA_KEY = "customData"  # where rasa-webchat puts a message's metadata


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

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        return super().from_credentials({"metadata_key": WIDGET_METADATA_KEY, **(credentials or {})})

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
        self.senders: dict[str, str] = {}  # socket id -> the sender id confirmed to it
        handlers = self.sio.handlers[self.namespace or "/"]
        self.sio.on("session_request", self.confirm_session, namespace=self.namespace)
        self.sio.on(self.user_message_evt, self.as_confirmed_sender(handlers[self.user_message_evt]),
                    namespace=self.namespace)
        self.sio.on("disconnect", self.forget_sender(handlers["disconnect"]), namespace=self.namespace)
        return blueprint

    async def confirm_session(self, sid: str, data: Any) -> None:
        """The browser's id if the server minted it (a returning visitor), else a new one."""
        wanted = data.get("session_id") if isinstance(data, dict) else None
        sender = wanted if is_web_sender(wanted) else new_web_sender()
        self.senders[sid] = sender
        self.sio.enter_room(sid, sender)  # replies go to the room of the sender id
        await self.sio.emit("session_confirm", sender, room=sid)

    def as_confirmed_sender(self, handle: SocketHandler) -> SocketHandler:
        """Rasa's message handler, called with the connection's confirmed sender id and metadata that is an object
        (else none); a message before `session_request`, one whose text is not a string, or one with oversized
        metadata is dropped (the last with a reply saying why)."""
        async def handle_message(sid: str, data: Any) -> None:
            sender = self.senders.get(sid)
            if sender is None or not isinstance(data, dict) or not isinstance(data.get("message"), str):
                return
            metadata = data.get(self.metadata_key)
            metadata = metadata if isinstance(metadata, dict) else {}
            if len(json.dumps(metadata, ensure_ascii=False).encode()) > MAX_METADATA_BYTES:
                await self.sio.emit(self.bot_message_evt, {"text": TOO_MUCH_DATA}, room=sid)
                return
            await handle(sid, {**data, "session_id": sender, self.metadata_key: metadata})

        return handle_message

    def forget_sender(self, handle: SocketHandler) -> SocketHandler:
        async def disconnect(sid: str) -> None:
            self.senders.pop(sid, None)
            await handle(sid)

        return disconnect

    def get_output_channel(self) -> WebChatOutput | None:
        if self.sio is None:
            return super().get_output_channel()
        return WebChatOutput(self.sio, self.bot_message_evt)
