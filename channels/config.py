"""Which Rasa channels run, from environment variables.

`python -m channels.config --out var/credentials.yml` writes the credentials `make run` starts Rasa with: the
committed `credentials.yml` as it is (the validating REST channel and the web chat's socket.io, which tests and a
plain `rasa run` use too), plus each messaging channel whose environment variables are set. A channel with none of
its variables set is left out (nothing of it runs); one with only some of them stops the start with a message
naming the missing variable.

`RATIFY_REST_TOKEN` (at least 32 characters) makes the REST channel require `Authorization: Bearer <token>`;
production mode's nginx publishes the REST channel only then.

The web chat's socket.io accepts connections from the page's own origin (`RATIFY_WEB_URL`, default
http://localhost:8000) and from the origins listed in `RATIFY_ALLOWED_ORIGINS` (comma or space separated).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from bot.config import PROJECT_ROOT, REST_TOKEN_VARIABLE, extra_allowed_origins, public_url, short_secret

BASE_CREDENTIALS = PROJECT_ROOT / "credentials.yml"
REST = "channels.rest.ValidatingRestInput"
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]")
DEFAULT_PORTS = {"http": 80, "https": 443}


class ChannelConfigError(ValueError):
    """A channel's settings are incomplete or malformed."""


@dataclass(frozen=True)
class MessagingChannel:
    title: str
    connector: str
    required: dict[str, str]  # environment variable -> credentials key
    optional: dict[str, str] = field(default_factory=dict)

    @property
    def variables(self) -> dict[str, str]:
        return {**self.required, **self.optional}


MESSAGING_CHANNELS = (
    MessagingChannel("Telegram", "channels.telegram.TelegramChannel",
                     {"TELEGRAM_TOKEN": "access_token", "TELEGRAM_BOT_NAME": "verify",
                      "TELEGRAM_WEBHOOK_URL": "webhook_url"},
                     {"TELEGRAM_API_URL": "api_url", "TELEGRAM_SECRET_TOKEN": "secret_token"}),
    MessagingChannel("Slack", "channels.slack.SlackChannel",
                     {"SLACK_TOKEN": "slack_token", "SLACK_SIGNING_SECRET": "slack_signing_secret"},
                     {"SLACK_CHANNEL": "slack_channel", "SLACK_API_URL": "api_url"}),
    MessagingChannel("Facebook Messenger", "channels.facebook.FacebookChannel",
                     {"FACEBOOK_VERIFY": "verify", "FACEBOOK_SECRET": "secret",
                      "FACEBOOK_PAGE_ACCESS_TOKEN": "page-access-token"},
                     {"FACEBOOK_API_URL": "api_url"}),
)


def messaging_credentials(env: Mapping[str, str]) -> dict[str, dict[str, str]]:
    """The credentials of every messaging channel with its variables set, by connector class."""
    found: dict[str, dict[str, str]] = {}
    for channel in MESSAGING_CHANNELS:
        given = {name: env[name].strip() for name in channel.variables if env.get(name, "").strip()}
        if not given:
            continue
        missing = [name for name in channel.required if name not in given]
        if missing:
            raise ChannelConfigError(
                f"{channel.title} is half configured ({', '.join(given)} set): {' and '.join(missing)} "
                f"{'is' if len(missing) == 1 else 'are'} missing. Set {', '.join(channel.required)} "
                f"to switch it on, or none of them to leave it off (README, 'Messaging channels')."
            )
        found[channel.connector] = {channel.variables[name]: value for name, value in given.items()}
    return found


def rest_credentials(env: Mapping[str, str]) -> dict[str, dict[str, str]]:
    """The REST channel's token, when `RATIFY_REST_TOKEN` is set (refused when shorter than 32 characters)."""
    token = env.get(REST_TOKEN_VARIABLE, "").strip()
    problem = short_secret(REST_TOKEN_VARIABLE, token)
    if problem:
        raise ChannelConfigError(problem)
    return {REST: {"token": token}} if token else {}


def credentials(env: Mapping[str, str], base: Path = BASE_CREDENTIALS) -> dict[str, object]:
    """`base`, with the REST token if set, plus the messaging channels switched on."""
    entries = yaml.safe_load(base.read_text(encoding="utf-8")) or {}
    return entries | rest_credentials(env) | messaging_credentials(env)


def origin_of(url: str) -> str:
    """`scheme://host[:port]` as a browser sends it in `Origin` (no path, no default port)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ChannelConfigError(f"{url.strip()!r} is not a web origin such as https://www.example.org")
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    port = f":{parts.port}" if parts.port and parts.port != DEFAULT_PORTS[parts.scheme] else ""
    return f"{parts.scheme}://{host}{port}"


def page_origins() -> list[str]:
    """The web page's origin; on a loopback address, every loopback name for it (localhost, 127.0.0.1, [::1])."""
    page = urlsplit(public_url())
    if page.hostname not in {host.strip("[]") for host in LOOPBACK_HOSTS}:
        return [origin_of(public_url())]
    port = page.port or DEFAULT_PORTS.get(page.scheme, 80)
    return [origin_of(f"{page.scheme}://{host}:{port}") for host in LOOPBACK_HOSTS]


def allowed_origins() -> list[str]:
    """The origins whose pages may open the web chat's socket.io: the page's own and `RATIFY_ALLOWED_ORIGINS`
    ("*" lets any site in)."""
    extra = extra_allowed_origins()
    return list(dict.fromkeys(page_origins() + [name if name == "*" else origin_of(name) for name in extra]))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m channels.config", description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, default=BASE_CREDENTIALS, help="credentials file to start from")
    parser.add_argument("--out", type=Path, help="where to write the credentials (default: standard output)")
    args = parser.parse_args(argv)
    try:
        found = credentials(os.environ, args.base)
        origins = allowed_origins()
    except ChannelConfigError as problem:
        print(f"channels: {problem}", file=sys.stderr)
        return 2
    text = yaml.safe_dump(found, sort_keys=False)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.touch(mode=0o600)
        args.out.chmod(0o600)  # it holds the channels' secrets
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    names = [connector.rsplit(".", 1)[-1] for connector in found]
    print(f"channels: {', '.join(names)}; web chat origins: {' '.join(origins)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
