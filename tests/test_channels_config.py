"""Channels switched on by environment variables: absent = off, partial = a clear error, and the socket.io
origins closed to the page's own unless RATIFY_ALLOWED_ORIGINS opens them."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from bot.config import PROJECT_ROOT
from channels.config import (
    MESSAGING_CHANNELS,
    REST,
    ChannelConfigError,
    allowed_origins,
    credentials,
    messaging_credentials,
    origin_of,
)

WEB_CHAT = "channels.socketio.WebChatInput"

FULL = {
    "TELEGRAM_TOKEN": "123:abc", "TELEGRAM_BOT_NAME": "ratify_bot", "TELEGRAM_WEBHOOK_URL": "https://x.org/hook",
    "SLACK_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s3cret",
    "FACEBOOK_VERIFY": "v", "FACEBOOK_SECRET": "fs", "FACEBOOK_PAGE_ACCESS_TOKEN": "pat",
}


def test_no_variables_no_messaging_channel():
    assert messaging_credentials({}) == {}
    assert messaging_credentials({"TELEGRAM_TOKEN": "  "}) == {}


def test_the_committed_credentials_name_our_own_channels_and_run_as_they_are():
    """Rasa's own `rest` and `socketio` would accept any input and any origin: tests, `rasa run` and `make run`
    all get the validating REST channel and the web chat's socket.io from the committed file."""
    committed = yaml.safe_load((PROJECT_ROOT / "credentials.yml").read_text())
    assert set(committed) == {REST, WEB_CHAT}
    assert committed[WEB_CHAT]["session_persistence"] is True
    assert credentials({}) == committed


def test_all_channels_on_with_their_credential_keys():
    found = messaging_credentials(FULL | {"SLACK_CHANNEL": "#ratify"})
    assert found == {
        "channels.telegram.TelegramChannel": {"access_token": "123:abc", "verify": "ratify_bot",
                                              "webhook_url": "https://x.org/hook"},
        "channels.slack.SlackChannel": {"slack_token": "xoxb-1", "slack_signing_secret": "s3cret",
                                        "slack_channel": "#ratify"},
        "channels.facebook.FacebookChannel": {"verify": "v", "secret": "fs", "page-access-token": "pat"},
    }


@pytest.mark.parametrize("channel", MESSAGING_CHANNELS, ids=lambda c: c.title)
def test_a_partial_set_names_each_missing_variable(channel):
    first, *others = channel.required
    with pytest.raises(ChannelConfigError) as raised:
        messaging_credentials({first: "x"})
    for name in others:
        assert name in str(raised.value)


def test_an_optional_variable_alone_switches_the_channel_on_and_fails():
    with pytest.raises(ChannelConfigError, match="SLACK_TOKEN and SLACK_SIGNING_SECRET are missing"):
        messaging_credentials({"SLACK_CHANNEL": "#x"})


def test_the_command_fails_fast_naming_the_variable(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "SLACK_TOKEN": "xoxb-1"}
    done = subprocess.run([sys.executable, "-m", "channels.config", "--out", str(tmp_path / "c.yml")],
                          cwd=PROJECT_ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 2
    assert "SLACK_SIGNING_SECRET is missing" in done.stderr
    assert not (tmp_path / "c.yml").exists()


def test_the_command_writes_the_credentials(tmp_path):
    out = tmp_path / "var" / "credentials.yml"
    done = subprocess.run([sys.executable, "-m", "channels.config", "--out", str(out)],
                          cwd=PROJECT_ROOT, env={"PATH": "/usr/bin:/bin"} | FULL, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    written = yaml.safe_load(out.read_text())
    assert {WEB_CHAT, "channels.telegram.TelegramChannel", "channels.slack.SlackChannel",
            "channels.facebook.FacebookChannel"} <= set(written)
    assert "TelegramChannel" in done.stderr
    assert out.stat().st_mode & 0o777 == 0o600  # it holds the channels' secrets


def test_origins_default_to_the_page(monkeypatch):
    monkeypatch.delenv("RATIFY_WEB_URL", raising=False)
    monkeypatch.delenv("RATIFY_WEB_PORT", raising=False)
    monkeypatch.delenv("RATIFY_ALLOWED_ORIGINS", raising=False)
    assert allowed_origins() == ["http://localhost:8000", "http://127.0.0.1:8000", "http://[::1]:8000"]


def test_origins_follow_the_public_url_and_the_allowed_list(monkeypatch):
    monkeypatch.setenv("RATIFY_WEB_URL", "https://chat.example.org/ratify/")
    monkeypatch.setenv("RATIFY_ALLOWED_ORIGINS", "https://toolkit.example.org:443/page, http://intranet.gov:8080")
    assert allowed_origins() == ["https://chat.example.org", "https://toolkit.example.org", "http://intranet.gov:8080"]


def test_a_malformed_origin_is_refused(monkeypatch):
    monkeypatch.setenv("RATIFY_ALLOWED_ORIGINS", "toolkit.example.org")
    with pytest.raises(ChannelConfigError, match="not a web origin"):
        allowed_origins()


@pytest.mark.parametrize(
    ("url", "origin"),
    [("HTTP://Example.ORG:80/", "http://example.org"), ("https://a.b:8443/x?y", "https://a.b:8443"),
     ("http://[::1]:8000", "http://[::1]:8000")],
)
def test_origin_of(url, origin):
    assert origin_of(url) == origin


def test_every_committed_channel_is_an_input_channel_rasa_can_import():
    from rasa.core.channels.channel import InputChannel
    from rasa.shared.utils.common import class_from_module_path

    for connector in yaml.safe_load((PROJECT_ROOT / "credentials.yml").read_text()):
        assert issubclass(class_from_module_path(connector), InputChannel), connector
