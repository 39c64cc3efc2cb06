"""Bad input to production mode over REST, socket.io and the web API (through nginx, as the public sees it):
never a 5xx, never a stack trace in a reply, the servers stay up, and nothing stored before is changed."""

from __future__ import annotations

import asyncio
import json

import pytest
import requests
import socketio
from conftest import REST_HEADERS, Prod, say, text_of

pytestmark = pytest.mark.integration

DEEP = "[" * 5000 + "]" * 5000
MESSAGE = {"sender": "bad-input", "message": "hi"}


def body(**changes) -> str:
    return json.dumps({**MESSAGE, **changes})


# (what, body as sent, content type); each is sent to the REST webhook
REST_CASES = [
    ("not JSON", "hello", "application/json"),
    ("empty body", "", "application/json"),
    ("JSON array", "[1, 2]", "application/json"),
    ("JSON string", '"hi"', "application/json"),
    ("JSON null", "null", "application/json"),
    ("no message", json.dumps({"sender": "bad-input"}), "application/json"),
    ("message a number", body(message=42), "application/json"),
    ("message a list", body(message=["hi"]), "application/json"),
    ("message an object", body(message={"text": "hi"}), "application/json"),
    ("message NaN", '{"sender": "bad-input", "message": NaN}', "application/json"),
    ("empty message", body(message=""), "application/json"),
    ("blank message", body(message=" \t\n "), "application/json"),
    ("message too long", body(message="x" * 5000), "application/json"),
    ("huge body (2 MB)", body(message="x" * 2_000_000), "application/json"),
    ("invalid UTF-8", b'{"sender": "bad-input", "message": "\xff\xfe"}', "application/json"),
    ("NUL in the message", body(message="hi\u0000there"), "application/json"),
    ("lone surrogate in the message", '{"sender": "bad-input", "message": "hi \\ud800"}', "application/json"),
    ("control characters", body(message="a\x01\x02\x1b[31m\x7f"), "application/json"),
    ("right-to-left override and zero width", body(message="\u202eC102\u200d\u200b?"), "application/json"),
    ("emoji and combining marks", body(message="👍🏽 e\u0301 C102 ﷽"), "application/json"),
    ("Arabic and Chinese", body(message="مرحبا 你好 C102"), "application/json"),
    ("SQL-looking text", body(message="'; DROP TABLE events; --"), "application/json"),
    ("HTML and script", body(message="<script>alert(1)</script><img src=x onerror=alert(2)>"), "application/json"),
    ("nesting too deep", '{"sender": "bad-input", "message": "hi", "metadata": ' + DEEP + "}", "application/json"),
    ("metadata not an object", body(metadata="x"), "application/json"),
    ("sender an object", body(sender={"id": 1}), "application/json"),
    ("sender a list", body(sender=["a"]), "application/json"),
    ("sender true", body(sender=True), "application/json"),
    ("sender empty", body(sender=""), "application/json"),
    ("sender too long", body(sender="s" * 5000), "application/json"),
    ("sender with NUL", body(sender="a\u0000b"), "application/json"),
    ("sender with a lone surrogate", '{"sender": "a\\udfff", "message": "hi"}', "application/json"),
    ("sender a path", body(sender="../../etc/passwd?x=%00"), "application/json"),
    ("sender SQL-looking", body(sender="x' OR '1'='1"), "application/json"),
    ("sender a float", body(sender=1.5), "application/json"),
    ("JSON sent as text/plain", body(), "text/plain"),
    ("form-encoded body", "sender=a&message=hi", "application/x-www-form-urlencoded"),
]

ASSESS_CASES = [
    ("not JSON", "{country"),
    ("JSON array", "[1, 2]"),
    ("wrong types", json.dumps({"country": 5, "branches": "x"})),
    ("NUL in the country", json.dumps({"country": "Ru\u0000ritania", "branches": {"old_age": {}}})),
    ("lone surrogate", '{"country": "a\\ud800", "branches": {"old_age": {"replacement_rate": 42}}}'),
    ("nesting too deep", '{"country": "x", "branches": ' + "[" * 20000 + "]" * 20000 + "}"),
    ("over the size limit", json.dumps({"country": "x" * 100_000})),
    ("negative and huge numbers", json.dumps({"country": "Ruritania",
                                              "branches": {"old_age": {"replacement_rate": -1e308}}})),
]


def assert_handled(reply: requests.Response, what: str) -> None:
    assert reply.status_code < 500, f"{what}: {reply.status_code} {reply.text[:200]}"
    assert "Traceback" not in reply.text and 'File "' not in reply.text, what
    assert "<script>" not in reply.text, what  # never echoed as markup


