"""The commands the eligibility check teaches ("what is that?", "skip", "stop", in each language) get their intent as
typed, whatever the classifier said; and config.yml lists exactly the words the introduction teaches."""

from __future__ import annotations

import re

import pytest
import yaml
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.assessment.chat import INTRO
from bot.config import PROJECT_ROOT
from bot.i18n import translator
from components.command_intent import CommandIntent, command_key

#: the intents of the commands the introduction names, in the order it names them ("change the rate to 42", the
#: third, has a value in it and is left to the classifier)
TAUGHT = {0: "explain_question", 1: "skip_branch", 3: "stop_assessment"}
QUOTED = re.compile(r"(?<!\w)'(.+?)'(?!\w)|«\s*(.+?)\s*»")  # not the apostrophes of "Let's", "aujourd'hui"


def configured() -> dict[str, list[str]]:
    pipeline = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text(encoding="utf-8"))["pipeline"]
    (step,) = [step for step in pipeline if step["name"] == "components.command_intent.CommandIntent"]
    return step["commands"]


def component(tmp_path) -> CommandIntent:
    return CommandIntent.create({"commands": configured()}, LocalModelStorage(tmp_path), Resource("command_intent"),
                                ExecutionContext(GraphSchema({}), "test"))


def classified(text: str, intent: str = "ask_instrument") -> Message:
    ranking = [{"name": intent, "confidence": 0.8}, {"name": "explain_question", "confidence": 0.1}]
    return Message(data={TEXT: text, INTENT: ranking[0], INTENT_RANKING_KEY: ranking})


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_the_config_lists_the_commands_the_introduction_teaches(lang):
    quoted = [a or b for a, b in QUOTED.findall(translator(lang).gettext(INTRO))]
    assert len(quoted) == 4, quoted
    commands = configured()
    for index, intent in TAUGHT.items():
        assert command_key(quoted[index]) in map(command_key, commands[intent]), (lang, quoted[index])


@pytest.mark.parametrize(("text", "intent"), [
    ("qu'est-ce que c'est ?", "explain_question"), ("Qu'est-ce que c'est?", "explain_question"),
    ("¿Qué es eso?", "explain_question"), ("que es eso", "explain_question"), ("What is that?", "explain_question"),
    ("skip", "skip_branch"), ("Passer.", "skip_branch"), ("omitir", "skip_branch"),
    ("STOP", "stop_assessment"), ("arreter", "stop_assessment"), ("parar", "stop_assessment"),
])
def test_a_taught_command_gets_its_intent_whatever_the_classifier_said(tmp_path, text, intent):
    (message,) = component(tmp_path).process([classified(text)])
    assert message.get(INTENT) == {"name": intent, "confidence": 1.0}
    others = [name for name in ("ask_instrument", "explain_question") if name != intent]
    assert [entry["name"] for entry in message.get(INTENT_RANKING_KEY)] == [intent, *others]


@pytest.mark.parametrize("text", ["what is that convention about?", "qu'est-ce que c'est, la C102 ?",
                                  "stop paying benefits", "skip part V please", ""])
def test_anything_longer_is_left_to_the_classifier(tmp_path, text):
    (message,) = component(tmp_path).process([classified(text)])
    assert message.get(INTENT) == {"name": "ask_instrument", "confidence": 0.8}
