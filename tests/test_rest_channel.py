"""The REST channel's input checks (the end-to-end test sends the same bodies to a running server)."""

from __future__ import annotations

import pytest
from sanic.exceptions import InvalidUsage, PayloadTooLarge

from channels.rest import MAX_MESSAGE_CHARS, checked_message, checked_sender


def test_good_message_and_sender_pass_through():
    body = {"sender": "abc", "message": "What is C102?"}
    assert checked_message(body) == "What is C102?"
    assert checked_sender(body) == "abc"


def test_numeric_sender_is_accepted_as_text_and_missing_sender_defaults():
    assert checked_sender({"sender": 7}) == "7"
    assert checked_sender({}) == "default"


@pytest.mark.parametrize("sender", [None, "", "  ", True, {"a": 1}, ["x"], "s" * 201])
def test_bad_senders_are_refused(sender):
    with pytest.raises(InvalidUsage, match="sender"):
        checked_sender({"sender": sender})


@pytest.mark.parametrize(("message", "problem"), [(None, "missing"), ("", "empty"), ("\t \n", "empty"),
                                                 (3, "must be a text"), (["hi"], "must be a text")])
def test_bad_messages_are_refused(message, problem):
    body = {} if message is None else {"message": message}
    with pytest.raises(InvalidUsage, match=problem):
        checked_message(body)


def test_message_at_the_limit_passes_and_one_more_character_is_too_large():
    assert checked_message({"message": "a" * MAX_MESSAGE_CHARS})
    with pytest.raises(PayloadTooLarge, match=f"{MAX_MESSAGE_CHARS + 1} characters"):
        checked_message({"message": "a" * (MAX_MESSAGE_CHARS + 1)})
