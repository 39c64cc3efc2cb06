"""Rasa's check of the action server's responses, with the validator built once: same verdicts, same errors."""

from __future__ import annotations

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

import channels  # noqa: F401  (installs the validation, as Rasa's loading of our channels does)
from channels import action_validation

GOOD = {"events": [{"event": "slot", "name": "country", "value": "MA"}],
        "responses": [{"text": "Morocco ratified C102 in 2019.", "buttons": []}]}
BAD = {"events": [{"name": "country", "value": "MA"}], "responses": []}  # an event without its type


def test_rasa_uses_the_prebuilt_validator():
    assert RemoteAction._validate_action_result is action_validation.validate_action_result


def test_a_good_response_passes_and_a_bad_one_fails_as_with_jsonschema_validate():
    schema = RemoteAction.action_response_format_spec()
    action = RemoteAction("action_answer_instrument", None)
    assert action._validate_action_result(GOOD) is True
    jsonschema.validate(GOOD, schema)
    with pytest.raises(jsonschema.ValidationError) as ours:
        action._validate_action_result(BAD)
    with pytest.raises(jsonschema.ValidationError) as reference:
        jsonschema.validate(BAD, schema)
    assert ours.value.message.startswith(reference.value.message)
    assert "Failed to validate Action server response" in ours.value.message


def test_the_schema_is_checked_once():
    action_validation.response_validator.cache_clear()
    for _ in range(3):
        RemoteAction("a", None)._validate_action_result(GOOD)
    assert action_validation.response_validator.cache_info().misses == 1
