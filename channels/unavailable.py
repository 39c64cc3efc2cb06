"""A polite reply instead of silence when a custom action cannot run (the action server is down or failing).

Rasa 3.6 catches the failure of a custom action inside its message processor, logs "Encountered an exception
while running action ..." and carries on without the action's events: the user gets no answer at all. The
channels wrap their `on_new_message` with `apologising`: while a message is processed, a logging handler on
Rasa's processor notes such failures for that message alone (a context variable, so concurrent conversations
do not see each other's), and once the message is handled the user gets `APOLOGY` on the same output channel.
The conversation is untouched: the next message, once the action server is back, is answered as usual.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Any

from rasa.core.channels.channel import UserMessage

APOLOGY = (
    "Sorry, I can't do that right now: part of the assistant is not responding. "
    "Please try again in a minute; your conversation is kept."
)
PROCESSOR_LOGGER = "rasa.core.processor"
FAILURE_PREFIX = "Encountered an exception while running action"

_failures: ContextVar[list[str] | None] = ContextVar("ratify_action_failures", default=None)
OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


class ActionFailureWatch(logging.Handler):
    """Notes Rasa's "could not run action" records for the message being processed in this context."""

    def emit(self, record: logging.LogRecord) -> None:
        failures = _failures.get()
        if failures is not None and str(record.msg).startswith(FAILURE_PREFIX):
            failures.append(record.getMessage())


def watch_action_failures() -> None:
    """Attach the watch to Rasa's processor logger (once per process)."""
    logger = logging.getLogger(PROCESSOR_LOGGER)
    if not any(isinstance(handler, ActionFailureWatch) for handler in logger.handlers):
        logger.addHandler(ActionFailureWatch(level=logging.ERROR))


def apologising(on_new_message: OnNewMessage) -> OnNewMessage:
    """`on_new_message` that adds `APOLOGY` to the reply when a custom action failed while handling it."""
    watch_action_failures()

    async def handle(message: UserMessage) -> None:
        failures: list[str] = []
        token = _failures.set(failures)
        try:
            await on_new_message(message)
        finally:
            _failures.reset(token)
        if failures and message.output_channel is not None:
            await message.output_channel.send_text_message(message.sender_id, APOLOGY)

    return handle
