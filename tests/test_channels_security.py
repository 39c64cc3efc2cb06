"""Who may speak through which channel, at the webhook (no model, no Rasa server): each channel's blueprint served
by Sanic with a stand-in for Rasa's message handling that records the messages and answers each one "ok" the way
Rasa's processor does (`output_channel.send_response(sender_id, ...)`); the platforms' APIs are `FakeAPIs`.

- Sender namespaces: REST refuses another channel's prefix; Telegram, Slack and Messenger senders are prefixed,
  replies still reach the platform's own id; the web chat's ids are minted by the server.
- Telegram: updates need the webhook's secret token; `set_webhook` is closed; the webhook is registered with it.
- Messenger: only `sha256=` signatures; REST: the token when one is set; metadata capped.
- The user's language reaches Rasa in the message's metadata (`{"language": "fr"}`): Telegram's `language_code` of
  the update's user, the web chat widget's `customData`, REST's `metadata` (read by actions/language.py).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import aiohttp
import pytest
import socketio
from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Sanic

from channels.config import ChannelConfigError, credentials
from channels.facebook import FacebookChannel
from channels.rest import MAX_METADATA_BYTES, ValidatingRestInput
from channels.senders import claims_namespace, is_web_sender, local_id
from channels.slack import SlackChannel
from channels.socketio import WebChatInput
from channels.telegram import SECRET_HEADER, TelegramChannel, derived_secret, update_metadata
from tests.conftest import free_port
from tests.test_channels_replies import TELEGRAM_BOT, TELEGRAM_TOKEN, FakeAPIs
from tests.test_channels_webhooks import (
    CHAT_ID,
    FACEBOOK_SECRET,
    SLACK_SECRET,
    messenger_event,
    serve_in_thread,
    slack_event,
    telegram_message,
)

REST_TOKEN = "r" * 40
Scenario = Callable[[aiohttp.ClientSession, str], Awaitable[None]]


class Recorder:
    """Rasa's side of a channel: records each message and answers it through the channel's output."""

    def __init__(self) -> None:
        self.messages: list[UserMessage] = []

    async def __call__(self, message: UserMessage) -> None:
        self.messages.append(message)
        await message.output_channel.send_response(message.sender_id, {"text": "ok"})

    @property
    def senders(self) -> list[str]:
        return [message.sender_id for message in self.messages]


def serve(channel: InputChannel, prefix: str, scenario: Scenario) -> Recorder:
    """Serves `channel` under /webhooks/PREFIX (its blueprint built first, as Rasa does at start) and runs the
    scenario with a client session and the server's base URL."""
    recorder = Recorder()
    app = Sanic(f"security{uuid.uuid4().hex}")
    app.blueprint(channel.blueprint(recorder), url_prefix=f"/webhooks/{prefix}" if prefix else None)
    port = free_port()

    async def main() -> None:
        server = await app.create_server(host="127.0.0.1", port=port, return_asyncio_server=True, access_log=False)
        await server.startup()
        try:
            async with aiohttp.ClientSession() as session:
                await scenario(session, f"http://127.0.0.1:{port}")
        finally:
            server.close()
            await server.wait_closed()

    asyncio.run(main())
    return recorder


@pytest.fixture(autouse=True)
def several_apps(monkeypatch):
    """Several Sanic apps in one process: in test mode Sanic keeps its methods' originals to touch up again."""
    monkeypatch.setattr(Sanic, "test_mode", True)


@pytest.fixture(scope="module")
def fake() -> Iterator[tuple[FakeAPIs, str]]:
    apis = FakeAPIs()
    with serve_in_thread(apis.app()) as base:
        yield apis, base


# --- sender namespaces --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("sender", ["telegram:4242", "slack:U42", "facebook:PSID42", "web:" + "a" * 32,
                                    " Telegram :4242", "WEB:x"])
