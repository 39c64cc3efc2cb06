"""The eligibility check over the REST webhook of the running bot, in English, French and Spanish: a full check to
the report and the draft instrument, a question in the middle, a refused answer, a correction, a skipped branch, a
stop, and a resume after the action server was restarted, in the language the check was started in or in another.

Every test runs in each language from the same script (tests/assessment_e2e_lines.yml: what the user types, what the
bot must say, side by side in the three languages); a French or Spanish reply may not hold an English sentence
(`english_sentences`, buttons included). The full checks' conversations are written to
var/transcripts/assessment-<lang>.txt, to be read."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
import yaml

from bot.assessment import chat as assessment_chat
from bot.cli.wait_ready import wait_ready
from bot.config import PROJECT_ROOT
from bot.i18n import translator
from bot.nlu.understanding import english_sentences
from bot.render.contact import DID_YOU_MEAN
from bot.store.assessments import CODE_LENGTH
from web.page import page_texts

pytestmark = pytest.mark.e2e

LANGUAGES = ("en", "fr", "es")
TRANSCRIPTS = PROJECT_ROOT / "var" / "transcripts"
SCRIPT = Path(__file__).parent / "assessment_e2e_lines.yml"
_CODE = re.compile(rf"(?:'resume|« reprendre|«reanudar) ([A-Z0-9]{{{CODE_LENGTH}}})")


@dataclass(frozen=True)
class Lines:
    """One language's side of the check: what the user types (natural answers), then what the bot must say."""

    start: str
    no: str
    what_is_that: str
    rate_question: str  # a Q&A question in the middle of the form
    correction: str
    skip: str
    stop: str
    resume: str  # the word the bot says to type before the code
    show: str
    dont_know: str
    draft: str
    country: str  # Morocco, as named in the language
    old_age: str
    sickness: str
    maternity: str
    maternity_and_old_age: str
    employees: str
    about_42: str
    blue: str
    two_thirds: str
    no_limit: str
    fourteen_weeks: str
    full_check: tuple[str, ...]  # Parts V, VI and IX, with an explanation, a question and a correction on the way
    # what the bot says
    country_question: str
    branches_question: str
    article3: str
    temporary_exceptions: str
    art: str  # how an article is cited: "Art. 28", "art. 28"
    minimum_rate: str
    old_age_part: str
    maternity_part: str
    not_a_percentage: str
    blue_refused: str
    changed: str
    skipped: str
    stopped: str
    resumed: str  # with {code}; Morocco named in the language
    finished: str
    ratifiable: str
    meets: str  # a Part's verdict line: "{part}: meets the minimum"
    rate_told: str
    unlimited_told: str
    next_steps: str
    instrument: str
    accepts: str


def load_lines() -> dict[str, Lines]:
    """The script of each language, from tests/assessment_e2e_lines.yml (a line a key, in the three languages)."""
    table = yaml.safe_load(SCRIPT.read_text(encoding="utf-8"))
    steps = table.pop("full_check")
    return {lang: Lines(**{name: said[lang] for name, said in table.items()},
                        full_check=tuple(step[lang] for step in steps)) for lang in LANGUAGES}


LINES = load_lines()


def report_title(part: str) -> str:
    """A Part as the report heads it: "Part V – Old-age benefit" (an en dash), where the form says "Part V — …"."""
    return part.replace(" — ", " – ")


class Conversation:
    """One sender's conversation in `lang`: each reply's text, every turn kept for the transcript."""

    def __init__(self, servers, lang: str = "en") -> None:
        self.servers = servers
        self.lang = lang
        self.sender = uuid.uuid4().hex
        self.turns: list[tuple[str, list[dict]]] = []

    def say(self, message: str) -> str:
        reply = requests.post(self.servers.webhook, json={"sender": self.sender, "message": message}, timeout=60)
        assert reply.status_code == 200, reply.text
        self.turns.append((message, reply.json()))
        if self.lang != "en":
            shown = [text for item in reply.json() for text in
                     (item.get("text", ""), *(button["title"] for button in item.get("buttons", [])))]
            assert not [sentence for text in shown for sentence in english_sentences(text)], (message, shown)
        # French and Spanish write "40 %" with a no-break space: matched here as a space
        return "\n".join(item.get("text", "") for item in reply.json()).replace("\u00a0", " ")

    def transcript(self) -> str:
        """The conversation as a person reads it: each message, then the bot's replies with their buttons."""
        lines = []
        for message, replies in self.turns:
            lines += [f"> {message}", *(item.get("text", "") for item in replies if item.get("text"))]
            buttons = [f"[{button['title']}]" for item in replies for button in item.get("buttons", [])]
            lines += [" ".join(buttons)] if buttons else []
            lines.append("")
        return "\n".join(lines)


def started(servers, lang: str, *answers: str) -> tuple[Conversation, str]:
    """A conversation in `lang` that started the check and gave `answers`; the text of the last reply."""
    chat = Conversation(servers, lang)
    reply = chat.say(LINES[lang].start)
    assert LINES[lang].country_question in reply
    for answer in answers:
        reply = chat.say(answer)
    return chat, reply


