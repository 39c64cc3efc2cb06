"""countries.yml and bot.knowledge.countries: the real file, name lookup, regions, and broken copies."""

from __future__ import annotations

import copy
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot import knowledge
from bot.config import PROJECT_ROOT
from bot.knowledge import countries as countries_module
from bot.knowledge.countries import Countries, Country, FormerState, normalise, phrase
from bot.knowledge.reader import KnowledgeError, load_document

DATA = PROJECT_ROOT / "data" / "knowledge"
RAW: dict[str, Any] = yaml.safe_load((DATA / countries_module.FILE).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def countries() -> Countries:
    return countries_module.parse(load_document(DATA, countries_module.FILE))


def parse_broken(tmp_path: Path, data: dict[str, Any]) -> Countries:
    (tmp_path / countries_module.FILE).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return countries_module.parse(load_document(tmp_path, countries_module.FILE))


# -- the real file --------------------------------------------------------------------------------------------

def test_187_member_states_in_the_five_ilo_regions(countries: Countries) -> None:
    assert len(countries.members) == 187
    assert countries.regions == ("Africa", "Americas", "Arab States", "Asia and the Pacific",
                                 "Europe and Central Asia")
    sizes = {region: len(countries.in_region(region)) for region in countries.regions}
    assert sizes == {"Africa": 54, "Americas": 35, "Arab States": 11, "Asia and the Pacific": 36,
                     "Europe and Central Asia": 51}


def test_un_members_outside_the_ilo_are_absent_and_the_cook_islands_present(countries: Countries) -> None:
    codes = {country.code for country in countries.members}
    assert codes.isdisjoint({"AD", "BT", "LI", "FM", "MC", "NR", "KP"})
    assert "CK" in codes
    for name in ["Palestine", "Kosovo", "Taiwan", "Andorra", "North Korea"]:
        assert countries.find(name) is None, name


def test_names_start_with_the_official_name(countries: Countries) -> None:
    for state in [*countries.members, *countries.former]:
        assert state.names[0] == state.name
    assert countries.get("GB").names[:3] == ("United Kingdom of Great Britain and Northern Ireland",
                                             "United Kingdom", "UK")


@pytest.mark.parametrize(("text", "code"), [
    ("United Kingdom", "GB"), ("UK", "GB"), ("Britain", "GB"), ("Great Britain", "GB"), ("GB", "GB"),
    ("Türkiye", "TR"), ("Turkey", "TR"), ("Turkiye", "TR"), ("TURKIYE", "TR"),
    ("Côte d'Ivoire", "CI"), ("Cote d'Ivoire", "CI"), ("cote d’ivoire", "CI"), ("Ivory Coast", "CI"),
    ("Russian Federation", "RU"), ("Russia", "RU"), ("Czechia", "CZ"), ("Czech Republic", "CZ"),
    ("Cabo Verde", "CV"), ("Cape Verde", "CV"), ("Eswatini", "SZ"), ("Swaziland", "SZ"),
    ("North Macedonia", "MK"), ("Macedonia", "MK"), ("Viet Nam", "VN"), ("Vietnam", "VN"),
    ("Republic of Korea", "KR"), ("South Korea", "KR"), ("United States", "US"), ("USA", "US"), ("US", "US"),
    ("U.S.A.", "US"), ("Bolivia (Plurinational State of)", "BO"), ("Bolivia", "BO"),
    ("Venezuela (Bolivarian Republic of)", "VE"), ("Venezuela", "VE"),
    ("Democratic Republic of the Congo", "CD"), ("DRC", "CD"), ("DR Congo", "CD"),
    ("Congo", "CG"), ("Republic of the Congo", "CG"), ("the Netherlands", "NL"), ("  the gambia ", "GM"),
    ("St. Lucia", "LC"), ("Saint Vincent & the Grenadines", "VC"), ("Guinea Bissau", "GW"), ("Guinea", "GN"),
])
def test_find_ignores_case_accents_and_punctuation(countries: Countries, text: str, code: str) -> None:
    found = countries.find(text)
    assert isinstance(found, Country)
    assert found.code == code


def test_bare_codes_count_only_in_capitals(countries: Countries) -> None:
    assert countries.find("NO") == countries.get("NO")
    assert countries.find("IT") == countries.get("IT")
    assert countries.find("no") is None
    assert countries.find("it") is None


def test_find_returns_former_states(countries: Countries) -> None:
    yugoslavia = countries.find("Yugoslavia")
    assert isinstance(yugoslavia, FormerState)
    assert set(yugoslavia.successors) == {"BA", "HR", "ME", "MK", "RS", "SI"}
    czechoslovakia = countries.find("czechoslovakia")
    assert isinstance(czechoslovakia, FormerState)
    assert czechoslovakia.successors == ("CZ", "SK")
    assert countries.find("CSHH") is czechoslovakia
    assert countries.state("yucs") is yugoslavia


def test_get_only_returns_member_states(countries: Countries) -> None:
    assert countries.get("gb").name == "United Kingdom of Great Britain and Northern Ireland"
    with pytest.raises(KeyError):
        countries.get("YUCS")
    with pytest.raises(KeyError):
        countries.get("XX")


def test_suggest_offers_close_names_for_typos(countries: Countries) -> None:
    assert "Türkiye" in countries.suggest("Turky")
    assert countries.suggest("Brazill")[0] == "Brazil"
    assert countries.suggest("Phillipines")[0] == "Philippines"
    assert countries.suggest("Columbia")[0] == "Colombia"
    assert len(countries.suggest("Guinea Bisau", limit=2)) <= 2
    assert countries.suggest("qqqqqq") == []


@pytest.mark.parametrize("text", ["Africa", "african", "AFRICA", "the African countries", "Sub-Saharan Africa"])
def test_in_region_accepts_what_users_type(countries: Countries, text: str) -> None:
    africa = countries.in_region(text)
    names = [country.name for country in africa]
    assert len(africa) == 54
    assert {"Morocco", "Cabo Verde", "Egypt", "South Africa", "Côte d'Ivoire"} <= set(names)
    assert "Jordan" not in names
    assert names == sorted(names, key=normalise)


def test_other_regions(countries: Countries) -> None:
    europe = {country.code for country in countries.in_region("European")}
    assert {"TR", "IL", "KZ", "GB", "CZ"} <= europe
    assert {country.code for country in countries.in_region("Arab States")} >= {"JO", "SA", "AE"}
    assert countries.region_of("Latin America") == "Americas"
    assert countries.region_of("Asia-Pacific") == "Asia and the Pacific"
    assert countries.region_of("Atlantis") is None
    with pytest.raises(KeyError):
        countries.in_region("Atlantis")


def test_summary(countries: Countries) -> None:
    summary = countries.summary()
    assert "187 member States" in summary
    assert "Africa 54" in summary
    assert "2 former States" in summary


def test_loading_is_fast() -> None:
    started = time.perf_counter()
    countries_module.parse(load_document(DATA, countries_module.FILE))
    assert time.perf_counter() - started < 1.0


# -- broken copies ------------------------------------------------------------------------------------------------

def _member(data: dict[str, Any], code: str) -> tuple[int, dict[str, Any]]:
    return next((index, entry) for index, entry in enumerate(data["members"]) if entry["code"] == code)


def _broken(change) -> dict[str, Any]:
    data = copy.deepcopy(RAW)
    change(data)
    return data


@pytest.mark.parametrize(("change", "path", "problem"), [
    (lambda d: d["members"][0].pop("region"), "members[0]", "missing key 'region'"),
    (lambda d: d["members"][0].update(synonyms="Algérie"), "members[0].synonyms", "expected a list"),
    (lambda d: d["members"][0].update(name=42), "members[0].name", "expected a text"),
    (lambda d: d["members"][0].update(region="Antarctica"), "members[0].region", "unknown value 'Antarctica'"),
    (lambda d: d["members"][1].update(code=d["members"][0]["code"]), "members[1].code", "duplicate code 'DZ'"),
    (lambda d: d["members"][0].update(code="DZA"), "members[0].code", "not an ISO 3166-1 alpha-2 code"),
    (lambda d: d["members"][0].update(code=False), "members[0].code", "expected a text, got False"),
    (lambda d: d["members"][0].update(regoin="Africa"), "members[0]", "unknown key 'regoin'"),
    (lambda d: d["members"][0].update(synonyms=["Algeria"]), "members[0].synonyms[0]", "duplicate name 'algeria'"),
    (lambda d: d["former_states"][0]["successors"].append("XK"), "former_states[0].successors",
     "unknown country 'XK'"),
    (lambda d: d["former_states"][0].update(code="YU"), "former_states[0].code", "not an ISO 3166-3 code"),
    (lambda d: d["regions"][1]["aliases"].append("African"), "regions[1]", "also used by region 'Africa'"),
    (lambda d: d.pop("members"), "", "missing key 'members'"),
    (lambda d: d["members"][0].pop("fr_article"), "members[0]", "DZ: the French name 'Algérie' needs its article"),
    (lambda d: d["former_states"][0].pop("fr_article"), "former_states[0]", "YUCS: the French name 'Yougoslavie'"),
    (lambda d: d["members"][0].update(fr_article="el"), "members[0].fr_article", "unknown value 'el'"),
    (lambda d: d["members"][0].update(fr_article="la"), "members[0].fr_article", "DZ: 'la' does not go before"),
])
def test_broken_copies_name_file_path_and_problem(tmp_path: Path, change, path: str, problem: str) -> None:
    with pytest.raises(KnowledgeError) as caught:
        parse_broken(tmp_path, _broken(change))
    assert caught.value.file == "countries.yml"
    assert caught.value.path == path
    assert problem in caught.value.problem


def test_the_same_name_for_two_states_is_an_error(tmp_path: Path) -> None:
    index, _ = _member(RAW, "CD")

    def change(data: dict[str, Any]) -> None:
        data["members"][index]["synonyms"].append("Congo")

    with pytest.raises(KnowledgeError) as caught:
        parse_broken(tmp_path, _broken(change))
    assert caught.value.path == f"members[{index}]"
    assert "duplicate name 'Congo' (also a name of CG Congo)" in caught.value.problem


def test_a_name_clashing_after_normalisation_is_an_error(tmp_path: Path) -> None:
    algeria, _ = _member(RAW, "DZ")
    ivory_coast, _ = _member(RAW, "CI")

    def change(data: dict[str, Any]) -> None:
        data["members"][algeria]["synonyms"] = ["COTE D’IVOIRE"]

    with pytest.raises(KnowledgeError) as caught:
        parse_broken(tmp_path, _broken(change))
    assert caught.value.path == f"members[{ivory_coast}]"
    assert "duplicate name 'Côte d'Ivoire' (also a name of DZ Algeria)" in caught.value.problem


def test_accent_variants_of_one_state_are_allowed(countries: Countries) -> None:
    assert countries.get("CI").names[:2] == ("Côte d'Ivoire", "Cote d'Ivoire")
    assert normalise("Côte d'Ivoire") == normalise("Cote d’Ivoire") == "cote divoire"


# -- a name in a French sentence ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("code", "the", "of", "to", "by"), [
    ("MA", "le Maroc", "du Maroc", "au Maroc", "par le Maroc"),
    ("CI", "la Côte d'Ivoire", "de la Côte d'Ivoire", "à la Côte d'Ivoire", "par la Côte d'Ivoire"),
    ("DZ", "l'Algérie", "de l'Algérie", "à l'Algérie", "par l'Algérie"),
    ("PH", "les Philippines", "des Philippines", "aux Philippines", "par les Philippines"),
    ("MG", "Madagascar", "de Madagascar", "à Madagascar", "par Madagascar"),
    ("HT", "Haïti", "d'Haïti", "à Haïti", "par Haïti"),
    ("HN", "le Honduras", "du Honduras", "au Honduras", "par le Honduras"),
    ("YUCS", "la Yougoslavie", "de la Yougoslavie", "à la Yougoslavie", "par la Yougoslavie"),
])
def test_a_french_name_takes_its_article_and_contracts_it(countries: Countries, code, the, of, to, by) -> None:
    placed = phrase(countries.state(code).name, "fr")
    assert (str(placed), placed.the, placed.of, placed.to, placed.by) == (
        countries.state(code).name.get("fr"), the, of, to, by)
    template = "{country.The} a ratifié"  # as a catalog's French template places it
    assert template.format(country=placed) == the[0].upper() + the[1:] + " a ratifié"


def test_spanish_and_english_names_take_no_article(countries: Countries) -> None:
    morocco = countries.get("MA").name
    assert [(phrase(morocco, lang).the, phrase(morocco, lang).by) for lang in ("en", "es")] == [
        ("Morocco", "by Morocco"), ("Marruecos", "por Marruecos")]
    assert phrase("Atlantis", "fr").by == "par Atlantis"  # a name the knowledge base does not know: as typed


def test_every_french_name_has_its_article(countries: Countries) -> None:
    states = [*countries.members, *countries.former]
    assert all(state.name.article_fr in countries_module.FRENCH_ARTICLES for state in states)
    assert copy.deepcopy(countries.get("PH").name).article_fr == "les"


def test_the_languages_a_name_belongs_to():
    countries = knowledge.load().countries
    assert countries.name_languages("Mauritanie") == {"fr"}
    assert countries.name_languages("marruecos") == {"es"}
    assert countries.name_languages("El Salvador") == {"en", "fr", "es"}
    assert countries.name_languages("Senegal") == {"en", "fr", "es"}  # "Sénégal" without its accents
    assert countries.name_languages("Atlantis") == frozenset()