def test_rest_refuses_a_sender_in_another_channels_namespace(sender):
    async def scenario(session: aiohttp.ClientSession, base: str) -> None:
        async with session.post(f"{base}/webhooks/rest/webhook", json={"sender": sender, "message": "hi"}) as reply:
            assert reply.status == 400
            assert "another channel's prefix" in await reply.text()

    assert serve(ValidatingRestInput(), "rest", scenario).messages == []


def test_rest_keeps_its_own_senders_and_its_own_channel_name():
    async def scenario(session: aiohttp.ClientSession, base: str) -> None:
        body = {"sender": "4242", "message": "hi", "input_channel": "telegram"}
        async with session.post(f"{base}/webhooks/rest/webhook", json=body) as reply:
            assert reply.status == 200 and await reply.json() == [{"recipient_id": "4242", "text": "ok"}]

    recorded = serve(ValidatingRestInput(), "rest", scenario)
    assert recorded.senders == ["4242"]  # not Telegram's "telegram:4242"
    assert recorded.messages[0].input_channel == "rest"


def test_namespaces_are_told_apart():
    assert all(claims_namespace(s) for s in ("telegram:1", "slack:U1", "facebook:1", "web:1", " Slack:U1"))
    assert not any(claims_namespace(s) for s in ("4242", "me", "it-123", "rest:1", "a:telegram:1"))
    assert local_id("telegram:4242") == "4242" and local_id("me:1") == "me:1"


def test_rest_metadata_is_capped():
    async def scenario(session: aiohttp.ClientSession, base: str) -> None:
        big = {"sender": "me", "message": "hi", "metadata": {"x": "y" * MAX_METADATA_BYTES}}
        async with session.post(f"{base}/webhooks/rest/webhook", json=big) as reply:
            assert reply.status == 413 and "'metadata'" in await reply.text()

    assert serve(ValidatingRestInput(), "rest", scenario).messages == []


def test_rest_with_a_token_needs_it():
    async def scenario(session: aiohttp.ClientSession, base: str) -> None:
        url, body = f"{base}/webhooks/rest/webhook", {"sender": "me", "message": "hi"}
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": REST_TOKEN}):
            async with session.post(url, json=body, headers=headers) as reply:
                assert reply.status == 401, headers
        async with session.post(url, json=body, headers={"Authorization": f"Bearer {REST_TOKEN}"}) as reply:
            assert reply.status == 200

    assert serve(ValidatingRestInput.from_credentials({"token": REST_TOKEN}), "rest", scenario).senders == ["me"]


def test_the_rest_token_comes_from_the_environment_and_must_be_long(tmp_path):
    base = tmp_path / "credentials.yml"
    base.write_text("channels.rest.ValidatingRestInput:\n")
    assert credentials({"RATIFY_REST_TOKEN": REST_TOKEN}, base)["channels.rest.ValidatingRestInput"] == {
        "token": REST_TOKEN}
    assert credentials({}, base)["channels.rest.ValidatingRestInput"] is None
    with pytest.raises(ChannelConfigError, match="at least 32"):
        credentials({"RATIFY_REST_TOKEN": "short"}, base)


# --- Telegram -----------------------------------------------------------------------------------------------------

def telegram_channel(base: str, secret: str | None = None) -> TelegramChannel:
    return TelegramChannel.from_credentials({
        "access_token": TELEGRAM_TOKEN, "verify": TELEGRAM_BOT, "webhook_url": "https://bot.example/webhooks/telegram/webhook",
        "api_url": f"{base}/telegram", **({"secret_token": secret} if secret else {})})


def test_telegram_registers_its_webhook_with_a_secret_token(fake):
    apis, base = fake
    since = len(apis.calls)
    telegram_channel(base, "configured-secret").blueprint(Recorder())
    [registered] = [c for c in apis.calls[since:] if c.method == "setWebhook"]
    assert registered.data["secret_token"] == "configured-secret"
    telegram_channel(base).blueprint(Recorder())
    assert apis.of("telegram", "setWebhook")[-1].data["secret_token"] == derived_secret(TELEGRAM_TOKEN)
    assert derived_secret(TELEGRAM_TOKEN) != derived_secret("another:token")