def assert_taken(lang: str, message: str, reply: str) -> None:
    """The reply neither refuses the answer nor falls back to "did you mean ...?"."""
    t = translator(lang)
    refused = t.gettext(assessment_chat.REFUSED).partition("{")[0]
    assert refused not in reply and t.gettext(DID_YOU_MEAN) not in reply, (message, reply)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_full_check_to_the_report_and_the_draft_instrument(servers, lang):
    say = LINES[lang]
    chat = Conversation(servers, lang)
    try:
        assert say.country_question in chat.say(say.start)
        for answer in say.full_check[:-1]:
            assert_taken(lang, answer, chat.say(answer))
        report = chat.say(say.full_check[-1])
        assert say.ratifiable in report
        titles = re.findall(r"^(\S+ (?:V|VI|IX) – .+?)(?: :|:) ", report, re.MULTILINE)
        assert len(titles) == 3 and all(say.meets.format(part=title) in report for title in titles), titles
        assert say.rate_told in report  # the corrected answer
        assert ("66.7%" if lang == "en" else "66,7 %") in report  # "two thirds"
        assert say.next_steps in report
        draft = chat.say(say.draft)
        assert say.instrument in draft and say.accepts in draft
        assert re.findall(r"^ +\S+ (V|VI|IX) – ", draft, re.MULTILINE) == ["V", "VI", "IX"]
    finally:
        TRANSCRIPTS.mkdir(parents=True, exist_ok=True)
        (TRANSCRIPTS / f"assessment-{lang}.txt").write_text(chat.transcript(), encoding="utf-8")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_pages_suggested_question_starts_the_check(servers, lang):
    suggested = page_texts()[lang]["page"]["suggestions"][-1]  # "Can my country ratify C102?", as the page offers it
    assert LINES[lang].country_question in Conversation(servers, lang).say(suggested)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_question_in_the_middle_is_answered_and_the_same_question_comes_back(servers, lang):
    say = LINES[lang]
    chat, question = started(servers, lang, "Ghana", say.no, say.old_age, say.employees, "62%")
    assert f"{say.old_age_part} (3/7)" in question
    reply = chat.say(say.rate_question)
    assert say.minimum_rate in reply and f"{say.art} 28" in reply
    assert question.strip() in reply  # asked again, word for word
    explained = chat.say(say.what_is_that)
    assert say.minimum_rate in explained and question.strip() in explained
    assert "(4/7)" in chat.say(say.about_42)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_refused_answer_gets_the_message_and_the_question_again(servers, lang):
    say = LINES[lang]
    chat, question = started(servers, lang, "Ghana", say.no, say.sickness, say.employees)
    reply = chat.say("140 %")
    assert say.not_a_percentage in reply
    assert question.strip().splitlines()[-1] in reply
    assert say.blue_refused in chat.say(say.blue)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_what_is_that_explains_the_article3_question(servers, lang):
    say = LINES[lang]
    chat, question = started(servers, lang, "Kenya")
    assert say.article3 in question
    reply = chat.say(say.what_is_that)
    assert say.temporary_exceptions in reply and f"{say.art} 3" in reply


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_correction_and_a_skip_during_the_check(servers, lang):
    say = LINES[lang]
    chat, _ = started(servers, lang, "Ghana", say.no, say.maternity_and_old_age, say.employees, "60", "38%")
    assert say.changed in chat.say(say.correction)
    skipped = chat.say(say.skip)
    assert say.skipped in skipped
    assert f"{say.maternity_part} (1/4)" in skipped
    for answer in (say.employees, "60", say.two_thirds, say.no_limit):
        assert_taken(lang, answer, chat.say(answer))
    report = chat.say(say.dont_know)
    assert say.meets.format(part=report_title(say.maternity_part)) in report and say.unlimited_told in report
    assert report_title(say.old_age_part) not in report  # skipped


@pytest.mark.parametrize(("started_in", "resumed_in"), [("en", "en"), ("fr", "fr"), ("es", "es"), ("fr", "es")])
def test_stop_then_resume_after_a_restart_and_show_the_result(servers, started_in, resumed_in):
    first, then = LINES[started_in], LINES[resumed_in]
    chat, _ = started(servers, started_in, first.country, first.no)
    stopped = chat.say(first.stop)
    code = _CODE.search(stopped)
    assert first.stopped in stopped and code, stopped
    code = code.group(1)

    restart_action_server(servers)
    later = Conversation(servers, resumed_in)  # another conversation: the progress comes from the database
    resumed = later.say(f"{then.resume} {code.lower()}")  # the language of the words the bot gave for it
    assert then.resumed.format(code=code) in resumed
    assert then.branches_question in resumed
    for answer in (then.maternity, then.employees, "60", then.two_thirds, then.fourteen_weeks):
        assert_taken(resumed_in, answer, later.say(answer))
    report = later.say(then.dont_know)
    assert then.meets.format(part=report_title(then.maternity_part)) in report

    shown = Conversation(servers, resumed_in).say(f"{then.show} {code}")
    assert then.finished.format(code=code) in shown and report_title(then.maternity_part) in shown


def restart_action_server(servers) -> None:
    from tests.conftest import start_action_server

    old = servers.processes["actions"]
    old.terminate()
    old.wait(timeout=30)
    port = int(servers.actions_url.rsplit(":", 1)[1])
    servers.processes["actions"] = start_action_server(port, servers.log_dir)
    assert wait_ready([f"{servers.actions_url}/health"], timeout=120), "the action server did not restart"
