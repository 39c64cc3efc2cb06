"""End to end: a Rasa server started like `make run` (credentials from `python -m channels.config`) with Telegram,
Slack and Messenger switched on, their API base URLs pointed at a local stand-in (`FakeAPIs`), fed real-shaped
webhook payloads. Nothing leaves the machine.

`serve_in_thread` and `extra_rasa_server` are shared with the browser test.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests
from aiohttp import web
from test_assessment_service import THREE_PARTS

from bot import answers, knowledge
from bot.assessment.service import AssessmentService
from bot.cli.wait_ready import wait_ready
from bot.config import PROJECT_ROOT
from bot.store import AssessmentStore, open_engine
from tests.conftest import VENV_BIN, Servers, free_port, load_domain, server_endpoints, stop, trained_model
from tests.test_channels_replies import TELEGRAM_BOT, TELEGRAM_TOKEN, Call, FakeAPIs

pytestmark = pytest.mark.e2e

SLACK_SECRET = "slack-signing-secret"
FACEBOOK_SECRET = "facebook-app-secret"
FACEBOOK_VERIFY = "verify-me"
CHAT_ID = 4242
TELEGRAM_SECRET = "telegram-webhook-secret"
FROM_TELEGRAM = {"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET}


@contextmanager
def serve_in_thread(app: web.Application, port: int | None = None) -> Iterator[str]:
    """Serves an aiohttp app on a local port (a free one by default) from a background thread; yields its URL."""
    loop = asyncio.new_event_loop()
    runner = web.AppRunner(app)
    port = port or free_port()
    started = threading.Event()

    def serve() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(runner.setup())
        loop.run_until_complete(web.TCPSite(runner, "127.0.0.1", port).start())
        started.set()
        loop.run_forever()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    assert started.wait(30), "the local server did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(30)


@contextmanager
def extra_rasa_server(servers: Servers, env: dict[str, str], work: Path) -> Iterator[str]:
    """A Rasa server with the credentials `make run` generates from `env`, using the session's action server."""
    full_env = os.environ | env
    credentials = work / "credentials.yml"
    subprocess.run([sys.executable, "-m", "channels.config", "--out", str(credentials)], cwd=PROJECT_ROOT,
                   env=full_env, check=True)
    endpoints = work / "endpoints.yml"
    endpoints.write_text(server_endpoints(f"{servers.actions_url}/webhook", work / "tracker.db"))
    port = free_port()
    log = work / "rasa.log"
    with log.open("ab") as output:
        process = subprocess.Popen(
            [str(VENV_BIN / "rasa"), "run", "--model", os.environ.get("RATIFY_MODEL") or trained_model(),
             "--port", str(port), "--credentials", str(credentials), "--endpoints", str(endpoints)],
            cwd=PROJECT_ROOT, env=full_env, stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        if not wait_ready([f"{url}/"], timeout=300):
            pytest.fail(f"the Rasa server did not start:\n{log.read_text()[-3000:]}")
        yield url
    finally:
        stop(process)


@pytest.fixture(scope="module")
def fake() -> Iterator[tuple[FakeAPIs, str]]:
    apis = FakeAPIs()
    with serve_in_thread(apis.app()) as base:
        yield apis, base


@pytest.fixture(scope="module")
def rasa(servers, fake, tmp_path_factory) -> Iterator[str]:
    _, base = fake
    env = {
        "TELEGRAM_TOKEN": TELEGRAM_TOKEN, "TELEGRAM_BOT_NAME": TELEGRAM_BOT,
        "TELEGRAM_WEBHOOK_URL": "https://ratify.example.org/webhooks/telegram/webhook",
        "TELEGRAM_API_URL": f"{base}/telegram", "TELEGRAM_SECRET_TOKEN": TELEGRAM_SECRET,
        "SLACK_TOKEN": "xoxb-test-token", "SLACK_SIGNING_SECRET": SLACK_SECRET, "SLACK_API_URL": f"{base}/slack/api/",
        "FACEBOOK_VERIFY": FACEBOOK_VERIFY, "FACEBOOK_SECRET": FACEBOOK_SECRET,
        "FACEBOOK_PAGE_ACCESS_TOKEN": "page-token", "FACEBOOK_API_URL": f"{base}/graph",
    }
    with extra_rasa_server(servers, env, tmp_path_factory.mktemp("channels")) as url:
        yield url


def wait_for(found: Callable[[], list[Call]], timeout: float = 60) -> list[Call]:
    deadline = time.monotonic() + timeout
    while not found() and time.monotonic() < deadline:
        time.sleep(0.2)
    return found()


def new_calls(apis: FakeAPIs, since: int) -> list[Call]:
    return apis.calls[since:]


def greeting(language: str = "en") -> dict:
    """The greeting in `language` as the domain defines it (English: the variation without a condition)."""
    [variation] = [variation for variation in load_domain()["responses"]["utter_greet"]
                   if [c["value"] for c in variation.get("condition", [])] == ([] if language == "en" else [language])]
    return variation


def greeting_buttons(language: str = "en") -> list[str]:
    """The greeting's button titles in `language`."""
    return [button["title"] for button in greeting(language)["buttons"]]


def c102_first_line() -> str:
    answer = answers.answer("instrument", knowledge.load(), answers.UserQuestion(text="", convention="C102"))
    return answer.text.splitlines()[0]


# --- Telegram ---------------------------------------------------------------------------------------------------

def telegram_update(update_id: int, **content) -> dict:
    return {"update_id": update_id, **content}


def telegram_message(text: str, chat_id: int = CHAT_ID, language_code: str | None = None) -> dict:
    """A private message from a user; `language_code` is the language their Telegram app is set to."""
    user = {"id": chat_id, "is_bot": False, "first_name": "Ama"} | ({"language_code": language_code}
                                                                   if language_code else {})
    return {"message_id": 1, "date": int(time.time()), "chat": {"id": chat_id, "type": "private", "first_name": "Ama"},
            "from": user, "text": text}


def test_telegram_webhook_is_registered_at_start(rasa, fake):
    apis, _ = fake
    [registered] = apis.of("telegram", "setWebhook")
    assert registered.data["url"] == "https://ratify.example.org/webhooks/telegram/webhook"
    assert registered.data["secret_token"] == TELEGRAM_SECRET


def test_telegram_message_gets_the_greeting_with_an_inline_keyboard(rasa, fake):
    apis, _ = fake
    since = len(apis.calls)
    reply = requests.post(f"{rasa}/webhooks/telegram/webhook", headers=FROM_TELEGRAM,
                          json=telegram_update(1, message=telegram_message("hello")), timeout=60)
    assert reply.status_code == 200 and reply.text == "success"
    sent = [c for c in new_calls(apis, since) if c.method == "sendMessage"]
    assert sent and all(c.data["chat_id"] == str(CHAT_ID) for c in sent)
    keyboard = json.loads(sent[-1].data["reply_markup"])["inline_keyboard"]
    assert [row[0]["text"] for row in keyboard] == greeting_buttons()


def test_telegram_button_click_is_answered(rasa, fake):
    apis, _ = fake
    since = len(apis.calls)
    click = {"id": "cb-1", "chat_instance": "1", "data": "What is Convention No. 102?",
             "from": {"id": CHAT_ID, "is_bot": False, "first_name": "Ama"},
             "message": telegram_message("Hello!") | {"from": {"id": 123456, "is_bot": True, "first_name": "Ratify"}}}
    reply = requests.post(f"{rasa}/webhooks/telegram/webhook", json=telegram_update(2, callback_query=click),
                          headers=FROM_TELEGRAM, timeout=60)
    assert reply.status_code == 200
    text = "\n".join(c.data["text"] for c in new_calls(apis, since) if c.method == "sendMessage")
    assert c102_first_line() in text
    assert "normlex.ilo.org" in text


def test_telegram_sends_the_report_of_a_finished_check_as_a_pdf_document(rasa, fake):
    apis, _ = fake
    service = AssessmentService(knowledge.load(), AssessmentStore(open_engine()))  # the servers' database
    code = service.finish(THREE_PARTS).code
    since = len(apis.calls)
    reply = requests.post(f"{rasa}/webhooks/telegram/webhook", headers=FROM_TELEGRAM,
                          json=telegram_update(3, message=telegram_message(f"show {code}")), timeout=120)
    assert reply.status_code == 200
    [document] = [c for c in new_calls(apis, since) if c.method == "sendDocument"]
    assert document.data["chat_id"] == str(CHAT_ID)
    assert document.data["document_filename"] == f"C102-report-{code}.pdf"
    assert document.data["document"].startswith(b"%PDF")
    text = "\n".join(c.data["text"] for c in new_calls(apis, since) if c.method == "sendMessage")
    assert f"Here is assessment {code} again." in text and "Where to start" in text
    assert "/report.pdf" not in text  # the document instead of the link


def test_telegram_language_code_sets_the_conversations_language(rasa, fake):
    """A user whose Telegram is in French is greeted in French: `language_code` reached the slot `language`."""
    apis, _ = fake
    chat_id = CHAT_ID + 1  # a conversation of its own: the other tests' stays in English
    since = len(apis.calls)
    reply = requests.post(f"{rasa}/webhooks/telegram/webhook", headers=FROM_TELEGRAM, timeout=60,
                          json=telegram_update(10, message=telegram_message("hello", chat_id, "fr")))
    assert reply.status_code == 200
    sent = [c for c in new_calls(apis, since) if c.method == "sendMessage"]
    assert sent and all(c.data["chat_id"] == str(chat_id) for c in sent)
    keyboard = json.loads(sent[-1].data["reply_markup"])["inline_keyboard"]
    assert [row[0]["text"] for row in keyboard] == greeting_buttons("fr")
    assert "Bonjour" in sent[-1].data["text"]


# --- Slack --------------------------------------------------------------------------------------------------------

def slack_post(rasa: str, body: dict, secret: str = SLACK_SECRET, age: int = 0) -> requests.Response:
    raw = json.dumps(body).encode()
    timestamp = str(int(time.time()) - age)
    signature = "v0=" + hmac.new(secret.encode(), f"v0:{timestamp}:".encode() + raw, hashlib.sha256).hexdigest()
    headers = {"Content-Type": "application/json", "X-Slack-Request-Timestamp": timestamp,
               "X-Slack-Signature": signature}
    return requests.post(f"{rasa}/webhooks/slack/webhook", data=raw, headers=headers, timeout=60)


def slack_event(text: str) -> dict:
    return {"token": "legacy", "team_id": "T1", "api_app_id": "A1", "type": "event_callback", "event_id": "Ev1",
            "event_time": int(time.time()), "authorizations": [{"user_id": "UBOT", "is_bot": True}],
            "event": {"type": "message", "channel_type": "im", "channel": "D42", "user": "U42", "text": text,
                      "ts": f"{time.time():.6f}", "event_ts": f"{time.time():.6f}"}}


def test_slack_url_verification_echoes_the_challenge(rasa):
    reply = slack_post(rasa, {"token": "legacy", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
                              "type": "url_verification"})
    assert reply.status_code == 200
    assert reply.text == "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"


@pytest.mark.parametrize(("secret", "age"), [("wrong-secret", 0), (SLACK_SECRET, 3600)], ids=["bad key", "replayed"])
def test_slack_refuses_a_bad_signature(rasa, fake, secret, age):
    apis, _ = fake
    since = len(apis.calls)
    reply = slack_post(rasa, slack_event("hello"), secret=secret, age=age)
    assert reply.status_code == 400
    time.sleep(1)
    assert not [c for c in new_calls(apis, since) if c.service == "slack"]


def test_slack_signed_message_gets_blocks_with_buttons(rasa, fake):
    apis, _ = fake
    since = len(apis.calls)
    assert slack_post(rasa, slack_event("hello")).status_code == 200
    posted = wait_for(lambda: [c for c in new_calls(apis, since) if c.method == "chat.postMessage"])
    assert posted, "the bot did not answer on Slack"
    assert posted[-1].data["channel"] == "D42"
    blocks = posted[-1].data["blocks"]
    assert blocks[0]["type"] == "section" and "ILO Ratify Assistant" in blocks[0]["text"]["text"]
    assert [e["text"]["text"] for e in blocks[-1]["elements"]] == greeting_buttons()


# --- Facebook Messenger -------------------------------------------------------------------------------------------

def facebook_post(rasa: str, body: dict, secret: str = FACEBOOK_SECRET) -> requests.Response:
    raw = json.dumps(body).encode()
    signature = "sha256=" + hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()
    return requests.post(f"{rasa}/webhooks/facebook/webhook", data=raw, timeout=60,
                         headers={"Content-Type": "application/json", "X-Hub-Signature-256": signature})


def messenger_event(text: str) -> dict:
    now = int(time.time() * 1000)
    return {"object": "page", "entry": [{"id": "PAGE1", "time": now, "messaging": [
        {"sender": {"id": "PSID42"}, "recipient": {"id": "PAGE1"}, "timestamp": now,
         "message": {"mid": "m_1", "text": text}}]}]}


def test_facebook_verification_handshake(rasa):
    query = {"hub.mode": "subscribe", "hub.challenge": "1158201444", "hub.verify_token": FACEBOOK_VERIFY}
    reply = requests.get(f"{rasa}/webhooks/facebook/webhook", params=query, timeout=30)
    assert (reply.status_code, reply.text) == (200, "1158201444")
    wrong = requests.get(f"{rasa}/webhooks/facebook/webhook", params=query | {"hub.verify_token": "nope"}, timeout=30)
    assert wrong.status_code == 403


def test_facebook_refuses_a_bad_signature(rasa, fake):
    apis, _ = fake
    since = len(apis.calls)
    assert facebook_post(rasa, messenger_event("hello"), secret="wrong").status_code == 403
    assert not [c for c in new_calls(apis, since) if c.service == "facebook"]


def test_facebook_message_gets_quick_replies(rasa, fake):
    apis, _ = fake
    since = len(apis.calls)
    assert facebook_post(rasa, messenger_event("hello")).status_code == 200
    calls = [c for c in new_calls(apis, since) if c.service == "facebook"]
    actions = [c.data["sender_action"] for c in calls if "sender_action" in c.data]
    assert actions == ["mark_seen", "typing_on", "typing_off"]
    [greeting] = [c.data["message"] for c in calls if "message" in c.data]
    assert "ILO Ratify Assistant" in greeting["text"]
    titles = [reply["title"] for reply in greeting["quick_replies"]]
    assert len(titles) == len(greeting_buttons()) and all(len(title) <= 20 for title in titles)
    assert all(c.data["query"]["access_token"] == "page-token" for c in calls)
