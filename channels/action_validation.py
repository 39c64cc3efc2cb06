"""Validate the action server's responses with a validator built once, not once per action call.

Rasa 3.6 checks every response of the action server with `jsonschema.validate(result, schema)`, which first
re-checks the schema itself against the JSON Schema meta-schema. Profiling the Rasa server under load (py-spy,
10 concurrent senders, `README.md`, "Benchmarks") put 37 % of its time there. `install()` replaces Rasa's
method with the same validation (same schema, same best-matching error, same message) through one validator
whose schema was checked once. Rasa imports our channels at start-up, so `channels/__init__.py` installs it.
"""

from __future__ import annotations

import functools
from typing import Any

import jsonschema
from jsonschema.exceptions import best_match
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


@functools.cache
def response_validator() -> jsonschema.protocols.Validator:
    schema = RemoteAction.action_response_format_spec()
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    error = best_match(response_validator().iter_errors(result))
    if error is not None:
        error.message += (
            ". Failed to validate Action server response from API, make sure your response from the Action "
            f"endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


def install() -> None:
    RemoteAction._validate_action_result = validate_action_result
