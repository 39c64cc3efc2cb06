"""In a real browser (headless Chromium from Debian, driven by Selenium): the chat page talks to a Rasa server
started like `make run`, answers, shows buttons, links and lists, keeps the conversation over a reload, starts
over, switches language (EN | FR | ES, `?lang=`, the embed's `data-lang`), and loads nothing from outside our two
servers. Screenshots go to var/screenshots/.

Chromium and chromedriver come from `scripts/browser_setup.sh` (run by `make e2e`).
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
import requests
from aiohttp import web
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from bot import answers, knowledge
from bot.assessment.service import default_service
from bot.config import PROJECT_ROOT
from bot.nlu.understanding import english_sentences
from channels.rest import MAX_MESSAGE_CHARS
from channels.socketio import TOO_LONG
from tests.conftest import free_port
from tests.test_assessment_service import THREE_PARTS
from tests.test_channels_webhooks import (
    c102_first_line,
    extra_rasa_server,
    greeting,
    greeting_buttons,
    serve_in_thread,
)
from web.page import add_page_routes, page_texts, widget_texts

pytestmark = pytest.mark.e2e

SCREENSHOTS = PROJECT_ROOT / "var" / "screenshots"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--window-size=1280,1000"]
REPLY_SECONDS = 60


@dataclass
class Site:
    page: str  # our chat page
    rasa: str
    toolkit: str  # another site, with the embed snippet


def toolkit_site(embed_script: str) -> web.Application:
    """Another site's pages with the README's snippet: `/` with the chat's box, `/corner` without it, `/es` with
    the box and the snippet's `data-lang="es"`; `/blank`."""
    snippet = f'<script src="{embed_script}" defer></script>'
    box = '<div id="ratify-assistant" style="height: 600px"></div>'
    pages = {"/": f"{box}\n{snippet}", "/corner": snippet, "/blank": "<p>No chat here.</p>",
             "/es": f'{box}\n<script src="{embed_script}" data-lang="es" defer></script>'}
    app = web.Application()
    for path, body in pages.items():
        html = f"<!doctype html><html lang='en'><head><title>Toolkit</title></head><body>{body}</body></html>"
        app.router.add_get(path, lambda _, html=html: web.Response(text=html, content_type="text/html"))
    return app


@pytest.fixture(scope="module")
def site(servers, tmp_path_factory) -> Iterator[Site]:
    """The page and another site on local ports, and a Rasa server accepting those two origins only."""
    page_port, toolkit_port = free_port(), free_port()
    page, toolkit = f"http://127.0.0.1:{page_port}", f"http://127.0.0.1:{toolkit_port}"
    settings = {"RATIFY_WEB_URL": page, "RATIFY_ALLOWED_ORIGINS": toolkit}
    with extra_rasa_server(servers, settings, tmp_path_factory.mktemp("web")) as rasa, \
            pytest.MonkeyPatch.context() as env:
        env.setenv("RATIFY_SOCKET_URL", rasa)
        app = web.Application()
        add_page_routes(app)
        with serve_in_thread(app, page_port), serve_in_thread(toolkit_site(f"{page}/embed.js"), toolkit_port):
            yield Site(page, rasa, toolkit)


