"""ratifications.yml and bot.knowledge.ratifications: the real file, queries, and broken copies (the file against
the project's reference CSV: tests/reference/)."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.config import PROJECT_ROOT
from bot.knowledge import countries as countries_module
from bot.knowledge import ratifications as ratifications_module
from bot.knowledge.countries import Countries
from bot.knowledge.ratifications import PartialDate, Ratifications
from bot.knowledge.reader import KnowledgeError, load_document

DATA = PROJECT_ROOT / "data" / "knowledge"
RAW: dict[str, Any] = yaml.safe_load((DATA / ratifications_module.FILE).read_text(encoding="utf-8"))


class FakeC102:
    """Stands in for bot.knowledge.c102.C102: only `has_part` is used."""

    PARTS = frozenset(["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
                       "XV"])

    def has_part(self, numeral: str) -> bool:
        return numeral in self.PARTS


@pytest.fixture(scope="module")
def countries() -> Countries:
    return countries_module.parse(load_document(DATA, countries_module.FILE))


@pytest.fixture(scope="module")
def ratifications(countries: Countries) -> Ratifications:
    return ratifications_module.parse(load_document(DATA, ratifications_module.FILE), countries, FakeC102())


def parse_broken(tmp_path: Path, data: dict[str, Any], countries: Countries) -> Ratifications:
    (tmp_path / ratifications_module.FILE).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return ratifications_module.parse(load_document(tmp_path, ratifications_module.FILE), countries, FakeC102())


def _index(code: str) -> int:
    return next(index for index, record in enumerate(RAW["records"]) if record["country"] == code)


# -- queries ------------------------------------------------------------------------------------------------------

def test_morocco_has_a_year_and_unknown_parts(ratifications: Ratifications) -> None:
    morocco = ratifications.get("ma")
    assert morocco is not None
    assert morocco.country_name == "Morocco"
    assert morocco.ratified_on == PartialDate(2019)
    assert str(morocco.ratified_on) == "2019"
    assert morocco.parts_accepted is None
    assert "Part VI" in (morocco.note or "")


def test_since_2020(ratifications: Ratifications) -> None:
    recent = ratifications.since(2020)
    assert [record.country_name for record in recent] == ["Cabo Verde", "Paraguay", "Sierra Leone", "El Salvador",
                                                          "Sao Tome and Principe", "Angola"]
    assert [str(record.ratified_on) for record in recent[-2:]] == ["2024-06-07", "2025-06-11"]
    assert all(record.ratified_on and record.ratified_on.year >= 2020 for record in recent)
    assert ratifications.since(2027) == []


def test_since_sorts_by_date_and_skips_undated_records(ratifications: Ratifications) -> None:
    everything = ratifications.since(1900)
    assert len(everything) == 63  # Sweden and Romania have no date
    keys = [record.ratified_on.sort_key for record in everything if record.ratified_on]
    assert keys == sorted(keys)
    assert everything[0].country_name == "United Kingdom of Great Britain and Northern Ireland"  # 1954, year only


@pytest.mark.parametrize("region", ["Africa", "african"])
def test_in_region_africa(ratifications: Ratifications, countries: Countries, region: str) -> None:
    names = [record.country_name for record in ratifications.in_region(countries, region)]
    assert names == ["Angola", "Benin", "Cabo Verde", "Chad", "Democratic Republic of the Congo", "Libya",
                     "Mauritania", "Morocco", "Niger", "Sao Tome and Principe", "Senegal", "Sierra Leone", "Togo"]


def test_in_region_leaves_out_former_states(ratifications: Ratifications, countries: Countries) -> None:
    europe = {record.country for record in ratifications.in_region(countries, "Europe")}
    assert {"RS", "HR", "SK", "TR", "UA", "RU"} <= europe
    assert europe.isdisjoint({"YUCS", "CSHH"})
    with pytest.raises(KeyError):
        ratifications.in_region(countries, "Atlantis")


def test_former_states_and_their_successors(ratifications: Ratifications) -> None:
    czechoslovakia = ratifications.get("CSHH")
    assert czechoslovakia is not None and czechoslovakia.former
    assert czechoslovakia.parts_accepted == ("II", "III", "V", "VII", "VIII", "IX", "X")
    assert ratifications.get("CZ") is None
    assert ratifications.predecessors("cz") == [czechoslovakia]
    assert [record.country for record in ratifications.predecessors("SI")] == ["YUCS"]
    assert ratifications.predecessors("FR") == []
    assert not ratifications.get("SK").former  # type: ignore[union-attr]


def test_country_notes_from_the_notes_file(ratifications: Ratifications) -> None:
    def note(code: str) -> str:
        record = ratifications.get(code)
        assert record is not None and record.note, code
        return record.note

    assert "Convention No. 121" in note("RS")
    for code in ["BB", "BO", "DE", "EC"]:
        assert "Convention No. 128" in note(code)
    assert "Czechia" in note("CSHH")
    assert ratifications.get("TR").article3_declaration is True  # type: ignore[union-attr]


def test_unconfirmed_states_have_no_record(ratifications: Ratifications) -> None:
    assert ratifications.get("CI") is None
    ivory_coast = ratifications.not_confirmed_for("ci")
    assert ivory_coast is not None
    assert ivory_coast.country_name == "Côte d'Ivoire"
    assert "no ratification was confirmed" in ivory_coast.note
    assert ratifications.not_confirmed_for("CZ") is not None
    assert ratifications.not_confirmed_for("FR") is None


def test_status_keeps_the_date_of_old_lists(ratifications: Ratifications) -> None:
    assert ratifications.get("AT").status == "listed as ratified in a list dated 31 December 2001"  # type: ignore[union-attr]
    assert "2011" in ratifications.get("CY").status  # type: ignore[union-attr]


def test_published_totals(ratifications: Ratifications) -> None:
    latest = ratifications.latest_total
    assert (latest.count, str(latest.as_of), latest.country) == (68, "2025-06-11", "AO")
    by_count = {total.count: total for total in ratifications.totals}
    assert str(by_count[65].as_of) == "2022-12"
    assert by_count[63].as_of is None
    assert (str(by_count[60].as_of), by_count[60].country) == ("2021-10-25", "PY")
    milestones = {total.count: total.country for total in ratifications.totals if total.country}
    assert milestones == {51: "TD", 53: "UA", 56: "RU", 57: "MA", 58: "BJ", 60: "PY", 68: "AO"}
    assert str(by_count[47].as_of) == "2010-10"
    assert all(total.source.startswith("http") for total in ratifications.totals)


def test_target_dates_and_caveat(ratifications: Ratifications) -> None:
    assert (ratifications.target.count, ratifications.target.by_year) == (70, 2026)
    assert ratifications.records_compiled_on == date(2026, 12, 1)
    assert ratifications.normlex_url == (
        "https://normlex.ilo.org/dyn/nrmlx_en/f?p=NORMLEXPUB:11300:0::NO::P11300_INSTRUMENT_ID:312247")
    assert "partial" in ratifications.caveat
    assert "NORMLEX" in ratifications.caveat
    assert "About four of the ratifications registered between late 2021 and mid-2025" in ratifications.caveat


def test_summary(ratifications: Ratifications) -> None:
    summary = ratifications.summary()
    assert summary.startswith("65 records (63 member States, 2 former States")
    assert "latest published total 68 as of 2025-06-11" in summary


# -- PartialDate --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["2016-06-06", "2019-06", "2016"])
def test_partial_date_keeps_its_precision(text: str) -> None:
    assert str(PartialDate.parse(text)) == text


@pytest.mark.parametrize("text", ["2019-02-30", "2019-13", "June 2019", "19", "2016-6-6", ""])
def test_partial_date_rejects_bad_dates(text: str) -> None:
    with pytest.raises(ValueError):
        PartialDate.parse(text)


def test_partial_date_sorts_a_year_before_its_days() -> None:
    assert PartialDate(2022).sort_key < PartialDate(2022, 6, 7).sort_key < PartialDate(2023).sort_key


# -- broken copies ------------------------------------------------------------------------------------------------

def _broken(change) -> dict[str, Any]:
    data = copy.deepcopy(RAW)
    change(data)
    return data


MA, TR, AT = _index("MA"), _index("TR"), _index("AT")


@pytest.mark.parametrize(("change", "path", "problem"), [
    (lambda d: d["records"][AT].update(country="XX"), f"records[{AT}].country", "unknown country 'XX'"),
    (lambda d: d["records"][AT].update(country="MA"), f"records[{MA}].country", "duplicate country 'MA'"),
    (lambda d: d["records"][TR]["parts_accepted"].append("XVI"), f"records[{TR}].parts_accepted[7]",
     "unknown Part 'XVI'"),
    (lambda d: d["records"][TR]["parts_accepted"].append("II"), f"records[{TR}].parts_accepted[7]",
     "duplicate Part 'II'"),
    (lambda d: d["records"][TR].update(parts_accepted=[]), f"records[{TR}].parts_accepted", "an empty list"),
    (lambda d: d["records"][AT].pop("date_source"), f"records[{AT}]", "a ratification without a source"),
    (lambda d: d["records"][TR].pop("parts_source"), f"records[{TR}]", "'parts_accepted' and 'parts_source'"),
    (lambda d: d["records"][AT].update(date_source="see the ILO website"), f"records[{AT}].date_source",
     "expected a URL"),
    (lambda d: d["records"][AT].update(ratified_on="1969-02-30"), f"records[{AT}].ratified_on", "bad date"),
    (lambda d: d["records"][AT].update(ratified_on="June 1969"), f"records[{AT}].ratified_on", "bad date"),
    (lambda d: d["records"][AT].update(ratified_on=[1969]), f"records[{AT}].ratified_on", "expected a text"),
    (lambda d: d["records"][AT].pop("status"), f"records[{AT}]", "missing key 'status'"),
    (lambda d: d["records"][AT].update(status=12), f"records[{AT}].status", "expected a text"),
    (lambda d: d["records"][TR].update(article3_declaration="yes"), f"records[{TR}].article3_declaration",
     "expected true or false"),
    (lambda d: d["records"][TR].update(article3_declaration=False), f"records[{TR}].article3_declaration",
     "write true"),
    (lambda d: d["records"][AT].update(ratifed_on="1969"), f"records[{AT}]", "unknown key 'ratifed_on'"),
    (lambda d: d.update(records_compiled_on="23 November 2026"), "records_compiled_on", "bad date"),
    (lambda d: d["published_totals"][0].update(count="sixty-five"), "published_totals[0].count",
     "expected a whole number"),
    (lambda d: d["published_totals"][2].update(country="ZZ"), "published_totals[2].country", "unknown country"),
    (lambda d: [total.pop("as_of", None) for total in d["published_totals"]], "published_totals",
     "at least one total with an 'as_of' date"),
    (lambda d: d["not_confirmed"][0].update(country="MA"), "not_confirmed[0].country",
     "'MA' also has a ratification record"),
    (lambda d: d.pop("campaign_target"), "", "missing key 'campaign_target'"),
    (lambda d: d.update(normlex_url="normlex"), "normlex_url", "expected a URL"),
])
def test_broken_copies_name_file_path_and_problem(tmp_path: Path, countries: Countries, change, path: str,
                                                  problem: str) -> None:
    with pytest.raises(KnowledgeError) as caught:
        parse_broken(tmp_path, _broken(change), countries)
    assert caught.value.file == "ratifications.yml"
    assert caught.value.path == path
    assert problem in caught.value.problem


def test_unquoted_yaml_dates_and_years_are_accepted(tmp_path: Path, countries: Countries) -> None:
    def change(data: dict[str, Any]) -> None:
        data["records"][AT]["ratified_on"] = date(1969, 11, 4)
        data["records"][MA]["ratified_on"] = 2019

    parsed = parse_broken(tmp_path, _broken(change), countries)
    assert str(parsed.get("AT").ratified_on) == "1969-11-04"  # type: ignore[union-attr]
    assert str(parsed.get("MA").ratified_on) == "2019"  # type: ignore[union-attr]


def test_dropping_a_row_is_noticed(tmp_path: Path, countries: Countries) -> None:
    parsed = parse_broken(tmp_path, _broken(lambda d: d["records"].pop(MA)), countries)
    assert parsed.count == 64
    assert parsed.get("MA") is None
