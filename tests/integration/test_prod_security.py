"""Security defaults of production mode: Rasa's HTTP API off without a token, cross-site requests refused, the
trainer pages closed without their token, every server on this machine only, the REST channel behind its token
and in its own sender namespace, the web chat's ids minted by the server, and no secret in any log.
(This module runs last: its log check covers everything the other tests did.)"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import requests
import socketio
from conftest import REST_HEADERS, Prod

pytestmark = pytest.mark.integration

EVIL = "https://evil.example"


@pytest.mark.parametrize("path", ["/conversations/x/tracker", "/conversations/x/messages", "/model/parse",
                                  "/status", "/domain", "/version"])
def test_rasa_http_api_is_off(healthy: Prod, path: str):
    for url in (healthy.rasa_url(0), healthy.public_url):
        assert requests.get(f"{url}{path}", timeout=10).status_code in (404, 405), (url, path)
        assert requests.post(f"{url}{path}", json={"text": "hi"}, timeout=10).status_code in (404, 405), (url, path)


def test_the_api_token_is_not_on_any_command_line(healthy: Prod):
    """RATIFY_RASA_API_TOKEN is unset here: the API stays off; with it, scripts/prod/rasa_run.py adds it inside the
    process (tests/test_prod_scripts.py), so no server's command line carries a token."""
    for port in healthy.rasa_ports:
        command = Path(f"/proc/{healthy.pid(f'rasa-{port}')}/cmdline").read_bytes().split(b"\0")
        assert b"--auth-token" not in command and b"--interface" in command


def test_the_rest_channel_needs_its_token_and_its_own_senders(healthy: Prod):
    url = f"{healthy.public_url}/webhooks/rest/webhook"
    body = {"sender": f"rest-{os.getpid()}", "message": "hi"}
    assert requests.post(url, json=body, timeout=30).status_code == 401
    assert requests.post(url, json=body, timeout=60, headers=REST_HEADERS).status_code == 200
    for sender in ("telegram:4242", "web:" + "a" * 32, "slack:U42", "facebook:42"):
        refused = requests.post(url, json=body | {"sender": sender}, timeout=30, headers=REST_HEADERS)
        assert refused.status_code == 400, sender


def test_the_web_chat_gets_a_sender_id_minted_by_the_server(healthy: Prod):
    async def confirmed_for(wanted: str) -> str:
        client = socketio.AsyncClient(reconnection=False)
        got: list[str] = []
        client.on("session_confirm", got.append)
        origin = healthy.public_url.replace("127.0.0.1", "localhost")
        await client.connect(healthy.public_url, headers={"Origin": origin}, transports=["polling"], wait_timeout=20)
        await client.emit("session_request", {"session_id": wanted})
        for _ in range(100):
            if got:
                break
            await asyncio.sleep(0.1)
        await client.disconnect()
        return got[0]

    minted = asyncio.run(confirmed_for("telegram:4242"))
    assert re.fullmatch(r"web:[0-9a-f]{32}", minted)
    assert asyncio.run(confirmed_for(minted)) == minted  # a returning visitor keeps the conversation


def test_no_cors_for_other_sites(healthy: Prod):
    for url in (f"{healthy.rasa_url(0)}/webhooks/rest/webhook", f"{healthy.public_url}/webhooks/rest/webhook",
                f"{healthy.public_url}/api/assess"):
        preflight = requests.options(url, headers={"Origin": EVIL, "Access-Control-Request-Method": "POST"},
                                     timeout=10)
        assert "Access-Control-Allow-Origin" not in preflight.headers, url
        posted = requests.post(url, json={"sender": "cors", "message": "hi"}, headers={"Origin": EVIL, **REST_HEADERS},
                               timeout=60)
        assert "Access-Control-Allow-Origin" not in posted.headers, url


def test_socketio_refuses_other_origins(healthy: Prod):
    async def connect(origin: str) -> bool:
        client = socketio.AsyncClient(reconnection=False)
        try:
            await client.connect(healthy.public_url, headers={"Origin": origin}, transports=["polling"],
                                 wait_timeout=20)
        except socketio.exceptions.ConnectionError:
            return False
        await client.disconnect()
        return True

    assert asyncio.run(connect(healthy.public_url.replace("127.0.0.1", "localhost")))
    assert not asyncio.run(connect(EVIL))


def test_trainer_pages_need_their_token(healthy: Prod):
    """Whatever trainer pages exist (issue 7): none opens without RATIFY_TRAINER_TOKEN."""
    for path in ("/trainer/ABC123", "/trainer/ABC123/dashboard", "/trainer/"):
        reply = requests.get(f"{healthy.public_url}{path}", timeout=10, allow_redirects=False)
        assert reply.status_code in (401, 403, 404), (path, reply.status_code)
        wrong = requests.get(f"{healthy.public_url}{path}", headers={"Authorization": "Bearer wrong"}, timeout=10,
                             params={"token": "wrong"}, allow_redirects=False)
        assert wrong.status_code in (401, 403, 404), (path, wrong.status_code)


@pytest.mark.skipif(shutil.which("ss") is None, reason="needs ss (iproute2)")
def test_servers_listen_on_this_machine_only(healthy: Prod):
    listening = subprocess.run(["ss", "-Hltn"], capture_output=True, text=True).stdout
    ports = [*healthy.rasa_ports, healthy.actions_port, healthy.web_port, int(healthy.services["RATIFY_PG_PORT"]),
             int(healthy.services["RATIFY_REDIS_PORT"])]
    for line in listening.splitlines():
        local = line.split()[3]
        if int(local.rsplit(":", 1)[1]) in ports:
            assert local.startswith(("127.0.0.1:", "[::1]:")), line


def test_no_secret_in_any_log(prod: Prod):
    logs = prod.logs()
    assert logs  # the servers did write logs
    for name in ("RATIFY_PG_PASSWORD", "RATIFY_REDIS_PASSWORD"):
        assert prod.services[name] not in logs, name
    assert REST_HEADERS["Authorization"].split()[1] not in logs
