"""The standards answers: instruments, the branches, flexibility, Article 3, the floor, principles."""

from __future__ import annotations

import pytest

from bot import knowledge
from bot.answers import UserQuestion, answer, standards
from bot.answers.base import format_date
from bot.knowledge.facts import UNVERIFIED_NOTE

HIGHER = ("C121", "C128", "C130", "C168", "C183")


@pytest.fixture(scope="module")
def kb() -> knowledge.Knowledge:
    return knowledge.load()


def ask(kb, topic: str, **slots):
    return answer(topic, kb, UserQuestion(**slots))


# -- instrument ------------------------------------------------------------------------------------------------
def test_instrument_defaults_to_c102(kb):
    c102 = kb.conventions.get("C102")
    result = ask(kb, "instrument")
    assert result == ask(kb, "instrument", convention="C102")
    text = result.text
    assert c102.full_title in text and "1952" in text
    assert format_date(c102.adopted) in text and format_date(c102.in_force) in text
    assert c102.covers.cite() in text and "flagship" in text
    assert c102.key_figures[0].cite() in text and "C102 Art. 2(a)" in text
    assert text.endswith(f"NORMLEX: {c102.link}")
    assert result.context == {"convention": "C102"}


def test_instrument_buttons_after_c102(kb):
    buttons = ask(kb, "instrument").buttons
    assert [button.title for button in buttons] == ["Requirements per branch", "How to ratify",
                                                     "Check my country's eligibility"]
    assert [button.payload for button in buttons] == ["What does C102 require for old-age benefit?",
                                                      "How does a country ratify C102?", "Can my country ratify C102?"]
    assert ask(kb, "instrument", convention="C128").buttons == ()


def test_instrument_other_convention(kb):
    c128 = kb.conventions.get("C128")
    text = ask(kb, "instrument", convention="C128").text
    assert c128.full_title in text and c128.link in text
    for fact in c128.key_figures[:3]:
        assert fact.cite() in text
    assert "50%" in text and "C128 Schedule" in text  # invalidity benefit


def test_instrument_recommendation_and_unknown(kb):
    r202 = kb.conventions.get("R202")
    text = ask(kb, "instrument", convention="R202").text
    assert "Recommendation of 2012" in text and r202.covers.article in text
    unknown = ask(kb, "instrument", convention="C999")
    assert "no record of C999" in unknown.text and "C102" in unknown.text
    assert unknown.context == {"convention": None}


def test_unverified_status_note_is_flagged(kb):
    c118 = kb.conventions.get("C118")
    assert not c118.status_note.verified
    assert c118.status_note.cite() in ask(kb, "instrument", convention="C118").text


# -- instrument_beyond -----------------------------------------------------------------------------------------
def test_c102_is_the_baseline(kb):
    result = ask(kb, "instrument_beyond")
    assert "baseline" in result.text
    for ident in HIGHER:
        instrument = kb.conventions.get(ident)
        assert instrument.title in result.text
        assert all(numeral in result.text for numeral in instrument.c102_parts)
    assert [button.title for button in result.buttons] == list(HIGHER)
    assert "C128 Invalidity, Old-Age and Survivors' Benefits Convention (1967): C102 Parts V, IX and X" in result.text


@pytest.mark.parametrize("ident", HIGHER)
def test_how_a_convention_goes_beyond_c102(kb, ident):
    instrument = kb.conventions.get(ident)
    text = ask(kb, "instrument_beyond", convention=ident).text
    for fact in instrument.beyond_c102:
        assert fact.cite() in text
    assert instrument.effect_on_c102.cite() in text and instrument.link in text


def test_beyond_spot_checks(kb):
    c128 = ask(kb, "instrument_beyond", convention="C128").text
    assert "invalidity 50%, old age 45% and survivors 45%" in c128 and "C128 Art. 45" in c128
    assert "52 weeks" in ask(kb, "instrument_beyond", convention="C130").text
    assert "do not compare" in ask(kb, "instrument_beyond", convention="R67").text


# -- lists and overviews ---------------------------------------------------------------------------------------
def test_instruments_list(kb):
    text = ask(kb, "instruments_list").text
    for instrument in kb.conventions.instruments:
        assert instrument.full_title in text
    for instrument in kb.conventions.core():
        assert f"- {instrument.id}: {instrument.full_title}" in text
    assert kb.campaign.links["toolkit"] in text


