"""The chat page's routes: the page, the embed script with the socket URL, the widget served from our own server
without its CDN font, the static files; nothing on the page points outside our servers."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from web.page import STATIC_DIR, add_page_routes, content_security_policy, without_remote_imports

Scenario = Callable[[TestClient], Awaitable[None]]
EXTERNAL_URL = re.compile(r"(?:https?:)?//(?!localhost|127\.0\.0\.1)[a-z0-9.-]+\.[a-z]{2,}", re.IGNORECASE)


def page_app() -> web.Application:
    app = web.Application()
    add_page_routes(app)
    return app


def run(scenario: Scenario, app: web.Application | None = None) -> None:
    async def main() -> None:
        async with TestClient(TestServer(app or page_app(), host="127.0.0.1")) as client:
            await scenario(client)

    asyncio.run(main())


@pytest.fixture(autouse=True)
def default_settings(monkeypatch):
    for name in ("RATIFY_SOCKET_URL", "RATIFY_RASA_PORT"):
        monkeypatch.delenv(name, raising=False)


def test_the_page_has_its_title_what_it_does_and_suggested_questions():
    async def scenario(client: TestClient) -> None:
        reply = await client.get("/")
        assert reply.status == 200
        assert reply.content_type == "text/html"
        html = await reply.text()
        assert "<title>ILO Ratify Assistant</title>" in html
        assert '<html lang="en">' in html
        assert len(re.findall(r'<button type="button" data-question="[^"]+">', html)) >= 4
        assert '<div id="ratify-assistant"></div>' in html
        assert '<script src="/embed.js" defer></script>' in html
        policy = reply.headers["Content-Security-Policy"]
        assert "default-src 'self'" in policy
        assert "connect-src 'self' http://127.0.0.1:5005 ws://127.0.0.1:5005" in policy

    run(scenario)


def test_the_embed_script_carries_the_socket_url_of_this_host():
    async def scenario(client: TestClient) -> None:
        reply = await client.get("/embed.js")
        assert reply.status == 200
        assert reply.content_type == "application/javascript"
        script = await reply.text()
        assert 'const SETTINGS = {"socketUrl": "http://127.0.0.1:5005"};' in script
        assert "__RATIFY_SETTINGS__" not in script

    run(scenario)


def test_the_socket_url_follows_the_environment(monkeypatch):
    async def scenario(client: TestClient) -> None:
        assert '{"socketUrl": "http://127.0.0.1:6006"}' in await (await client.get("/embed.js")).text()
        monkeypatch.setenv("RATIFY_SOCKET_URL", "https://chat.example.org/")
        assert '{"socketUrl": "https://chat.example.org"}' in await (await client.get("/embed.js")).text()
        policy = (await client.get("/")).headers["Content-Security-Policy"]
        assert "connect-src 'self' https://chat.example.org wss://chat.example.org" in policy

    monkeypatch.setenv("RATIFY_RASA_PORT", "6006")
    run(scenario)


def test_the_widget_is_served_from_node_modules_without_its_cdn_font():
    async def scenario(client: TestClient) -> None:
        reply = await client.get("/vendor/rasa-webchat.js")
        assert reply.status == 200, "the widget is missing: run scripts/web_setup.sh"
        assert reply.content_type == "application/javascript"
        bundle = await reply.text()
        assert "WebChat" in bundle
        assert "fonts.googleapis.com" not in bundle
        assert "@import url(http" not in bundle

    run(scenario)


def test_remote_css_imports_are_removed_and_local_ones_kept():
    bundle = b'a{}@import url(https://fonts.example.com/css?x=1&y=2);b{}@import url(//cdn.example.com/a.css);' \
             b'@import url(local.css);'
    assert without_remote_imports(bundle) == b"a{}b{}@import url(local.css);"


@pytest.mark.parametrize("name", ["page.css", "widget.css", "page.js", "favicon.svg"])
def test_static_files_are_served(name):
    async def scenario(client: TestClient) -> None:
        reply = await client.get(f"/static/{name}")
        assert reply.status == 200
        assert await reply.read() == (STATIC_DIR / name).read_bytes()

    run(scenario)


def test_nothing_outside_the_static_directory_is_served():
    async def scenario(client: TestClient) -> None:
        for path in ("/static/../page.py", "/static/%2e%2e/page.py", "/static/"):
            assert (await client.get(path)).status in (403, 404)

    run(scenario)


@pytest.mark.parametrize("name", ["index.html", "page.css", "widget.css", "page.js", "embed.js"])
def test_the_page_loads_nothing_from_elsewhere(name):
    code = re.sub(r"/\*.*?\*/|^\s*//.*$", "", (STATIC_DIR / name).read_text(), flags=re.DOTALL | re.MULTILINE)
    assert not EXTERNAL_URL.findall(code)


def test_the_policy_names_only_our_servers():
    policy = content_security_policy("http://localhost:5005")
    assert EXTERNAL_URL.findall(policy) == []
    assert "ws://localhost:5005" in policy


def test_the_page_routes_live_beside_the_web_api():
    from web.app import create_app

    app = create_app()

    async def scenario(client: TestClient) -> None:
        assert (await client.get("/")).status == 200
        assert (await client.get("/api/health")).status == 200

    run(scenario, app)