def test_telegram_updates_need_the_secret_token_and_senders_are_namespaced(fake):
    apis, base = fake
    since = len(apis.calls)
    update = {"update_id": 1, "message": telegram_message("hello")}

    async def scenario(session: aiohttp.ClientSession, url: str) -> None:
        hook = f"{url}/webhooks/telegram/webhook"
        for headers in ({}, {SECRET_HEADER: "wrong"}):
            async with session.post(hook, json=update, headers=headers) as reply:
                assert reply.status == 403, headers
        async with session.post(hook, json=update, headers={SECRET_HEADER: "the-secret"}) as reply:
            assert reply.status == 200
        async with session.get(hook, headers={SECRET_HEADER: "the-secret"}) as reply:
            assert reply.status == 405  # Rasa's handler would fail with a 500
        for method in ("GET", "POST"):  # Rasa's route that anyone could call to re-register the webhook
            async with session.request(method, f"{url}/webhooks/telegram/set_webhook",
                                       headers={SECRET_HEADER: "the-secret"}) as reply:
                assert reply.status == 404

    recorded = serve(telegram_channel(base, "the-secret"), "telegram", scenario)
    assert recorded.senders == [f"telegram:{CHAT_ID}"]
    sent = [c for c in apis.calls[since:] if c.method == "sendMessage"]
    assert [(c.data["chat_id"], c.data["text"]) for c in sent] == [(str(CHAT_ID), "ok")]
    assert len([c for c in apis.calls[since:] if c.method == "setWebhook"]) == 1  # at start only


# --- Slack and Messenger ------------------------------------------------------------------------------------------

def signed_slack(body: dict) -> tuple[bytes, dict[str, str]]:
    raw = json.dumps(body).encode()
    stamp = str(int(time.time()))
    signature = "v0=" + hmac.new(SLACK_SECRET.encode(), f"v0:{stamp}:".encode() + raw, hashlib.sha256).hexdigest()
    return raw, {"Content-Type": "application/json", "X-Slack-Request-Timestamp": stamp,
                 "X-Slack-Signature": signature}


def test_slack_senders_are_namespaced_and_replies_reach_the_channel(fake):
    apis, base = fake
    since = len(apis.calls)
    channel = SlackChannel.from_credentials({"slack_token": "xoxb-test", "slack_signing_secret": SLACK_SECRET,
                                             "api_url": f"{base}/slack/api/"})

    async def scenario(session: aiohttp.ClientSession, url: str) -> None:
        raw, headers = signed_slack(slack_event("hello"))
        async with session.post(f"{url}/webhooks/slack/webhook", data=raw, headers=headers) as reply:
            assert reply.status == 200
        for _ in range(100):  # Rasa's Slack channel handles the message in a task of its own
            if [c for c in apis.calls[since:] if c.method == "chat.postMessage"]:
                break
            await asyncio.sleep(0.05)

    recorded = serve(channel, "slack", scenario)
    assert recorded.senders == ["slack:U42"]
    [posted] = [c for c in apis.calls[since:] if c.method == "chat.postMessage"]
    assert posted.data["channel"] == "D42"


def facebook_channel(base: str) -> FacebookChannel:
    return FacebookChannel.from_credentials({"verify": "verify-me", "secret": FACEBOOK_SECRET,
                                             "page-access-token": "page-token", "api_url": f"{base}/graph"})