def test_branches_nine_parts_with_numerals(kb):
    result = ask(kb, "branches")
    for part in kb.c102.parts:
        assert f"Part {part.numeral} — {part.title} (Arts {part.articles})" in result.text
    assert len(kb.c102.parts) == 9 and "9 branches" in result.text
    assert kb.c102.general_fact("art2_minimum_parts").cite() in result.text
    assert "at least 3 of the nine branch Parts" in result.text and "(C102 Art. 2)" in result.text
    assert len(result.buttons) == 9


def test_flexibility_art2_art3_art4(kb):
    text = ask(kb, "flexibility").text
    article2 = kb.c102.article2
    assert f"at least {article2.min_parts} of the nine" in text and "IV, V, VI, IX or X" in text
    for ident, article in (("art2_minimum_parts", "C102 Art. 2"), ("art3_declaration", "C102 Art. 3"),
                           ("art4_further_parts", "C102 Art. 4")):
        fact = kb.c102.general_fact(ident)
        assert fact.article == article and fact.cite() in text
    assert "(C102 Art. 4)." in text and UNVERIFIED_NOTE not in text  # Art. 4 is verified (reference source S60)


def test_article3_declaration_exceptions_and_reporting(kb):
    text = ask(kb, "article3").text
    assert kb.c102.general_fact("art3_declaration").cite() in text
    for part in kb.c102.parts:
        for exception in part.article3_exceptions:
            assert exception in text
    assert "- Part II — Medical care: Arts 9(d), 12(2)" in text
    assert "- Part IV — Unemployment benefit: Art. 21(c)" in text
    assert "Each year" in text and "article 22" in text and "(C102 Art. 3)" in text


def test_floor_four_guarantees(kb):
    result = ask(kb, "floor")
    guarantees = kb.conventions.floor_guarantees
    assert len(guarantees) == 4 and "4 basic guarantees" in result.text
    for guarantee in guarantees:
        assert f"{guarantee.title}: {guarantee.cite()}" in result.text
    for para in ("5(a)", "5(b)", "5(c)", "5(d)"):
        assert f"R202 Para. {para}" in result.text
    assert kb.conventions.floor_level.cite() in result.text
    assert kb.conventions.get("R202").link in result.text
    assert result.context == {"convention": "R202"}


def test_convention_vs_recommendation(kb):
    text = ask(kb, "convention_vs_recommendation").text
    for entry in kb.conventions.convention_vs_recommendation:
        assert f"- {entry.title}: {entry.cite()}" in text
    assert "ILO Constitution arts 19(5)(d), 22, 24, 26" in text and "two-thirds" in text


def test_principles_each_with_its_article(kb):
    text = ask(kb, "principles").text
    for principle in kb.conventions.principles:
        assert f"- {principle.title}: {principle.cite()}" in text
    assert "C102 Art. 71(3)" in text and "C102 Art. 72(1)" in text
    unverified = kb.conventions.principle("defined_benefits")
    assert not unverified.verified and UNVERIFIED_NOTE in text


@pytest.mark.parametrize("text", ["what is convention C999 about?", "qu'est-ce que la c 999 ?", "y el R300?"])
def test_an_instrument_number_the_nlu_does_not_know_is_said_unknown_whatever_the_context(kb, text):
    for context in (None, "C168"):
        unknown = ask(kb, "instrument", text=text, convention=context)
        assert "no record of" in unknown.text and unknown.context == {"convention": None}


def test_a_known_instrument_number_in_the_text_leaves_the_entity_in_charge(kb):
    assert ask(kb, "instrument", text="what is C168?", convention="C168") == ask(kb, "instrument", convention="C168")
    c168 = ask(kb, "instrument", convention="C168")
    assert ask(kb, "instrument", text="and C102 vs C168?", convention="C168") == c168


@pytest.mark.parametrize(("text", "numerals"), [
    ("We'd accept Parts II, V and VI", ("II", "V", "VI")),
    ("Part V and Part IX", ("V", "IX")),
    ("les parties II à V", ("II", "III", "IV", "V")),
    ("partes VI y III", ("III", "VI")),
    ("Parts I to X", ("II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")),  # Part I is no branch
    ("how many parts must we accept?", ()),
    ("V, VI and IX", ()),  # numerals alone may be anything
])
def test_the_parts_a_message_lists_are_read_in_the_conventions_order(text, numerals):
    assert standards.parts_named(text) == numerals


@pytest.mark.parametrize(("text", "expected"), [("is that enough?", True), ("¿basta con eso?", True),
                                                ("est-ce suffisant ?", True), ("draft the instrument", False)])
def test_a_question_whether_something_is_enough_is_recognised(text, expected):
    assert standards.asks_if_enough(text) is expected
