"""Security defaults of production mode: Rasa's HTTP API off without a token, cross-site requests refused, the
trainer pages closed without their token, every server on this machine only, and no secret in any log.
(This module runs last: its log check covers everything the other tests did.)"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess

import pytest
import requests
import socketio
from conftest import Prod

from bot.config import PROJECT_ROOT

pytestmark = pytest.mark.integration

EVIL = "https://evil.example"


@pytest.mark.parametrize("path", ["/conversations/x/tracker", "/conversations/x/messages", "/model/parse",
                                  "/status", "/domain", "/version"])
def test_rasa_http_api_is_off(healthy: Prod, path: str):
    for url in (healthy.rasa_url(0), healthy.public_url):
        assert requests.get(f"{url}{path}", timeout=10).status_code in (404, 405), (url, path)
        assert requests.post(f"{url}{path}", json={"text": "hi"}, timeout=10).status_code in (404, 405), (url, path)


def rasa_command(token: str | None) -> list[str]:
    """The `rasa run` command scripts/prod/rasa.sh runs (with a stand-in rasa that prints its arguments)."""
    env = {k: v for k, v in os.environ.items() if k != "RATIFY_RASA_API_TOKEN"}
    if token:
        env["RATIFY_RASA_API_TOKEN"] = token
    env["RATIFY_RASA_BIN"] = "echo"
    done = subprocess.run(["bash", "scripts/prod/rasa.sh", "5005", "model.tar.gz", "credentials.yml"],
                          cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, check=True)
    return done.stdout.split()


def test_the_api_is_enabled_only_with_a_token():
    assert "--enable-api" not in rasa_command(None)
    with_token = rasa_command("s3cret-token")
    assert with_token[with_token.index("--enable-api"):][:3] == ["--enable-api", "--auth-token", "s3cret-token"]
    assert with_token[with_token.index("--interface") + 1] == "127.0.0.1"


def test_no_cors_for_other_sites(healthy: Prod):
    for url in (f"{healthy.rasa_url(0)}/webhooks/rest/webhook", f"{healthy.public_url}/webhooks/rest/webhook",
                f"{healthy.public_url}/api/assess"):
        preflight = requests.options(url, headers={"Origin": EVIL, "Access-Control-Request-Method": "POST"},
                                     timeout=10)
        assert "Access-Control-Allow-Origin" not in preflight.headers, url
        posted = requests.post(url, json={"sender": "cors", "message": "hi"}, headers={"Origin": EVIL}, timeout=60)
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
