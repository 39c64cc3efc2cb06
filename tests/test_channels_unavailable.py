"""The polite reply when a custom action cannot run (channels.unavailable), without a Rasa server."""

from __future__ import annotations

import asyncio
import inspect
import logging

import rasa.core.processor
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from channels.unavailable import APOLOGY, FAILURE_PREFIX, PROCESSOR_LOGGER, apologising


def test_rasa_still_logs_the_failure_the_watch_looks_for():
    assert FAILURE_PREFIX in inspect.getsource(rasa.core.processor.MessageProcessor._run_action)


async def process(text: str) -> None:
    """Stands in for Rasa's processor: a message saying "fail" makes a custom action fail as Rasa logs it."""
    await asyncio.sleep(0.01)
    if "fail" in text:
        try:
            raise ConnectionError("cannot connect to the action server")
        except ConnectionError:
            logging.getLogger(PROCESSOR_LOGGER).exception(f"{FAILURE_PREFIX} 'action_answer'. Bot will continue")


async def on_new_message(message: UserMessage) -> None:
    await process(message.text or "")


def ask(text: str) -> list[dict]:
    async def run() -> list[dict]:
        collector = CollectingOutputChannel()
        await apologising(on_new_message)(UserMessage(text, collector, "someone"))
        return collector.messages

    return asyncio.run(run())


def test_a_failed_custom_action_gets_the_apology():
    assert [message["text"] for message in ask("please fail")] == [APOLOGY]


def test_a_message_handled_normally_gets_no_apology():
    assert ask("hello") == []


def test_only_the_conversation_whose_action_failed_is_told():
    async def run() -> tuple[list[dict], list[dict]]:
        failing, fine = CollectingOutputChannel(), CollectingOutputChannel()
        handle = apologising(on_new_message)
        await asyncio.gather(handle(UserMessage("fail", failing, "a")), handle(UserMessage("hi", fine, "b")))
        return failing.messages, fine.messages

    failing, fine = asyncio.run(run())
    assert [message["text"] for message in failing] == [APOLOGY]
    assert fine == []


def test_other_errors_of_the_processor_are_not_taken_for_a_failed_action():
    async def other_error(message: UserMessage) -> None:
        logging.getLogger(PROCESSOR_LOGGER).error("Could not find a model")

    async def run() -> list[dict]:
        collector = CollectingOutputChannel()
        await apologising(other_error)(UserMessage("hi", collector, "c"))
        return collector.messages

    assert asyncio.run(run()) == []
