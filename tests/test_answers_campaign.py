"""Why ratify, the ratification campaign and the ILO's technical assistance."""

from __future__ import annotations

import pytest

from bot import knowledge
from bot.answers import UserQuestion, answer


@pytest.fixture(scope="module")
def kb() -> knowledge.Knowledge:
    return knowledge.load()


def test_why_ratify_gives_the_briefs_reasons(kb):
    result = answer("why_ratify", kb, UserQuestion())
    for reason in kb.campaign.reasons:
        assert f"- {reason.title}: {reason.cite()}" in result.text
    assert "(SDG target 1.3)" in result.text and "(C102 Arts 2, 3)" in result.text
    assert "human right to social security" in result.text and "ratchet" in result.text
    assert kb.campaign.links["toolkit"] in result.text
    assert [button.payload for button in result.buttons] == ["Can my country ratify C102?"]


def test_campaign_years_target_objectives_method(kb):
    campaign = kb.campaign
    text = answer("campaign", kb, UserQuestion()).text
    assert f"{campaign.start_year}–{campaign.end_year}" in text
    assert f"from {campaign.ratifications_at_launch} ratifications to {campaign.target}" in text
    assert "2021–2026: from 63 ratifications to 70." in text
    assert campaign.about.cite() in text and campaign.method.cite() in text and campaign.count_note.cite() in text
    for objective in campaign.objectives:
        assert f"- {objective.title}: {objective.cite()}" in text
    assert text.endswith(campaign.links["campaign"])


def test_assistance_contact_and_toolkit(kb):
    campaign = kb.campaign
    result = answer("assistance", kb, UserQuestion())
    assert campaign.technical_assistance.cite() in result.text
    assert f"Contact: {campaign.contact_email}" in result.text and "socpro@ilo.org" in result.text
    assert f"ILO toolkit: {campaign.links['toolkit']}" in result.text
    assert "actuarial" in result.text


def test_campaign_progress_is_the_latest_published_total(kb):
    """The campaign quotes the same total, date and target as "how many countries have ratified?"."""
    text = answer("campaign", kb, UserQuestion()).text
    count = answer("ratification_count", kb, UserQuestion()).text
    latest = kb.ratifications.latest_total
    progress = next(line for line in text.split("\n") if line.startswith("Progress: "))
    assert progress.removeprefix("Progress: ") == count.split("\n")[0]
    assert f"C102 had {latest.count} ratifications as of 11 June 2025" in progress and latest.count == 68
    assert "2 short of the ILO campaign's target of 70 ratifications by 2026" in text


def test_campaign_and_count_targets_must_agree(tmp_path):
    import shutil

    from bot.knowledge import KnowledgeError, knowledge_dir, load_from

    shutil.copytree(knowledge_dir(), tmp_path, dirs_exist_ok=True)
    campaign_file = tmp_path / "campaign.yml"
    campaign_file.write_text(campaign_file.read_text().replace("  target: 70\n", "  target: 75\n"))
    with pytest.raises(KnowledgeError) as caught:
        load_from(tmp_path)
    assert caught.value.path == "campaign.target" and "75 differs from the 70" in caught.value.problem
