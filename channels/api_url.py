"""The optional `api_url` credential shared by the Slack and Messenger channels.

It points a channel's API client at another server: a local fake in the tests, a proxy or a pinned API version
in production. Rasa's own `from_credentials` ignores unknown keys, so the mixin reads it after them.
"""

from __future__ import annotations

from typing import Any

from rasa.core.channels.channel import InputChannel


class ApiUrlCredential:
    """Mixin for an `InputChannel` subclass: keeps `credentials["api_url"]` (None when absent) as `api_url`."""

    api_url: str | None = None

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        channel = super().from_credentials(credentials)  # type: ignore[misc]
        channel.api_url = (credentials or {}).get("api_url")
        return channel
