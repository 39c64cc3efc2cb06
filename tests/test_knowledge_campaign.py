"""campaign.yml: why ratify, the 2021-2026 campaign, contact and links; broken copies (our own words:
tests/reference/)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT
from bot.knowledge import campaign
from bot.knowledge.reader import KnowledgeError, load_document
from tests.conftest import changed_knowledge_document

DATA = PROJECT_ROOT / "data" / "knowledge"
REASONS = {"human_rights", "sdg_1_3", "level_playing_field", "minimum_benchmarks", "roadmap", "flexibility",
           "crisis_ratchet", "priority_assistance"}


@pytest.fixture(scope="module")
def kb() -> campaign.Campaign:
    return campaign.parse(load_document(DATA, campaign.FILE))


def parse_changed(tmp_path: Path, change: Callable[[dict], object]) -> campaign.Campaign:
    return campaign.parse(changed_knowledge_document(tmp_path, campaign.FILE, change))


# -- the real file -------------------------------------------------------------------------------------------
def test_contact_and_links(kb):
    assert kb.contact_email == "socpro@ilo.org"
    assert kb.links["toolkit"] == "http://standards.social-protection.org"
    assert kb.links["normlex"].endswith("P12100_ILO_CODE:C102")
    assert kb.links["campaign"] == "https://informaleconomy.social-protection.org/gimi/C102.action"


def test_campaign_figures(kb):
    assert (kb.start_year, kb.end_year, kb.ratifications_at_launch, kb.target) == (2021, 2026, 63, 70)
    assert kb.still_needed == 7
    assert [objective.id for objective in kb.objectives] == ["promote_ratification", "build_capacity"]
    assert "comparative assessments" in kb.method.text
    assert "63" in kb.count_note.text and "NORMLEX" in kb.count_note.text


def test_reasons_to_ratify(kb):
    assert {reason.id for reason in kb.reasons} == REASONS
    assert all(reason.source for reason in kb.reasons)
    human_rights = kb.reason("human_rights")
    assert "1948" in human_rights.text and "1966" in human_rights.text
    sdg = kb.reason("sdg_1_3")
    assert sdg.article == "SDG target 1.3"
    assert any(point.article == "SDG indicator 1.3.1" and point.verified for point in sdg.points)


def test_flexibility_points_are_verified(kb):
    points = {point.article: point.verified for point in kb.reason("flexibility").points}
    assert points == {"C102 Art. 2": True, "C102 Art. 3": True, "C102 Art. 4": True}
    assert "three of the nine branches" in kb.reason("flexibility").text


def test_ratchet_and_priority_assistance(kb):
    assert "ratchet" in kb.reason("crisis_ratchet").text
    assert "priority" in kb.reason("priority_assistance").text
    assert "model instruments" in kb.technical_assistance.text


def test_unknown_reason_is_a_key_error(kb):
    with pytest.raises(KeyError):
        kb.reason("cheaper")


def test_summary(kb):
    assert kb.summary().startswith("8 reasons to ratify, campaign 2021-2026 (63 -> 70 ratifications), 4 links, ")


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.casefold())


# -- broken copies -------------------------------------------------------------------------------------------
def expect_error(tmp_path, change, path: str, problem: str) -> None:
    with pytest.raises(KnowledgeError) as caught:
        parse_changed(tmp_path, change)
    assert (caught.value.file, caught.value.path) == (campaign.FILE, path)
    assert problem in caught.value.problem, caught.value.problem


def test_missing_key(tmp_path):
    expect_error(tmp_path, lambda d: d.pop("contact_email"), "", "missing key 'contact_email'")
    expect_error(tmp_path, lambda d: d["campaign"].pop("target"), "campaign", "missing key 'target'")


def test_missing_required_link(tmp_path):
    expect_error(tmp_path, lambda d: d["links"].pop("normlex"), "links", "missing key 'normlex'")


def test_wrong_type(tmp_path):
    expect_error(tmp_path, lambda d: d["campaign"].update(start_year="2021"), "campaign.start_year",
                 "expected a whole number")
    expect_error(tmp_path, lambda d: d.update(reasons={"human_rights": "yes"}), "reasons", "expected a list")


def test_bad_email_and_link(tmp_path):
    expect_error(tmp_path, lambda d: d.update(contact_email="socpro at ilo"), "contact_email",
                 "is not an e-mail address")
    expect_error(tmp_path, lambda d: d["links"].update(toolkit="standards.social-protection.org"), "links.toolkit",
                 "is not an http(s) address")


def test_campaign_figures_must_make_sense(tmp_path):
    expect_error(tmp_path, lambda d: d["campaign"].update(target=60), "campaign.target",
                 "target 60 is not above the 63 ratifications at launch")
    expect_error(tmp_path, lambda d: d["campaign"].update(end_year=2020), "campaign.end_year",
                 "ends (2020) before it starts (2021)")


def test_reason_needs_a_source(tmp_path):
    expect_error(tmp_path, lambda d: d["reasons"][2].pop("source"), "reasons[2]", "missing key 'source'")


def test_duplicate_reason_id(tmp_path):
    expect_error(tmp_path, lambda d: d["reasons"][1].update(id="human_rights"), "reasons[1]",
                 "duplicate reason id 'human_rights' (first at reasons[0])")


def test_unknown_key(tmp_path):
    expect_error(tmp_path, lambda d: d["campaign"].update(budget=1), "campaign", "unknown key 'budget'")
    expect_error(tmp_path, lambda d: d["reasons"][0].update(why="because"), "reasons[0]", "unknown key 'why'")
