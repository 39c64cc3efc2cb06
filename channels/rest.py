"""The REST channel with its input checked: a malformed request gets a 4xx and a clear message, never a 5xx.

Rasa's own `RestInput` turns a body that is not a JSON object, a missing `message` or a non-text sender into
a server error or a silent empty reply. This subclass keeps its URL (`/webhooks/rest/webhook`) and its
behaviour for good requests, and answers the others with 400/413 and a message saying what is wrong. When a
custom action cannot run, the reply says so (`channels.unavailable`).
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint
from sanic.exceptions import InvalidUsage, PayloadTooLarge
from sanic.request import Request

from bot.plain_text import first_unreadable
from channels.unavailable import apologising

MAX_MESSAGE_CHARS = 2000
MAX_SENDER_CHARS = 200
EXAMPLE_BODY = '{"sender": "me", "message": "What is Convention No. 102?"}'


def json_object(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(request.body or b"")
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: nested too deep
        raise InvalidUsage(f"the body must be JSON, e.g. {EXAMPLE_BODY}") from None
    if not isinstance(body, dict):
        raise InvalidUsage(f"the body must be a JSON object, e.g. {EXAMPLE_BODY}")
    bad = first_unreadable(body)
    if bad:
        raise InvalidUsage(f"'{bad}' holds characters that are not text (NUL or a lone surrogate)")
    return body


def checked_sender(body: dict[str, Any]) -> str:
    sender = body.get("sender", "default")
    if isinstance(sender, bool) or not isinstance(sender, (str, int)) or not str(sender).strip():
        raise InvalidUsage("'sender' must be a non-empty text")
    if len(str(sender)) > MAX_SENDER_CHARS:
        raise InvalidUsage(f"'sender' is longer than {MAX_SENDER_CHARS} characters")
    if not str(sender).isprintable():
        raise InvalidUsage("'sender' must be printable text (no control characters)")
    return str(sender)


def checked_message(body: dict[str, Any]) -> str:
    message = body.get("message")
    if message is None:
        raise InvalidUsage(f"'message' is missing, e.g. {EXAMPLE_BODY}")
    if not isinstance(message, str):
        raise InvalidUsage("'message' must be a text")
    if not message.strip():
        raise InvalidUsage("'message' is empty: type a question, e.g. \"What is Convention No. 102?\"")
    if len(message) > MAX_MESSAGE_CHARS:
        raise PayloadTooLarge(f"'message' has {len(message)} characters; the limit is {MAX_MESSAGE_CHARS}")
    return message


class ValidatingRestInput(RestInput):
    """`rest` channel whose sender and message are checked before the bot sees them."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        return super().blueprint(apologising(on_new_message))

    async def _extract_sender(self, req: Request) -> str:
        return checked_sender(json_object(req))

    def _extract_message(self, req: Request) -> str:
        return checked_message(json_object(req))

    def get_metadata(self, request: Request) -> dict[str, Any] | None:
        metadata = json_object(request).get("metadata")
        if metadata is not None and not isinstance(metadata, dict):
            raise InvalidUsage("'metadata' must be a JSON object")
        return metadata
