"""The trainer's pages in a real browser (headless Chromium, as tests/test_browser.py): the dashboard draws its
charts with the session's data, refreshes by itself while participants answer, asks for the token when it has
none, and loads nothing from elsewhere; the chat page's join link joins the session, whose quiz is then taken
with the option buttons; the dashboard in French (?lang=fr) and switched to Spanish. Screenshots go to
var/screenshots/ (trainer-dashboard.png, trainer-fr.png, trainer-join.png, trainer-quiz.png)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from bot.trainer.dashboard import questions_of
from bot.trainer.quiz import LETTERS
from bot.trainer.service import TrainerService, default_trainer_service
from tests import test_browser, test_trainer_e2e
from tests.test_browser import LOCAL_HOSTS, open_fresh, requested_urls, screenshot, wait_for_reply
from tests.test_trainer_e2e import TOKEN
from web.page import page_texts

pytestmark = pytest.mark.e2e

WAIT_SECONDS = 30
browser = test_browser.browser  # the module's own headless Chromium
site = test_browser.site  # the chat page and a Rasa server for it
web_app = test_trainer_e2e.web_api  # the web app with the trainer token set


def answer(trainer: TrainerService, sender: str, right: bool) -> None:
    turn = trainer.turn(sender)
    chosen = turn.question.answer if right else turn.question.wrong[0]
    trainer.answer(sender, LETTERS[turn.options.index(chosen)])


def played_session(trainer: TrainerService) -> str:
    """Three participants: two finished (4/4 and 1/4), one halfway; a few topics asked."""
    session = trainer.create("Workshop Nairobi", 4)
    for sender, name, results in [("b1", "Amina", [True] * 4), ("b2", "Kofi", [True, False, False, False]),
                                  ("b3", None, [True, True])]:
        trainer.join(sender, f"join {session.code}" + (f" as {name}" if name else ""))
        for right in results:
            answer(trainer, sender, right)
    for sender, topic in [("b1", "requirement"), ("b2", "requirement"), ("b3", "procedure")]:
        trainer.record_topic(sender, topic)
    return session.code


def chart_data(driver, canvas: str) -> list:
    return driver.execute_script("return Chart.getChart(arguments[0]).data.datasets[0].data;", canvas)


def test_the_dashboard_draws_the_session_and_refreshes_live(web_app, browser):
    trainer = default_trainer_service()
    code = played_session(trainer)
    browser.get(f"{web_app}/trainer/{code}?token={TOKEN}")
    WebDriverWait(browser, WAIT_SECONDS).until(
        lambda driver: driver.find_element(By.ID, "joined").text == "3")
    assert urlsplit(browser.current_url).query == ""  # the token left the address bar (projectors show it)
    assert browser.find_element(By.ID, "page-title").text == "Workshop Nairobi"
    assert browser.find_element(By.ID, "code").text == code
    assert browser.find_element(By.ID, "finished").text == "2"
    assert chart_data(browser, "scores-chart") == [0, 1, 0, 0, 1]
    assert chart_data(browser, "questions-chart") == [100, 67, 50, 50]
    assert chart_data(browser, "topics-chart") == [2, 1]
    assert len(browser.find_elements(By.CSS_SELECTOR, "#questions tbody tr")) == 4

    answer(trainer, "b3", True)  # the third participant answers while the trainer watches
    WebDriverWait(browser, WAIT_SECONDS).until(lambda driver: chart_data(driver, "questions-chart")[2] == 67)
    WebDriverWait(browser, WAIT_SECONDS).until(lambda driver: driver.find_element(By.ID, "answers").text == "11")
    size = browser.get_window_size()
    browser.set_window_size(size["width"], 1900)  # the whole dashboard: charts and tables
    try:
        screenshot(browser, "trainer-dashboard.png")
    finally:
        browser.set_window_size(size["width"], size["height"])

    elsewhere = [url for url in requested_urls(browser) if urlsplit(url).hostname not in LOCAL_HOSTS]
    assert elsewhere == []
    problems = [entry["message"] for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert problems == []


def cells(driver, table: str, column: int, attempts: int = 10) -> list[str]:
    """The texts of a column; read again when the dashboard's refresh (every few seconds) replaced the rows."""
    for attempt in range(attempts):
        try:
            return [row.find_elements(By.TAG_NAME, "td")[column].text
                    for row in driver.find_elements(By.CSS_SELECTOR, f"#{table} tbody tr")]
        except StaleElementReferenceException:
            if attempt == attempts - 1:
                raise
    raise AssertionError("attempts must be at least 1")


