"""The eligibility check over the REST webhook of the running bot: a question in the middle, a refused answer,
a correction, a skipped branch, a stop, and a resume after the action server was restarted."""

from __future__ import annotations

import re
import uuid

import pytest
import requests

from bot.cli.wait_ready import wait_ready
from bot.store.assessments import CODE_LENGTH

pytestmark = pytest.mark.e2e

_CODE = re.compile(rf"type 'resume ([A-Z0-9]{{{CODE_LENGTH}}})'")


class Conversation:
    def __init__(self, servers) -> None:
        self.servers = servers
        self.sender = uuid.uuid4().hex

    def say(self, message: str) -> str:
        reply = requests.post(self.servers.webhook, json={"sender": self.sender, "message": message}, timeout=60)
        assert reply.status_code == 200, reply.text
        return "\n".join(item.get("text", "") for item in reply.json())


def started(servers, *answers: str) -> tuple[Conversation, str]:
    """A conversation that started the check and gave `answers`; the text of the last reply."""
    chat = Conversation(servers)
    reply = chat.say("Can my country ratify C102?")
    assert "Which country is this check for?" in reply
    for answer in answers:
        reply = chat.say(answer)
    return chat, reply


def test_a_question_in_the_middle_is_answered_and_the_same_question_comes_back(servers):
    chat, question = started(servers, "Ghana", "no", "old age", "employees", "62%")
    assert "Part V — Old-age benefit (3/7)" in question
    reply = chat.say("What replacement rate does C102 require for old-age benefit?")
    assert "40%" in reply and "Art. 28" in reply
    assert question.strip() in reply  # asked again, word for word
    assert "(4/7)" in chat.say("about 42 percent")


def test_a_refused_answer_gets_the_message_and_the_question_again(servers):
    chat, question = started(servers, "Ghana", "no", "sickness", "employees")
    reply = chat.say("140 %")
    assert "140 is not a percentage between 0 and 100" in reply
    assert question.strip().splitlines()[-1] in reply
    assert "blue" in chat.say("blue")


def test_what_is_that_explains_the_article3_question(servers):
    chat, question = started(servers, "Kenya")
    assert "Article 3 declaration" in question
    reply = chat.say("what is that?")
    assert "temporary exceptions" in reply and "Art. 3" in reply


def test_a_correction_and_a_skip_during_the_check(servers):
    chat, _ = started(servers, "Ghana", "no", "maternity and old age", "employees", "60", "38%")
    corrected = chat.say("change the replacement rate to 50")
    assert "Changed (Part V — Old-age benefit): replacement rate is now 50." in corrected
    skipped = chat.say("skip this branch")
    assert "Skipped Part V — Old-age benefit" in skipped
    assert "Part VIII — Maternity benefit (1/4)" in skipped


def test_stop_then_resume_after_a_restart_and_show_the_result(servers):
    chat, _ = started(servers, "Ghana", "no")
    stopped = chat.say("stop")
    code = _CODE.search(stopped)
    assert code, stopped
    code = code.group(1)

    restart_action_server(servers)
    later = Conversation(servers)  # another conversation: the progress comes from the database
    resumed = later.say(f"resume {code.lower()}")
    assert f"continuing assessment {code} (Ghana)" in resumed
    assert "Which branches shall I assess?" in resumed
    for answer in ("maternity", "employees", "60", "two thirds", "14 weeks"):
        assert "Sorry" not in later.say(answer), answer
    report = later.say("I don't know")
    assert "Part VIII – Maternity benefit: meets the minimum" in report

    shown = Conversation(servers).say(f"show {code}")
    assert f"Here is assessment {code} again." in shown and "Part VIII – Maternity benefit" in shown


def restart_action_server(servers) -> None:
    from tests.conftest import start_action_server

    old = servers.processes["actions"]
    old.terminate()
    old.wait(timeout=30)
    port = int(servers.actions_url.rsplit(":", 1)[1])
    servers.processes["actions"] = start_action_server(port, servers.log_dir)
    assert wait_ready([f"{servers.actions_url}/health"], timeout=120), "the action server did not restart"
