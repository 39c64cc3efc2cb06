"""Production mode's scripts, without starting production mode: nginx's configuration (and, where nginx is installed,
nginx itself in front of stand-in servers), PostgreSQL's authentication, the Rasa API token kept off command
lines, and `make run` on this machine's interfaces only."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from aiohttp import web

from bot.config import PROJECT_ROOT
from tests.conftest import free_port
from tests.test_channels_webhooks import serve_in_thread

SCRIPTS = PROJECT_ROOT / "scripts"
REST_TOKEN = "t" * 40


def nginx_config(tmp_path: Path, env: dict[str, str], *ports: int) -> str:
    port_args = [str(port) for port in ports] or ["8080", "8000", "5005", "5006"]
    subprocess.run(["bash", str(SCRIPTS / "prod" / "nginx.sh"), "config", str(tmp_path), *port_args], check=True,
                   env={k: v for k, v in os.environ.items() if k != "RATIFY_REST_TOKEN"} | env)
    return (tmp_path / "nginx" / "nginx.conf").read_text()


def test_nginx_keeps_the_rest_channel_private_without_its_token(tmp_path):
    closed = nginx_config(tmp_path / "closed", {})
    assert "location /webhooks/rest/ { return 404; }" in closed
    opened = nginx_config(tmp_path / "open", {"RATIFY_REST_TOKEN": REST_TOKEN})
    assert "location /webhooks/rest/ { limit_req zone=rest burst=200 nodelay; proxy_pass http://rasa; }" in opened
    assert REST_TOKEN not in opened  # the channel checks it; nginx need not know it


def test_nginx_limits_requests_and_connections_and_sets_headers(tmp_path):
    conf = nginx_config(tmp_path, {})
    for zone in ("chat", "lookup", "pages"):
        assert f"zone={zone}:10m" in conf and f"limit_req zone={zone} " in conf, zone
    assert "zone=rest:10m" in conf  # used once the REST channel is public
    assert "limit_conn per_client" in conf and "limit_req_status 429;" in conf
    assert "add_header X-Content-Type-Options nosniff always;" in conf
    assert "proxy_set_header X-Real-IP $remote_addr;" in conf
    assert "proxy_pass http://rasa/;" not in conf  # Rasa's / tells its version


class Upstream:
    """A stand-in for the web app and the Rasa servers: answers 200 with the path and the client nginx names."""

    def app(self) -> web.Application:
        async def echo(request: web.Request) -> web.Response:
            return web.json_response({"path": request.path, "real_ip": request.headers.get("X-Real-IP")})

        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", echo)
        return app


@pytest.fixture
def nginx(tmp_path) -> Iterator[str]:
    if shutil.which("nginx") is None:
        pytest.skip("nginx is not installed")
    upstream = Upstream()
    with serve_in_thread(upstream.app()) as web_url, serve_in_thread(upstream.app()) as rasa_url:
        public = free_port()
        nginx_config(tmp_path, {}, public, int(web_url.rsplit(":", 1)[1]), int(rasa_url.rsplit(":", 1)[1]))
        conf = tmp_path / "nginx" / "nginx.conf"
        subprocess.run(["nginx", "-c", str(conf), "-e", str(tmp_path / "nginx" / "error.log")], check=True)
        try:
            yield f"http://127.0.0.1:{public}"
        finally:
            subprocess.run(["nginx", "-c", str(conf), "-e", str(tmp_path / "nginx" / "error.log"), "-s", "stop"],
                           check=False)


def test_nginx_in_front_of_stand_ins(nginx):
    assert requests.post(f"{nginx}/webhooks/rest/webhook", json={}, timeout=10).status_code == 404
    telegram = requests.post(f"{nginx}/webhooks/telegram/webhook", json={}, timeout=10)
    assert telegram.status_code == 200 and telegram.headers["X-Content-Type-Options"] == "nosniff"
    statuses = [requests.get(f"{nginx}/api/assess/ZZZZZZZZZ{n % 8 + 2}", timeout=10).status_code for n in range(15)]
    assert statuses[:11] == [200] * 11 and 429 in statuses  # 1 + a burst of 10, then 30 a minute
    created = requests.post(f"{nginx}/api/assess", json={}, timeout=10, allow_redirects=False)
    assert created.status_code == 200 and created.json()["path"] == "/api/assess"  # not a look-up, not redirected
    assert requests.get(f"{nginx}/api/health", timeout=10).json()["real_ip"] == "127.0.0.1"


def test_postgresql_needs_peer_or_a_password_and_its_socket_is_private():
    script = (SCRIPTS / "prod" / "postgres.sh").read_text()
    assert "--auth-local=trust" not in script
    assert "--auth-local=peer --auth-host=scram-sha-256" in script
    assert "-c unix_socket_permissions=0700" in script


def rasa_command(token: str | None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "RATIFY_RASA_API_TOKEN"} | {"RATIFY_RASA_BIN": "echo"}
    if token:
        env["RATIFY_RASA_API_TOKEN"] = token
    return subprocess.run(["bash", str(SCRIPTS / "prod" / "rasa.sh"), "5005", "model.tar.gz", "credentials.yml"],
                          cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, check=True).stdout


def test_the_rasa_api_token_is_never_on_a_command_line():
    assert "s3cret-api-token" not in rasa_command("s3cret-api-token")
    assert "--interface 127.0.0.1" in rasa_command(None)
    sys.path.insert(0, str(SCRIPTS / "prod"))
    try:
        from rasa_run import rasa_argv
    finally:
        sys.path.remove(str(SCRIPTS / "prod"))
    assert rasa_argv(["run"], {}) == ["rasa", "run"]
    assert rasa_argv(["run"], {"RATIFY_RASA_API_TOKEN": "tok"}) == ["rasa", "run", "--enable-api", "--auth-token",
                                                                     "tok"]


def test_make_run_listens_on_this_machine_unless_asked():
    script = (SCRIPTS / "run.sh").read_text()
    assert 'HOST=${RATIFY_HOST:-127.0.0.1}' in script
    assert 'actions env "SANIC_HOST=$HOST" .venv/bin/rasa run actions' in script
    assert '.venv/bin/rasa run --interface "$HOST"' in script
    assert "RATIFY_WEB_HOST=${RATIFY_WEB_HOST:-$HOST}" in script