def as_shown(text: str) -> str:
    """`text` as WebDriver reads it from the page: no-break spaces ("40\u00a0%" in French) come back as spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def test_the_dashboard_in_french_then_in_spanish(web_app, browser):
    trainer = default_trainer_service()
    code = played_session(trainer)
    questions = questions_of(trainer.session(code))
    browser.get(f"{web_app}/trainer/{code}?token={TOKEN}&lang=fr")
    WebDriverWait(browser, WAIT_SECONDS).until(
        lambda driver: cells(driver, "questions", 1) == [as_shown(question.prompt.get("fr")) for question in questions])
    assert urlsplit(browser.current_url).query == "lang=fr"  # the token left, the language stays
    french = page_texts()["fr"]["trainer"]
    assert browser.execute_script("return document.documentElement.lang;") == "fr"
    assert browser.find_element(By.CSS_SELECTOR, "[data-text='questions_title']").text == french["questions_title"]
    assert browser.find_element(By.ID, "close-session").text == french["close"]
    assert browser.find_element(By.CSS_SELECTOR, ".join .join-words").text == f"rejoindre {code}"
    assert "lang=fr" in browser.find_element(By.ID, "join-link").get_attribute("href")
    assert cells(browser, "questions", 2) == [as_shown(question.answer.get("fr")) for question in questions]
    assert browser.execute_script("return Chart.getChart('topics-chart').data.labels;") == [
        "Exigences par branche", "La procédure de ratification"]
    size = browser.get_window_size()
    browser.set_window_size(size["width"], 1900)
    try:
        screenshot(browser, "trainer-fr.png")
    finally:
        browser.set_window_size(size["width"], size["height"])

    browser.find_element(By.CSS_SELECTOR, ".language-switch [data-lang='es']").click()
    WebDriverWait(browser, WAIT_SECONDS).until(
        lambda driver: cells(driver, "questions", 1) == [as_shown(question.prompt.get("es")) for question in questions])
    assert browser.find_element(By.ID, "close-session").text == page_texts()["es"]["trainer"]["close"]
    assert browser.find_element(By.CSS_SELECTOR, ".join .join-words").text == f"unirme a {code}"
    assert urlsplit(browser.current_url).query == "lang=es"
    problems = [entry["message"] for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert problems == []


def test_the_dashboard_asks_for_the_token(web_app, browser):
    code = played_session(default_trainer_service())
    open_fresh(browser, f"{web_app}/trainer/{code}", f"{web_app}/static/favicon.svg")
    form = browser.find_element(By.ID, "token-form")
    WebDriverWait(browser, WAIT_SECONDS).until(lambda _: form.is_displayed())
    assert "trainer token is required" in form.find_element(By.CSS_SELECTOR, ".problem").text
    assert browser.find_element(By.ID, "joined").text == "0"  # nothing shown without the token

    form.find_element(By.ID, "token").send_keys("wrong")
    form.find_element(By.CSS_SELECTOR, "button").click()
    WebDriverWait(browser, WAIT_SECONDS).until(
        lambda _: "not valid" in form.find_element(By.CSS_SELECTOR, ".problem").text)

    field = form.find_element(By.ID, "token")
    field.clear()
    field.send_keys(TOKEN)
    form.find_element(By.CSS_SELECTOR, "button").click()
    WebDriverWait(browser, WAIT_SECONDS).until(lambda driver: driver.find_element(By.ID, "joined").text == "3")
    browser.get_log("browser")  # the two refused requests (401) are expected there


def test_the_join_link_joins_the_session_in_the_chat(site, browser):
    session = default_trainer_service().create("Workshop Nairobi", 3)
    open_fresh(browser, f"{site.page}/?join={session.code}", f"{site.page}/static/favicon.svg")
    welcome = wait_for_reply(browser, 0, "Welcome to “Workshop Nairobi”!")
    assert urlsplit(browser.current_url).query == ""  # a reload does not join again
    assert browser.execute_script("return [...document.querySelectorAll('.rw-client')].map(e => e.innerText);") == [
        f"join {session.code}"]
    screenshot(browser, "trainer-join.png", top=welcome)

    before = len(test_browser.replies(browser))
    test_browser.click_button(browser, "take the quiz")
    question = wait_for_reply(browser, before, "Question 1 of 3:")
    test_browser.click_button(browser, "a. ")  # the first option's button
    wait_for_reply(browser, question.index + 1, "Question 2 of 3:")
    assert default_trainer_service().turn(test_browser.session_id(browser)).answered == 1
    screenshot(browser, "trainer-quiz.png", top=question)
