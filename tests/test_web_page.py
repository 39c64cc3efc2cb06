"""The chat page's routes: the page, the embed script with the socket URL, the widget served from our own server
without its CDN font, the static files; nothing on the page points outside our servers."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Awaitable, Callable
from html.parser import HTMLParser

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.language import LANGUAGES
from web.page import STATIC_DIR, add_page_routes, content_security_policy, page_texts, without_remote_imports

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


def settings_of(script: str) -> dict:
    """The settings the server wrote into the embed script."""
    [settings] = re.findall(r"^  const SETTINGS = (\{.*\});$", script, flags=re.MULTILINE)
    return json.loads(settings)


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
        assert settings_of(script)["socketUrl"] == "http://127.0.0.1:5005"
        assert "__RATIFY_SETTINGS__" not in script

    run(scenario)


def test_the_socket_url_follows_the_environment(monkeypatch):
    async def scenario(client: TestClient) -> None:
        assert settings_of(await (await client.get("/embed.js")).text())["socketUrl"] == "http://127.0.0.1:6006"
        monkeypatch.setenv("RATIFY_SOCKET_URL", "https://chat.example.org/")
        assert settings_of(await (await client.get("/embed.js")).text())["socketUrl"] == "https://chat.example.org"
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


@pytest.mark.parametrize("name", ["page.css", "widget.css", "page.js", "favicon.svg", "texts.json"])
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


# --- the page in English, French and Spanish ----------------------------------------------------------------------

class PageKeys(HTMLParser):
    """What index.html asks static/texts.json for: data-text (with its English text), data-label, the suggested
    questions, and the languages of the switch."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: dict[str, str] = {}
        self.labels: dict[str, str] = {}
        self.questions: list[str] = []
        self.switch: list[str] = []
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("data-text"):
            self._open = found["data-text"]
            self.texts[self._open] = ""
        if found.get("data-label"):
            self.labels[found["data-label"]] = found.get("aria-label") or ""
        if found.get("data-question"):
            self.questions.append(found["data-question"])
        if tag == "button" and found.get("data-lang"):
            self.switch.append(found["data-lang"])

    def handle_data(self, data: str) -> None:
        if self._open:
            self.texts[self._open] += data

    def handle_endtag(self, tag: str) -> None:
        self._open = None


def page_keys() -> PageKeys:
    parser = PageKeys()
    parser.feed((STATIC_DIR / "index.html").read_text(encoding="utf-8"))
    return parser


def test_the_switch_offers_each_language_of_the_texts():
    assert page_keys().switch == list(LANGUAGES) == list(page_texts())


def test_the_english_texts_are_the_page_without_javascript():
    html, english = page_keys(), page_texts()["en"]["page"]
    assert {key: " ".join(text.split()) for key, text in html.texts.items()} == {
        key: english[key] for key in html.texts}
    assert html.labels == {key: english[key] for key in html.labels}
    assert html.questions == english["suggestions"]


@pytest.mark.parametrize("language", [language for language in LANGUAGES if language != "en"])
def test_each_language_has_every_text_of_the_page_and_of_the_chat_translated(language):
    texts, english, html = page_texts()[language], page_texts()["en"], page_keys()
    for part in ("page", "widget"):
        assert set(texts[part]) == set(english[part]), part
    assert set(html.texts) | set(html.labels) <= set(texts["page"])
    assert len(texts["page"]["suggestions"]) == len(html.questions)
    untranslated = [key for part in ("page", "widget") for key, text in texts[part].items()
                    if text == english[part][key] and "ILO Ratify Assistant" not in text]
    assert untranslated == []


def test_the_embed_script_carries_the_chats_texts_in_each_language():
    async def scenario(client: TestClient) -> None:
        texts = settings_of(await (await client.get("/embed.js")).text())["texts"]
        assert texts == {language: page_texts()[language]["widget"] for language in LANGUAGES}
        assert texts["fr"]["send"] == "Envoyer" and texts["es"]["send"] == "Enviar"

    run(scenario)