@pytest.mark.parametrize(("header", "method"), [
    ("X-Hub-Signature", hashlib.md5), ("X-Hub-Signature", hashlib.sha1), ("X-Hub-Signature-256", hashlib.md5),
], ids=["md5", "sha1", "md5 as 256"])
def test_messenger_refuses_signatures_other_than_sha256(fake, header, method):
    _, base = fake
    raw = json.dumps(messenger_event("hello")).encode()
    name = method().name

    async def scenario(session: aiohttp.ClientSession, url: str) -> None:
        signature = f"{name}=" + hmac.new(FACEBOOK_SECRET.encode(), raw, method).hexdigest()
        async with session.post(f"{url}/webhooks/facebook/webhook", data=raw,
                                headers={"Content-Type": "application/json", header: signature}) as reply:
            assert reply.status == 403

    assert serve(facebook_channel(base), "facebook", scenario).messages == []


def test_messenger_senders_are_namespaced_and_replies_reach_the_page_scoped_id(fake):
    apis, base = fake
    since = len(apis.calls)
    raw = json.dumps(messenger_event("hello")).encode()

    async def scenario(session: aiohttp.ClientSession, url: str) -> None:
        signature = "sha256=" + hmac.new(FACEBOOK_SECRET.encode(), raw, hashlib.sha256).hexdigest()
        async with session.post(f"{url}/webhooks/facebook/webhook", data=raw, headers={
                "Content-Type": "application/json", "X-Hub-Signature-256": signature}) as reply:
            assert reply.status == 200
        async with session.get(f"{url}/webhooks/facebook/webhook", params={
                "hub.verify_token": "verify-m", "hub.challenge": "1"}) as reply:
            assert reply.status == 403

    assert serve(facebook_channel(base), "facebook", scenario).senders == ["facebook:PSID42"]
    [sent] = [c for c in apis.calls[since:] if "message" in c.data]
    assert sent.data["recipient"] == {"id": "PSID42"} and sent.data["message"]["text"] == "ok"


# --- the web chat's socket.io -------------------------------------------------------------------------------------

def web_chat_scenario(steps: Callable[[socketio.AsyncClient, list[Any], list[Any]], Awaitable[None]]) -> Recorder:
    """Connects a socket.io client to the web chat's channel and runs `steps(client, confirmed, replies)`."""
    channel = WebChatInput.from_credentials({"user_message_evt": "user_uttered", "bot_message_evt": "bot_uttered",
                                             "session_persistence": True})

    async def scenario(session: aiohttp.ClientSession, base: str) -> None:
        client = socketio.AsyncClient(reconnection=False)
        confirmed: list[Any] = []
        replies: list[Any] = []
        client.on("session_confirm", confirmed.append)
        client.on("bot_uttered", replies.append)
        await client.connect(base, transports=["polling"], wait_timeout=10)
        try:
            await steps(client, confirmed, replies)
        finally:
            await client.disconnect()

    return serve(channel, "", scenario)


