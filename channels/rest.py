"""The REST channel with its input checked: a malformed request gets a 4xx and a clear message, never a 5xx.

Rasa's own `RestInput` turns a body that is not a JSON object, a missing `message` or a non-text sender into
a server error or a silent empty reply. This subclass keeps its URL (`/webhooks/rest/webhook`) and its
behaviour for good requests, and answers the others with 400/413 and a message saying what is wrong. When a
custom action cannot run, the reply says so (`channels.unavailable`).

A sender that looks like another channel's (`telegram:42`, `web:…`) is refused (`channels.senders`), the input
channel is always `rest`, and metadata is capped. With a `token` credential (`RATIFY_REST_TOKEN`), every request
needs `Authorization: Bearer <token>` (401 otherwise); production mode's nginx publishes the channel only then.
A client may give the conversation's language as `metadata.language` ("en", "fr", "es": actions/language.py).
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint
from sanic.exceptions import InvalidUsage, PayloadTooLarge, Unauthorized
from sanic.request import Request

from bot.plain_text import first_unreadable
from channels.senders import NAMESPACES, claims_namespace
from channels.unavailable import apologising

MAX_MESSAGE_CHARS = 2000
MAX_SENDER_CHARS = 200
MAX_METADATA_BYTES = 4096  # stored with every event of the conversation
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
    if claims_namespace(str(sender)):
        raise InvalidUsage(f"'sender' must not start with another channel's prefix ({', '.join(NAMESPACES)} "
                           f"and ':')")
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


def checked_metadata(body: dict[str, Any]) -> dict[str, Any] | None:
    metadata = body.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        raise InvalidUsage("'metadata' must be a JSON object")
    size = len(json.dumps(metadata, ensure_ascii=False).encode()) if metadata else 0
    if size > MAX_METADATA_BYTES:
        raise PayloadTooLarge(f"'metadata' has {size} bytes as JSON; the limit is {MAX_METADATA_BYTES}")
    return metadata


def check_token(request: Request, token: str | None) -> None:
    """Nothing when no token is configured or the request bears it; else `Unauthorized` (401)."""
    if token is None:
        return
    scheme, _, given = (request.headers.get("Authorization") or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise Unauthorized("this REST channel needs 'Authorization: Bearer <token>'", scheme="Bearer")


class ValidatingRestInput(RestInput):
    """`rest` channel whose sender and message are checked before the bot sees them."""

    def __init__(self, token: str | None = None) -> None:
        self.token = token or None

    @classmethod
    def name(cls) -> str:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> ValidatingRestInput:
        return cls((credentials or {}).get("token"))

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        return super().blueprint(apologising(on_new_message))

    async def _extract_sender(self, req: Request) -> str:  # Rasa's handler reads the sender first
        check_token(req, self.token)
        return checked_sender(json_object(req))

    def _extract_message(self, req: Request) -> str:
        return checked_message(json_object(req))

    def _extract_input_channel(self, req: Request) -> str:
        return self.name()  # never what the body claims (Rasa takes its "input_channel")

    def get_metadata(self, request: Request) -> dict[str, Any] | None:
        return checked_metadata(json_object(request))
