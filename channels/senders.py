"""Each channel has its own namespace of sender ids, so that no channel can speak as another channel's user.

A conversation, its saved check and its trainer participation are keyed by the sender id alone. Telegram chat ids,
Slack member ids and Messenger page-scoped ids are not secret, so the messaging channels store theirs as
`telegram:<chat id>`, `slack:<member id>`, `facebook:<psid>` (`namespaced`), and their output channels strip the
prefix again before calling the platform (`LocalRecipients`). The web chat's ids are minted by the server as
`web:<32 hex digits>` (`new_web_sender`; `channels.socketio`). The REST channel refuses a sender that claims one of
these namespaces (`claims_namespace`), so a REST client cannot open another channel's conversation.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import OutputChannel, UserMessage

WEB, TELEGRAM, SLACK, FACEBOOK = "web", "telegram", "slack", "facebook"
NAMESPACES = (WEB, TELEGRAM, SLACK, FACEBOOK)
_CLAIMED = re.compile(rf"^\s*({'|'.join(NAMESPACES)})\s*:", re.IGNORECASE)
_WEB_SENDER = re.compile(rf"^{WEB}:[0-9a-f]{{32}}$")

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


def claims_namespace(sender: str) -> bool:
    """True when `sender` looks like another channel's id (`telegram:42`, ` Web :…`), whatever the case."""
    return bool(_CLAIMED.match(sender))


def new_web_sender() -> str:
    """A fresh web chat sender id, random and unguessable."""
    return f"{WEB}:{uuid.uuid4().hex}"


def is_web_sender(value: object) -> bool:
    """True for an id `new_web_sender` could have minted."""
    return isinstance(value, str) and bool(_WEB_SENDER.match(value))


def local_id(sender_id: str) -> str:
    """The platform's own id behind a namespaced sender id (`telegram:42` -> `42`); other ids unchanged."""
    namespace, colon, rest = sender_id.partition(":")
    return rest if colon and namespace in NAMESPACES else sender_id


def namespaced(namespace: str, on_new_message: OnNewMessage) -> OnNewMessage:
    """`on_new_message` for a channel whose senders live under `namespace:`."""
    async def handle(message: UserMessage) -> None:
        message.sender_id = f"{namespace}:{message.sender_id}"
        await on_new_message(message)

    return handle


class LocalRecipients(OutputChannel):
    """Mixin for a messaging channel's output: replies go to the platform's id, without the namespace."""

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        await super().send_response(local_id(recipient_id), message)