async def until(found: Callable[[], Any], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not found() and time.monotonic() < deadline:
        await asyncio.sleep(0.05)


def test_the_web_chat_mints_its_own_sender_ids_and_ignores_the_ones_messages_claim():
    async def steps(client: socketio.AsyncClient, confirmed: list[Any], replies: list[Any]) -> None:
        await client.emit("user_uttered", {"message": "before any session", "session_id": "telegram:4242"})
        await client.emit("session_request", {"session_id": "telegram:4242"})
        await until(lambda: confirmed)
        for odd in ({"message": 42}, {"message": None}, "not an object"):
            await client.emit("user_uttered", odd)
        await client.emit("user_uttered", {"message": "hello", "session_id": "telegram:4242"})
        await until(lambda: replies)
        assert replies == [{"text": "ok"}]  # the reply reaches the room of the minted id

    recorded = web_chat_scenario(steps)
    assert len(recorded.senders) == 1 and is_web_sender(recorded.senders[0])


def test_a_returning_visitor_keeps_the_id_the_server_gave_and_metadata_is_capped():
    own = "web:" + uuid.uuid4().hex

    async def steps(client: socketio.AsyncClient, confirmed: list[Any], replies: list[Any]) -> None:
        await client.emit("session_request", {"session_id": own})
        await until(lambda: confirmed)
        assert confirmed == [own]
        await client.emit("user_uttered", {"message": "hi", "session_id": own,
                                           "customData": {"x": "y" * MAX_METADATA_BYTES}})  # the widget's key
        await until(lambda: replies)
        assert "too much data" in replies[0]["text"]

    assert web_chat_scenario(steps).messages == []


@pytest.mark.parametrize("wanted", [None, "telegram:4242", "web:" + "A" * 32, "x" * 5000, 42, "web:12"])
def test_ids_the_server_did_not_mint_are_replaced(wanted):
    async def steps(client: socketio.AsyncClient, confirmed: list[Any], replies: list[Any]) -> None:
        await client.emit("session_request", {"session_id": wanted})
        await until(lambda: confirmed)
        assert is_web_sender(confirmed[0]) and confirmed[0] != wanted

    web_chat_scenario(steps)


# --- the user's language, in the metadata --------------------------------------------------------------------------

def test_a_telegram_update_from_a_user_in_french_reaches_rasa_with_the_language(fake):
    _, base = fake
    updates = [{"update_id": 1, "message": telegram_message("bonjour", language_code="fr")},
               {"update_id": 2, "message": telegram_message("hola", language_code="es-419")},
               {"update_id": 3, "message": telegram_message("hallo", language_code="de")},
               {"update_id": 4, "message": telegram_message("hello")}]

    async def scenario(session: aiohttp.ClientSession, url: str) -> None:
        for update in updates:
            async with session.post(f"{url}/webhooks/telegram/webhook", json=update,
                                    headers={SECRET_HEADER: "the-secret"}) as reply:
                assert reply.status == 200

    recorded = serve(telegram_channel(base, "the-secret"), "telegram", scenario)
    assert [message.metadata for message in recorded.messages] == [{"language": "fr"}, {"language": "es"}, None,
                                                                    None]
    assert recorded.senders == [f"telegram:{CHAT_ID}"] * 4


def test_a_button_press_takes_the_language_of_the_user_who_pressed_it():
    bot = {"id": 123456, "is_bot": True, "first_name": "Ratify"}
    press = {"id": "cb-1", "chat_instance": "1", "data": "/greet",
             "from": {"id": CHAT_ID, "is_bot": False, "first_name": "Ama", "language_code": "es"},
             "message": telegram_message("Hello!") | {"from": bot}}
    assert update_metadata({"update_id": 5, "callback_query": press}) == {"language": "es"}
    edited = telegram_message("bonjour", language_code="FR")
    assert update_metadata({"update_id": 6, "edited_message": edited}) == {"language": "fr"}
    assert update_metadata("not an update") is None
    assert update_metadata({"update_id": 7, "message": {"from": "nobody"}}) is None


def test_the_web_chat_reads_the_widgets_custom_data_as_metadata():
    async def steps(client: socketio.AsyncClient, confirmed: list[Any], replies: list[Any]) -> None:
        await client.emit("session_request", {"session_id": None})
        await until(lambda: confirmed)
        await client.emit("user_uttered", {"message": "bonjour", "session_id": confirmed[0],
                                           "customData": {"language": "fr"}})
        await until(lambda: replies)

    [message] = web_chat_scenario(steps).messages
    assert message.metadata == {"language": "fr"}


@pytest.mark.parametrize("metadata", [{"language": "es"}, None])
def test_rest_passes_the_language_in_its_metadata(metadata):
    async def scenario(session: aiohttp.ClientSession, base: str) -> None:
        body = {"sender": "me", "message": "hola"} | ({"metadata": metadata} if metadata else {})
        async with session.post(f"{base}/webhooks/rest/webhook", json=body) as reply:
            assert reply.status == 200

    [message] = serve(ValidatingRestInput(), "rest", scenario).messages
    assert (message.metadata or None) == metadata