@pytest.fixture(scope="module")
def before(prod: Prod) -> dict:
    """A conversation and a saved assessment made before the bad input, to compare with afterwards."""
    prod.wait_healthy()
    for message in ("hello", "Can my country ratify C102?", "Ghana"):
        say(prod.public_url, "bad-input-witness", message)
    saved = requests.post(f"{prod.public_url}/api/assess", timeout=30,
                          json={"country": "Ruritania", "branches": {"old_age": {"replacement_rate": 42}}})
    assert saved.status_code == 201
    code = saved.json()["code"]
    return {"events": prod.events("bad-input-witness"), "code": code, "pids": {n: prod.pid(n) for n in prod.names()},
            "assessment": requests.get(f"{prod.public_url}/api/assess/{code}", timeout=30).json()}


@pytest.mark.parametrize(("what", "data", "content_type"), REST_CASES, ids=[case[0] for case in REST_CASES])
def test_bad_input_over_rest(prod: Prod, before: dict, what: str, data, content_type: str):
    reply = requests.post(f"{prod.public_url}/webhooks/rest/webhook", data=data,
                          headers={"Content-Type": content_type, **REST_HEADERS}, timeout=60)
    assert_handled(reply, what)


@pytest.mark.parametrize(("what", "data"), ASSESS_CASES, ids=[case[0] for case in ASSESS_CASES])
def test_bad_input_to_the_web_api(prod: Prod, before: dict, what: str, data: str):
    reply = requests.post(f"{prod.public_url}/api/assess", data=data,
                          headers={"Content-Type": "application/json"}, timeout=60)
    assert_handled(reply, what)


@pytest.mark.parametrize("path", ["/api/assess/<script>alert(1)</script>", "/api/assess/'%20OR%20'1'='1",
                                  "/api/assess/%00", "/api/assess/" + "A" * 5000, "/?q=<script>alert(1)</script>"])
def test_odd_addresses_on_the_web_app(prod: Prod, before: dict, path: str):
    assert_handled(requests.get(f"{prod.public_url}{path}", timeout=30), path)


def test_html_in_an_assessment_comes_back_as_data_not_markup(prod: Prod, before: dict):
    script = "<script>alert(1)</script>"
    saved = requests.post(f"{prod.public_url}/api/assess", timeout=30,
                          json={"country": script, "branches": {"old_age": {"replacement_rate": 42}}})
    assert saved.status_code in (201, 400)
    assert saved.headers["Content-Type"].startswith("application/json")
    if saved.status_code == 201:
        fetched = requests.get(f"{prod.public_url}/api/assess/{saved.json()['code']}", timeout=30)
        assert fetched.headers["Content-Type"].startswith("application/json")


def test_bad_input_over_socketio(prod: Prod, before: dict):
    async def run() -> list[str]:
        replies: list[str] = []
        client = socketio.AsyncClient(reconnection=False)
        client.on("bot_uttered", lambda data: replies.append(str(data.get("text", ""))))
        origin = prod.public_url.replace("127.0.0.1", "localhost")
        await client.connect(prod.public_url, headers={"Origin": origin}, transports=["polling"],
                             socketio_path="socket.io", wait_timeout=30)
        await client.emit("session_request", {"session_id": "bad-input-socket"})
        for message in [42, None, ["x"], {"a": 1}, "", "x" * 5000, "hi \u0000", "\ud800",
                        "<script>alert(1)</script>", "'; DROP TABLE events; --", "What is Convention No. 102?"]:
            await client.emit("user_uttered", {"message": message, "session_id": "bad-input-socket"})
            await asyncio.sleep(0.3)
        await client.emit("user_uttered", "not an object")
        await client.emit("session_request", "not an object")
        for _ in range(100):
            if any("Convention, 1952 (No. 102)" in reply for reply in replies):
                break
            await asyncio.sleep(0.3)
        await client.disconnect()
        return replies

    replies = asyncio.run(run())
    assert any("Convention, 1952 (No. 102)" in reply for reply in replies), replies
    assert not any("Traceback" in reply or "<script>" in reply for reply in replies)


def test_concurrent_identical_messages_are_all_answered(prod: Prod, before: dict):
    async def run() -> list[int]:
        import aiohttp

        async with aiohttp.ClientSession() as session:
            async def one() -> int:
                async with session.post(f"{prod.public_url}/webhooks/rest/webhook", json=MESSAGE,
                                        headers=REST_HEADERS) as reply:
                    await reply.read()
                    return reply.status
            return await asyncio.gather(*(one() for _ in range(20)))

    assert asyncio.run(run()) == [200] * 20


def test_after_the_bad_input_everything_is_up_and_nothing_stored_changed(prod: Prod, before: dict):
    prod.wait_healthy(timeout=30)
    assert prod.events("bad-input-witness") == before["events"]
    code = before["code"]
    assert requests.get(f"{prod.public_url}/api/assess/{code}", timeout=30).json() == before["assessment"]
    assert "Which branches" in text_of(say(prod.public_url, "bad-input-witness", "no"))  # the check goes on
    assert {name: prod.pid(name) for name in prod.names()} == before["pids"]  # no server crashed meanwhile