@pytest.fixture(scope="module")
def browser(tmp_path_factory) -> Iterator[webdriver.Chrome]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    chromedriver = shutil.which("chromedriver")
    if not chromium or not chromedriver:
        pytest.fail("Chromium and chromedriver are missing: run `bash scripts/browser_setup.sh` (make e2e does)")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in [*CHROMIUM_FLAGS, f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(service=webdriver.ChromeService(chromedriver), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def open_fresh(browser: webdriver.Chrome, url: str, blank: str) -> None:
    """Opens `url` with no conversation stored, cleared from `blank`, a page of the same site without the chat."""
    browser.get(blank)
    browser.execute_script("sessionStorage.clear(); localStorage.clear();")
    browser.get(url)


@pytest.fixture
def chat(site, browser) -> webdriver.Chrome:
    """The page open on a new conversation, the greeting shown."""
    open_fresh(browser, site.page, f"{site.page}/static/favicon.svg")
    wait_for_reply(browser, 0)
    return browser


@dataclass(frozen=True)
class Reply:
    """A reply of the bot as shown, read in one go (the widget redraws its elements as messages arrive)."""

    index: int
    text: str
    links: tuple[str, ...]
    list_items: int


READ_REPLIES = """return [...document.querySelectorAll('.rw-response')].map(r => [
    r.innerText, [...r.querySelectorAll('a')].map(a => a.href), r.querySelectorAll('li').length]);"""


def replies(browser: webdriver.Chrome) -> list[Reply]:
    return [Reply(i, text, tuple(links), items)
            for i, (text, links, items) in enumerate(browser.execute_script(READ_REPLIES))]


def texts(browser: webdriver.Chrome, selector: str) -> list[str]:
    return browser.execute_script("return [...document.querySelectorAll(arguments[0])].map(e => e.innerText);",
                                  selector)


def wait_for_reply(browser: webdriver.Chrome, before: int, containing: str = "") -> Reply:
    """The bot's newest reply once there are more than `before` replies (and one shows `containing`)."""
    def arrived(driver: webdriver.Chrome) -> Reply | bool:
        fitting = [r for r in replies(driver)[before:] if r.text.strip() and containing in r.text]
        return fitting[-1] if fitting else False

    try:
        return WebDriverWait(browser, REPLY_SECONDS).until(arrived)
    except TimeoutException:
        shown = "\n---\n".join(r.text for r in replies(browser))
        console = "\n".join(e["message"][:300] for e in browser.get_log("browser"))
        pytest.fail(f"no reply containing {containing!r} within {REPLY_SECONDS} s on {browser.current_url}; the "
                    f"chat shows:\n{shown}\nconsole:\n{console}")


def click_button(browser: webdriver.Chrome, words: str) -> None:
    """Clicks the bot's newest button whose title contains `words` (any case)."""
    def clicked(driver: webdriver.Chrome) -> bool:
        buttons = [b for b in driver.find_elements(By.CSS_SELECTOR, ".rw-reply") if words in b.text.lower()]
        if buttons:
            buttons[-1].click()
        return bool(buttons)

    WebDriverWait(browser, 10, ignored_exceptions=(StaleElementReferenceException,)).until(clicked)


def type_message(browser: webdriver.Chrome, text: str) -> None:
    box = browser.find_element(By.CSS_SELECTOR, "textarea.rw-new-message")
    box.send_keys(text)
    box.send_keys(Keys.ENTER)


def session_id(browser: webdriver.Chrome) -> str:
    return browser.execute_script("return (JSON.parse(sessionStorage.getItem('chat_session')) || {}).session_id")


def requested_urls(browser: webdriver.Chrome) -> list[str]:
    """Every HTTP and WebSocket request the page made since the last call (Chrome's own pages left out)."""
    urls = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
        elif message["method"] == "Network.webSocketCreated":
            urls.append(message["params"]["url"])
    return [url for url in urls if urlsplit(url).scheme in ("http", "https", "ws", "wss")]


def screenshot(browser: webdriver.Chrome, name: str, top: Reply | None = None) -> None:
    """The window into var/screenshots/`name`, the chat scrolled to show `top` first (default: the newest)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    if top is not None:
        time.sleep(1)  # the widget scrolls to the newest message as it finishes drawing
        browser.execute_script("document.querySelectorAll('.rw-response')[arguments[0]]"
                               ".scrollIntoView({block: 'start'}); window.scrollTo(0, 0);", top.index)
    assert browser.save_screenshot(str(SCREENSHOTS / name))


def first_line(topic: str, **entities: str) -> str:
    """The first line of the bot's answer on `topic`, from the knowledge base."""
    return answers.answer(topic, knowledge.load(), answers.UserQuestion(text="", **entities)).text.splitlines()[0]


def test_chat_answers_shows_links_lists_and_buttons_and_loads_nothing_from_elsewhere(chat):
    assert "ILO Ratify Assistant" in replies(chat)[-1].text
    assert texts(chat, ".rw-reply") == greeting_buttons()

    type_message(chat, "what is C102?")
    answer = wait_for_reply(chat, 1, c102_first_line())
    assert any(urlsplit(link).hostname == "normlex.ilo.org" for link in answer.links), answer.links
    assert answer.list_items >= 2
    assert texts(chat, ".rw-client")[-1] == "what is C102?"

    before = len(replies(chat))
    click_button(chat, "ratify")
    wait_for_reply(chat, before, first_line("procedure"))
    screenshot(chat, "chat.png")
    screenshot(chat, "chat-c102.png", top=answer)

    elsewhere = [url for url in requested_urls(chat) if urlsplit(url).hostname not in LOCAL_HOSTS]
    assert elsewhere == []
    problems = [e["message"] for e in chat.get_log("browser") if e["level"] == "SEVERE"]
    assert problems == []


#: per language: what to type before the code, the report's headings (the check of Morocco, Parts V, VI and IX),
#: and its screenshot
REPORTS = {
    "en": ("show", ("C102 eligibility check: Morocco", "meets the minimum", "Where to start", "Next steps:"),
           "report.png"),
    "fr": ("afficher", ("Vérification des conditions de ratification de la C102 : Maroc", "atteint le minimum",
                        "Par où commencer", "Prochaines étapes :"), "report-fr.png"),
    "es": ("mostrar", ("Comprobación de los requisitos de ratificación del C102: Marruecos", "alcanza el mínimo",
                       "Por dónde empezar", "Próximos pasos:"), "report-es.png"),
}


@pytest.mark.parametrize("lang", REPORTS)
def test_an_assessment_report_is_shown_with_its_parts(site, browser, lang):
    command, headings, name = REPORTS[lang]
    open_fresh(browser, f"{site.page}/?lang={lang}", f"{site.page}/static/favicon.svg")
    wait_for_reply(browser, 0)  # the greeting
    outcome = default_service().finish(THREE_PARTS, sender_id="browser-test")
    titles = [knowledge.load().c102.part(part.branch).title.get(lang) for part in outcome.assessment.parts]
    before = len(replies(browser))
    type_message(browser, f"{command} {outcome.code}")
    head = wait_for_reply(browser, before, headings[0])
    wait_for_reply(browser, before, headings[-1])
    shown = replies(browser)[before:]
    report = "\n".join(r.text for r in shown).replace("\u00a0", " ")
    for heading in (*headings, *titles):
        assert heading in report
    assert report.count(headings[1]) == len(outcome.assessment.parts)  # each Part's verdict, in the language
    assert lang == "en" or english_sentences(report) == []
    assert sum(r.list_items for r in shown) >= sum(len(part.checks) for part in outcome.assessment.parts)
    screenshot(browser, name, top=head)


def test_a_suggested_question_is_asked_in_the_chat_and_buttons_work_from_the_keyboard(chat):
    before = len(replies(chat))
    chat.find_element(By.CSS_SELECTOR, "[data-question='How does a country ratify C102?']").click()
    wait_for_reply(chat, before, first_line("procedure"))
    assert texts(chat, ".rw-client")[-1] == "How does a country ratify C102?"

    before = len(replies(chat))
    button = chat.find_elements(By.CSS_SELECTOR, ".rw-reply[role='button'][tabindex='0']")[-1]
    title = button.text
    button.send_keys(Keys.ENTER)
    wait_for_reply(chat, before)
    assert texts(chat, ".rw-client")[-1] == title


def test_an_overlong_message_is_refused_politely(chat):
    chat.execute_script("window.RatifyAssistant.ask(arguments[0])", "x" * (MAX_MESSAGE_CHARS + 1))
    wait_for_reply(chat, 1, TOO_LONG)


def test_a_reload_keeps_the_conversation_and_start_over_clears_it(chat):
    type_message(chat, "what is C102?")
    wait_for_reply(chat, 1, c102_first_line())
    shown, session = len(replies(chat)), session_id(chat)

    chat.refresh()
    WebDriverWait(chat, REPLY_SECONDS).until(lambda driver: len(replies(driver)) >= shown)
    assert session_id(chat) == session
    assert "what is C102?" in texts(chat, ".rw-client")
    type_message(chat, "thank you")  # the same conversation carries on over the new connection
    wait_for_reply(chat, shown)

    chat.find_element(By.CSS_SELECTOR, ".ratify-start-over").click()
    WebDriverWait(chat, REPLY_SECONDS).until(lambda driver: session_id(driver) != session)
    wait_for_reply(chat, 0, "ILO Ratify Assistant")
    time.sleep(1)
    assert len(replies(chat)) == 1
    assert texts(chat, ".rw-client") == []


def test_the_embed_snippet_brings_the_chat_to_another_site(site, browser):
    open_fresh(browser, site.toolkit, f"{site.toolkit}/blank")
    wait_for_reply(browser, 0, "ILO Ratify Assistant")
    type_message(browser, "what is C102?")
    wait_for_reply(browser, 1, c102_first_line())
    screenshot(browser, "embedded.png")


def test_without_the_box_the_chat_opens_from_a_button_in_the_corner(site, browser):
    open_fresh(browser, f"{site.toolkit}/corner", f"{site.toolkit}/blank")
    WebDriverWait(browser, REPLY_SECONDS).until(lambda driver: driver.find_elements(By.CSS_SELECTOR, ".rw-launcher"))
    browser.find_element(By.CSS_SELECTOR, ".rw-launcher").click()
    wait_for_reply(browser, 0, "ILO Ratify Assistant")
    screenshot(browser, "corner.png")


@pytest.mark.parametrize("allowed", [True, False], ids=["allowed origins", "another origin"])
def test_socketio_accepts_the_allowed_origins_only(site, allowed):
    handshake = f"{site.rasa}/socket.io/?EIO=4&transport=polling"
    origins = [site.page, site.toolkit] if allowed else ["https://elsewhere.example.org", "null"]
    for origin in origins:
        reply = requests.get(handshake, headers={"Origin": origin}, timeout=30)
        assert reply.status_code == (200 if allowed else 400)
        assert reply.headers.get("Access-Control-Allow-Origin") == (origin if allowed else None)


# --- languages ----------------------------------------------------------------------------------------------------

def greeted_in(browser: webdriver.Chrome, before: int, language: str) -> Reply:
    """The greeting in `language` (its first word, e.g. "Bonjour"), with that language's buttons."""
    reply = wait_for_reply(browser, before, greeting(language)["text"].split()[0])
    expected = greeting_buttons(language)
    assert texts(browser, ".rw-reply")[-len(expected):] == expected
    return reply


def placeholder(browser: webdriver.Chrome) -> str:
    return browser.find_element(By.CSS_SELECTOR, "textarea.rw-new-message").get_attribute("placeholder")


def page_in(browser: webdriver.Chrome, language: str) -> None:
    """Waits until page.js has put the page in `language` (it reads static/texts.json first)."""
    WebDriverWait(browser, 10).until(lambda driver: driver.execute_script("return document.documentElement.lang")
                                     == language)


def test_the_language_switch_changes_the_page_and_the_conversation(chat):
    for language in ("fr", "es"):
        page = page_texts()[language]["page"]
        chat.find_element(By.CSS_SELECTOR, f".language-switch [data-lang='{language}']").click()
        page_in(chat, language)
        assert texts(chat, "[data-text='about_title']") == [page["about_title"]]
        assert texts(chat, "[data-text='footer']") == [page["footer"]]
        assert texts(chat, "[data-question]") == page["suggestions"]
        assert chat.find_element(By.CSS_SELECTOR, f"[data-lang='{language}']").get_attribute("aria-pressed") == "true"
        assert f"lang={language}" in chat.current_url
        assert placeholder(chat) == widget_texts()[language]["hint"]
        before = len(replies(chat))
        type_message(chat, "hello")  # English, but the switch is newer: the conversation follows it
        greeted_in(chat, before, language)
        screenshot(chat, f"language-{language}.png")


def test_lang_in_the_address_opens_the_page_and_the_chat_in_that_language(site, browser):
    open_fresh(browser, f"{site.page}/?lang=fr", f"{site.page}/static/favicon.svg")
    greeted_in(browser, 0, "fr")
    page_in(browser, "fr")
    assert texts(browser, "h1") == [page_texts()["fr"]["page"]["heading"]]
    assert texts(browser, "[data-text='about_title']") == [page_texts()["fr"]["page"]["about_title"]]


def test_the_embed_snippets_data_lang_sets_the_chats_language(site, browser):
    open_fresh(browser, f"{site.toolkit}/es", f"{site.toolkit}/blank")
    greeted_in(browser, 0, "es")
    assert placeholder(browser) == widget_texts()["es"]["hint"]
    assert texts(browser, ".ratify-start-over") == [widget_texts()["es"]["start_over"]]
    screenshot(browser, "embedded-es.png")
