"""The Rasa files generated from the Q&A topics (actions/rasa_files.py) are up to date, and follow a topic change."""

from __future__ import annotations

import shutil

import pytest
import yaml

from actions import rasa_files
from bot import answers
from bot.answers import Topic
from bot.config import PROJECT_ROOT


def test_the_generated_rasa_files_are_up_to_date():
    stale = [str(path.relative_to(PROJECT_ROOT)) for path in rasa_files.stale()]
    assert stale == [], f"run `{rasa_files.COMMAND}`"


@pytest.fixture
def project(tmp_path):
    """A copy of the project's domain.yml, without data/qa_rules.yml."""
    shutil.copy(PROJECT_ROOT / rasa_files.DOMAIN, tmp_path / rasa_files.DOMAIN)
    (tmp_path / "data").mkdir()
    return tmp_path


def test_a_new_topic_is_one_intent_one_action_one_ignored_intent_and_two_rules(project, monkeypatch):
    extra = Topic("pension_age", answers.TOPICS["floor"].composer, "The pensionable age")
    monkeypatch.setattr(answers, "TOPICS", {**answers.TOPICS, extra.name: extra})
    assert rasa_files.stale(project) == [project / rasa_files.DOMAIN, project / rasa_files.QA_RULES]
    assert set(rasa_files.write(project)) == {project / rasa_files.DOMAIN, project / rasa_files.QA_RULES}
    assert rasa_files.stale(project) == []

    domain = yaml.safe_load((project / rasa_files.DOMAIN).read_text())
    assert domain["intents"].count("ask_pension_age") == 1
    assert domain["actions"].count("action_answer_pension_age") == 1
    assert domain["forms"]["assessment_form"]["ignored_intents"].count("ask_pension_age") == 1
    assert "follow_up" in domain["intents"] and "greet" in domain["intents"], "the hand-written items stay"
    rules = yaml.safe_load((project / rasa_files.QA_RULES).read_text())["rules"]
    assert len(rules) == 2 * len(answers.TOPICS)
    mine = [rule for rule in rules if {"intent": "ask_pension_age"} in rule["steps"]]
    assert [rule.get("condition") for rule in mine] == [None, [{"active_loop": "assessment_form"}]]
    assert all({"action": "action_answer_pension_age"} in rule["steps"] for rule in mine)
    assert mine[1]["steps"][-2:] == [{"action": "assessment_form"}, {"active_loop": "assessment_form"}]


def test_a_hand_edit_between_the_markers_is_out_of_date(project):
    rasa_files.write(project)
    domain = project / rasa_files.DOMAIN
    domain.write_text(domain.read_text().replace("  - ask_floor\n", "", 1))
    assert rasa_files.stale(project) == [domain]


def test_the_domain_must_say_where_the_generated_lists_go(project):
    domain = project / rasa_files.DOMAIN
    domain.write_text(domain.read_text().replace("# END generated: Q&A actions", "# end of the actions"))
    with pytest.raises(rasa_files.GeneratedFileError, match="no '# BEGIN generated: …' .* for Q&A actions"):
        rasa_files.stale(project)
