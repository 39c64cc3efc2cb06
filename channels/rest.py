"""The REST channel with its input checked: a malformed request gets a 4xx and a clear message, never a 5xx.

Rasa's own `RestInput` turns a body that is not a JSON object, a missing `message` or a non-text sender into
a server error or a silent empty reply. This subclass keeps its URL (`/webhooks/rest/webhook`) and its
behaviour for good requests, and answers the others with 400/413 and a message saying what is wrong.
"""

from __future__ import annotations

import json
from typing import Any

from rasa.core.channels.rest import RestInput
from sanic.exceptions import InvalidUsage, PayloadTooLarge
from sanic.request import Request

MAX_MESSAGE_CHARS = 2000
MAX_SENDER_CHARS = 200
EXAMPLE_BODY = '{"sender": "me", "message": "What is Convention No. 102?"}'


def json_object(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(request.body or b"")
    except (ValueError, UnicodeDecodeError):
        raise InvalidUsage(f"the body must be JSON, e.g. {EXAMPLE_BODY}") from None
    if not isinstance(body, dict):
        raise InvalidUsage(f"the body must be a JSON object, e.g. {EXAMPLE_BODY}")
    return body


def checked_sender(body: dict[str, Any]) -> str:
    sender = body.get("sender", "default")
    if isinstance(sender, bool) or not isinstance(sender, (str, int)) or not str(sender).strip():
        raise InvalidUsage("'sender' must be a non-empty text")
    if len(str(sender)) > MAX_SENDER_CHARS:
        raise InvalidUsage(f"'sender' is longer than {MAX_SENDER_CHARS} characters")
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

    async def _extract_sender(self, req: Request) -> str:
        return checked_sender(json_object(req))

    def _extract_message(self, req: Request) -> str:
        return checked_message(json_object(req))
