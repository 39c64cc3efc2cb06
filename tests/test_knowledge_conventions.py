"""conventions.yml: the real content, and a clear KnowledgeError for each kind of broken copy."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT
from bot.knowledge import c102 as c102_module
from bot.knowledge import conventions
from bot.knowledge.facts import Fact
from bot.knowledge.reader import KnowledgeError, load_document
from tests.conftest import changed_knowledge_document

DATA = PROJECT_ROOT / "data" / "knowledge"
CORE = {"C102", "C118", "C121", "C128", "C130", "C157", "C168", "C183", "R202"}
NUMERALS = ("II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")  # as the real C102 reports its Parts


REAL_FIGURES = c102_module.parse(load_document(DATA, c102_module.FILE)).figures


class FakeC102:
    """Stands in for the parsed C102: `has_part` (calls recorded) and the real `figures` for placeholders."""

    def __init__(self, parts: tuple[str, ...] = NUMERALS) -> None:
        self.parts, self.asked = set(parts), []
        self.figures = REAL_FIGURES

    def has_part(self, numeral: str) -> bool:
        self.asked.append(numeral)
        return numeral in self.parts


@pytest.fixture(scope="module")
def kb() -> conventions.Conventions:
    return conventions.parse(load_document(DATA, conventions.FILE), FakeC102())


def parse_changed(tmp_path: Path, change: Callable[[dict], object], c102: FakeC102 | None = None):
    """Parse a copy of the real file after `change` has edited its data."""
    return conventions.parse(changed_knowledge_document(tmp_path, conventions.FILE, change), c102 or FakeC102())


def instrument(data: dict, ident: str) -> dict:
    return next(item for item in data["instruments"] if item["id"] == ident)


def index_of(data: dict, ident: str) -> int:
    return [item["id"] for item in data["instruments"]].index(ident)


# -- the real file -------------------------------------------------------------------------------------------
def test_core_and_background_instruments(kb):
    assert {item.id for item in kb.core()} == CORE
    background = [item for item in kb.instruments if item.group == "background"]
    assert {item.id for item in background} == {"R67", "R69", "C165"}
    assert not any(item.in_toolkit for item in background)
    assert kb.get("R202").kind == "recommendation" and kb.get("C102").kind == "convention"


def test_c102_basics(kb):
    c102 = kb.get("C102")
    assert c102.full_title == "Social Security (Minimum Standards) Convention, 1952 (No. 102)"
    assert c102.adopted == date(1952, 6, 28) and c102.in_force == date(1955, 4, 27)
    assert c102.c102_parts == ("II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
    art2 = next(fact for fact in c102.key_figures if fact.article == "C102 Art. 2(a)")
    assert art2.verified and "three" in art2.text
    schedule = next(fact for fact in c102.key_figures if "Schedule" in (fact.article or ""))
    assert schedule.verified, "the C102 Schedule was checked against the Convention's text"
    assert "total loss of earning capacity" in schedule.text and "invalidity" in schedule.text


def test_c128_rates_with_their_article(kb):
    c128 = kb.get("C128")
    old_age = next(fact for fact in c128.key_figures if fact.text.startswith("Old-age"))
    assert "45%" in old_age.text and old_age.article == "C128 Schedule" and old_age.verified
    invalidity = next(fact for fact in c128.key_figures if fact.text.startswith("Invalidity"))
    assert "50%" in invalidity.text
    assert c128.c102_parts == ("V", "IX", "X")


def test_article_75_effects(kb):
    c128, c130 = kb.get("C128").effect_on_c102, kb.get("C130").effect_on_c102
    assert (c128.article, c128.c102_parts, c128.verified) == ("C128 Art. 45", ("IX", "V", "X"), True)
    assert "not a denunciation" in c128.text
    assert (c130.article, c130.c102_parts, c130.verified) == ("C130 Art. 36", ("III",), True)
    for ident, part in (("C121", "VI"), ("C168", "IV"), ("C183", "VIII")):
        effect = kb.get(ident).effect_on_c102
        assert effect.article is None and not effect.verified and effect.c102_parts == (part,)
        assert "not confirm" in effect.text
    assert kb.get("C102").effect_on_c102 is None and kb.get("C157").effect_on_c102 is None


def test_unverified_rates_are_flagged(kb):
    c121_rate = next(fact for fact in kb.get("C121").key_figures if "60%" in fact.text)
    assert not c121_rate.verified and "not been checked" in c121_rate.text
    assert c121_rate.cite().endswith("[not confirmed in our sources]")
    c130_rate = next(fact for fact in kb.get("C130").key_figures if "60%" in fact.text)
    assert not c130_rate.verified
    weeks = next(fact for fact in kb.get("C130").key_figures if "52 weeks" in fact.text)
    assert weeks.article == "C130 Art. 26" and weeks.verified


@pytest.mark.parametrize("typed", ["C102", "c102", "C 102", "c.102", "C No. 102", "Convention 102",
                                   "Convention No. 102", "convention no 102", "The Minimum Standards Convention",
                                   "Social Security (Minimum Standards) Convention"])
def test_c102_is_found_however_it_is_typed(kb, typed):
    assert kb.get(typed).id == "C102"


@pytest.mark.parametrize("typed", ["R202", "r 202", "Recommendation 202", "social protection floors recommendation",
                                   "SPF Recommendation"])
def test_r202_is_found_however_it_is_typed(kb, typed):
    assert kb.get(typed).id == "R202"


@pytest.mark.parametrize("typed", ["C999", "R102", "Convention 999", "social security"])
def test_unknown_instrument_is_a_key_error(kb, typed):
    with pytest.raises(KeyError):
        kb.get(typed)


def test_names_for_the_entity_ruler(kb):
    names = kb.names()
    for name in ("C102", "C 102", "Convention 102", "Convention No. 102", "Convention no 102",
                 "the minimum standards convention", "social security (minimum standards) convention"):
        assert names[name] == "C102"
    for name in ("R202", "Recommendation 202", "social protection floors recommendation", "SPF recommendation"):
        assert names[name] == "R202"
    for item in kb.instruments:
        assert item.id in item.names, f"{item.id} should list its own id among its names"


def test_every_instrument_links_to_its_normlex_page(kb):
    for item in kb.instruments:
        code = f"{item.id[0]}{item.number:03d}"
        assert item.link == f"https://normlex.ilo.org/dyn/normlex/en/f?p=NORMLEXPUB:12100:0::NO::P12100_ILO_CODE:{code}"


def test_higher_standards_go_beyond_c102(kb):
    for ident in ("C121", "C128", "C130", "C168", "C183"):
        assert kb.get(ident).beyond_c102, f"{ident} should say how it goes beyond C102"
    maternity = kb.get("C183").beyond_c102[0]
    assert "14 weeks" in maternity.text and maternity.article == "C102 Art. 52"
    assert {item.id for item in kb.relating_to_part("V")} == {"C128", "C157", "R202"}


def test_r202_floor_guarantees(kb):
    assert [entry.id for entry in kb.floor_guarantees] == ["health_care", "children", "active_age", "older_persons"]
    assert [entry.article for entry in kb.floor_guarantees] == [f"R202 Para. 5({letter})" for letter in "abcd"]
    assert all(entry.verified for entry in kb.floor_guarantees)
    assert "nationally" in kb.floor_level.text


def test_principles_with_their_articles(kb):
    articles = {entry.id: entry.article for entry in kb.principles}
    assert articles == {
        "defined_benefits": None,
        "participation": "C102 Art. 72(1)",
        "state_responsibility": "C102 Art. 71(3), 72(2)",
        "collective_financing": "C102 Art. 71(1), 71(2)",
        "actuarial_studies": "C102 Art. 71(3)",
        "solidarity_pooling": None,
    }
    assert not kb.principle("defined_benefits").verified
    assert kb.principle("solidarity_pooling").verified


def test_convention_versus_recommendation(kb):
    convention, recommendation = kb.contrast("convention"), kb.contrast("recommendation")
    assert "ratif" in convention.text and "supervision" in convention.text
    assert "not binding" in recommendation.text and "cannot be ratified" in recommendation.text


def test_every_part_numeral_is_checked_against_c102():
    fake = FakeC102()
    conventions.parse(load_document(DATA, conventions.FILE), fake)
    assert {"II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"} <= set(fake.asked)


def test_summary_counts(kb):
    summary = kb.summary()
    assert summary.startswith("12 instruments (9 core: 8 conventions, 1 recommendation), 6 principles, "
                              "4 floor guarantees, ")
    assert "unverified fact" in summary


def test_cite_adds_article_and_caveat():
    assert Fact("Old age 45%.", "C128 Schedule", True).cite() == "Old age 45% (C128 Schedule)."
    assert Fact("Art. 4 rule", None, False).cite() == "Art. 4 rule [not confirmed in our sources]"


# -- broken copies -------------------------------------------------------------------------------------------
def expect_error(tmp_path, change, path: str, problem: str, c102: FakeC102 | None = None) -> None:
    with pytest.raises(KnowledgeError) as caught:
        parse_changed(tmp_path, change, c102)
    assert (caught.value.file, caught.value.path) == (conventions.FILE, path)
    assert problem in caught.value.problem, caught.value.problem


def test_missing_key(tmp_path):
    expect_error(tmp_path, lambda d: d["instruments"][0].pop("title"), "instruments[0]", "missing key 'title'")


def test_missing_top_level_section(tmp_path):
    expect_error(tmp_path, lambda d: d.pop("principles"), "", "missing key 'principles'")


def test_wrong_type(tmp_path):
    expect_error(tmp_path, lambda d: d["instruments"][0].update(number="one hundred and two"),
                 "instruments[0].number", "expected a whole number")


def test_verified_must_be_true_or_false(tmp_path):
    expect_error(tmp_path, lambda d: d["principles"][0].update(verified="yes"),
                 "principles[0].verified", "expected true or false")


def test_unknown_kind(tmp_path):
    expect_error(tmp_path, lambda d: d["instruments"][0].update(kind="treaty"),
                 "instruments[0].kind", "unknown value 'treaty'")


def test_unknown_part_numeral(tmp_path):
    def change(data):
        instrument(data, "C128")["c102_parts"] = ["V", "XVI"]
    expect_error(tmp_path, change, "instruments[3].c102_parts[1]", "unknown C102 Part 'XVI'")


def test_part_unknown_to_the_parsed_c102(tmp_path):
    without_vi = FakeC102(tuple(numeral for numeral in NUMERALS if numeral != "VI"))
    expect_error(tmp_path, lambda d: None, "instruments[0].c102_parts[4]", "unknown C102 Part 'VI'", without_vi)


def test_effect_part_must_be_a_related_part(tmp_path):
    def change(data):
        instrument(data, "C130")["effect_on_c102"]["c102_parts"] = ["V"]
    expect_error(tmp_path, change, "instruments[4].effect_on_c102.c102_parts[0]",
                 "Part 'V' is not among the instrument's c102_parts")


def test_duplicate_id(tmp_path):
    expect_error(tmp_path, lambda d: d["instruments"].append(dict(d["instruments"][0])),
                 "instruments[12]", "duplicate instrument id 'C102' (first at instruments[0])")


def test_duplicate_name_across_instruments(tmp_path):
    def change(data):
        instrument(data, "C183")["names"].insert(0, "The Minimum Standards Convention")
    expect_error(tmp_path, change, "instruments[7].names[0]", "duplicate name 'the minimum standards convention'")


def test_name_that_is_another_instruments_id(tmp_path):
    def change(data):
        instrument(data, "C102")["names"].insert(0, "C 128")
    expect_error(tmp_path, change, "instruments[0].names[0]", "name 'C 128' is the id of another instrument")


def test_unknown_key(tmp_path):
    expect_error(tmp_path, lambda d: d["instruments"][1].update(colour="blue"),
                 "instruments[1]", "unknown key 'colour'")


def test_unknown_key_in_a_fact(tmp_path):
    def change(data):
        instrument(data, "C128")["key_figures"][0]["artcle"] = "C128 Schedule"
    expect_error(tmp_path, change, "instruments[3].key_figures[0]", "unknown key 'artcle'")


def test_key_figure_must_state_its_article(tmp_path):
    def change(data):
        instrument(data, "C128")["key_figures"][1].pop("article")
    expect_error(tmp_path, change, "instruments[3].key_figures[1]", "missing key 'article'")


def test_id_must_match_kind_and_number(tmp_path):
    expect_error(tmp_path, lambda d: d["instruments"][0].update(number=103),
                 "instruments[0].id", "does not match kind 'convention' and number 103")


def test_normlex_link_must_point_to_the_instrument(tmp_path):
    def change(data):
        instrument(data, "C128")["link"] = instrument(data, "C130")["link"]
    expect_error(tmp_path, change, "instruments[3].link", "NORMLEX link does not point to C128")


def test_dates_must_be_dates_and_agree_with_the_year(tmp_path):
    expect_error(tmp_path, lambda d: d["instruments"][0]["dates"].update(adopted="28 June 1952"),
                 "instruments[0].dates.adopted", "expected a date written as YYYY-MM-DD")
    expect_error(tmp_path, lambda d: d["instruments"][0]["dates"].update(adopted=date(1953, 6, 28)),
                 "instruments[0].dates.adopted", "adopted in 1953 but 'year' says 1952")


def test_recommendation_has_no_entry_into_force(tmp_path):
    def change(data):
        instrument(data, "R202")["dates"] = {"adopted": date(2012, 6, 14), "in_force": date(2013, 6, 14),
                                             "verified": False}
    expect_error(tmp_path, change, "instruments[8].dates.in_force", "a recommendation is not ratified")


def test_source_address_must_be_http(tmp_path):
    expect_error(tmp_path, lambda d: d["principles"][1].update(source="htp://droit-bilingue.ch"),
                 "principles[1].source", "is not an http(s) address")


def test_both_sides_of_the_comparison_are_required(tmp_path):
    def change(data):
        data["convention_vs_recommendation"] = [entry for entry in data["convention_vs_recommendation"]
                                                if entry["id"] != "recommendation"]
    expect_error(tmp_path, change, "convention_vs_recommendation", "missing entry 'recommendation'")


def test_c102_figures_are_quoted_from_c102_yml_not_retyped(kb):
    c128 = kb.get("C128")
    assert any(f"against {REAL_FIGURES['schedule.invalidity']}" in fact.text for fact in c128.beyond_c102)
    c102_figures = " ".join(fact.text for fact in kb.get("C102").key_figures)
    assert f"old age {REAL_FIGURES['schedule.old_age']}" in c102_figures
    assert "{" not in c102_figures


def test_an_unknown_placeholder_is_an_error(tmp_path):
    def typo(data: dict) -> None:
        data["instruments"][0]["covers"]["text"] = "at least {c102.schedule.old_agee}"

    expected = r"instruments\[0\].covers.text: unknown placeholder '\{c102.schedule.old_agee\}'"
    with pytest.raises(KnowledgeError, match=expected):
        parse_changed(tmp_path, typo)
