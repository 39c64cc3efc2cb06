"""Ratifications of C102 as far as we have records (`ratifications.yml`), and the totals published over time.

The records are partial and keep the precision of their sources: a date may be a year only, and Parts left
out are unknown to us, not "none". Anything said from them must carry the caveat and point to NORMLEX.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from bot.knowledge.countries import Countries, FormerState, normalise
from bot.knowledge.reader import Node, unique
from bot.knowledge.text import Text

if TYPE_CHECKING:
    from bot.knowledge.c102 import C102

FILE = "ratifications.yml"

_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day, printed with just that precision."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """"2016-06-06", "2019-06" or "2016"; ValueError for anything else or a day that does not exist."""
        match = _PARTIAL_DATE.fullmatch(text.strip())
        if not match:
            raise ValueError(f"'{text}' is not a date of the form YYYY-MM-DD, YYYY-MM or YYYY")
        year, month, day = int(match[1]), _int_or_none(match[2]), _int_or_none(match[3])
        try:
            date(year, month or 1, day or 1)
        except ValueError as exc:
            raise ValueError(f"'{text}' is not a real date ({exc})") from None
        return cls(year, month, day)

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return self.year, self.month or 0, self.day or 0

    def __str__(self) -> str:
        return "-".join([f"{self.year:04d}", *(f"{part:02d}" for part in (self.month, self.day) if part is not None)])


@dataclass(frozen=True)
class Ratification:
    """One State's record. None means "not known to us": the source did not say."""

    country: str
    country_name: Text
    ratified_on: PartialDate | None
    parts_accepted: tuple[str, ...] | None
    article3_declaration: bool | None
    status: Text
    date_source: str
    parts_source: str | None
    former: bool
    note: Text | None


@dataclass(frozen=True)
class PublishedTotal:
    """A number of ratifications stated by a source; `country` made the count when it is a milestone."""

    count: int
    as_of: PartialDate | None
    source: str
    country: str | None
    note: Text | None


@dataclass(frozen=True)
class CampaignTarget:
    count: int
    by_year: int
    source: str
    note: Text


@dataclass(frozen=True)
class NotConfirmed:
    """A State checked without finding a ratification: not proof that it has not ratified."""

    country: str
    country_name: Text
    note: Text
    source: str | None


@dataclass(frozen=True)
class Ratifications:
    records: tuple[Ratification, ...]
    totals: tuple[PublishedTotal, ...]
    target: CampaignTarget
    not_confirmed: tuple[NotConfirmed, ...]
    records_compiled_on: date
    normlex_url: str
    caveat: Text
    _by_code: dict[str, Ratification] = field(repr=False, compare=False)
    _by_successor: dict[str, tuple[Ratification, ...]] = field(repr=False, compare=False)

    @property
    def count(self) -> int:
        """The number of our records (not the ILO's total: see `latest_total`)."""
        return len(self.records)

    @property
    def latest_total(self) -> PublishedTotal:
        """The published total with the most recent date."""
        dated = [(total.as_of.sort_key, total) for total in self.totals if total.as_of is not None]
        return max(dated, key=lambda pair: pair[0])[1]

    def get(self, code: str) -> Ratification | None:
        """The record of the member or former State `code` (any case), or None when we have none."""
        return self._by_code.get(code.upper())

    def predecessors(self, code: str) -> list[Ratification]:
        """Records of former States that member State `code` succeeded (Czechia -> Czechoslovakia)."""
        return list(self._by_successor.get(code.upper(), ()))

    def not_confirmed_for(self, code: str) -> NotConfirmed | None:
        return next((entry for entry in self.not_confirmed if entry.country == code.upper()), None)

    def since(self, year: int) -> list[Ratification]:
        """Records ratified in `year` or later, oldest first; records without a date are left out."""
        dated = [record for record in self.records if record.ratified_on and record.ratified_on.year >= year]
        return sorted(dated, key=_by_date)

    def in_region(self, countries: Countries, region: str) -> list[Ratification]:
        """Records of member States in an ILO region, by name (KeyError for an unknown region)."""
        codes = {country.code for country in countries.in_region(region)}
        return sorted((record for record in self.records if record.country in codes), key=_by_name)

    def summary(self) -> str:
        former = sum(record.former for record in self.records)
        dated = sum(record.ratified_on is not None for record in self.records)
        with_parts = sum(record.parts_accepted is not None for record in self.records)
        latest = self.latest_total
        return (f"{self.count} records ({self.count - former} member States, {former} former States; {dated} dated, "
                f"{with_parts} with Parts), {len(self.not_confirmed)} States checked without result; "
                f"latest published total {latest.count} as of {latest.as_of}; target {self.target.count} by "
                f"{self.target.by_year}; compiled {self.records_compiled_on}")


def _int_or_none(text: str | None) -> int | None:
    return int(text) if text else None


def _by_date(record: Ratification) -> tuple[tuple[int, int, int], str]:
    assert record.ratified_on is not None
    return record.ratified_on.sort_key, normalise(record.country_name)


def _by_name(record: Ratification) -> str:
    return normalise(record.country_name)


# -- parsing ----------------------------------------------------------------------------------------------------

def parse(doc: Node, countries: Countries, c102: C102) -> Ratifications:
    doc.only_keys({"records_compiled_on", "normlex_url", "caveat", "published_totals", "campaign_target",
                   "records", "not_confirmed"})
    records = [(node, _parse_record(node, countries, c102)) for node in doc.items("records")]
    unique(((node.child("country"), record.country) for node, record in records), "country")
    by_code = {record.country: record for _, record in records}
    not_confirmed = [(node, _parse_not_confirmed(node, countries)) for node in doc.items("not_confirmed")]
    for node, entry in not_confirmed:
        if entry.country in by_code:
            raise node.child("country").error(f"'{entry.country}' also has a ratification record")
    unique(((node.child("country"), entry.country) for node, entry in not_confirmed), "country")
    totals = tuple(_parse_total(node, countries) for node in doc.items("published_totals"))
    if all(total.as_of is None for total in totals):
        raise doc.child("published_totals").error("needs at least one total with an 'as_of' date")
    return Ratifications(
        records=tuple(record for _, record in records),
        totals=totals,
        target=_parse_target(doc.child("campaign_target")),
        not_confirmed=tuple(entry for _, entry in not_confirmed),
        records_compiled_on=_full_date(doc.child("records_compiled_on")),
        normlex_url=_url(doc, "normlex_url"),
        caveat=doc.prose("caveat"),
        _by_code=by_code,
        _by_successor=_by_successor(countries.former, by_code),
    )


def _parse_record(node: Node, countries: Countries, c102: C102) -> Ratification:
    node.only_keys({"country", "ratified_on", "parts_accepted", "article3_declaration", "status", "date_source",
                    "parts_source", "note"})
    code = _country(node, countries)
    if not _present(node, "date_source"):
        raise node.error("a ratification without a source: add 'date_source', the URL of the evidence")
    parts = _parts(node, c102)
    if (parts is None) == _present(node, "parts_source"):
        raise node.error("'parts_accepted' and 'parts_source' go together: give both or neither")
    article3 = node.opt("article3_declaration", bool)
    if article3 is False:
        raise node.child("article3_declaration").error("write true, or leave it out when not known")
    state = countries.state(code)
    return Ratification(
        country=code,
        country_name=state.name,
        ratified_on=_partial_date(node.child("ratified_on")) if _present(node, "ratified_on") else None,
        parts_accepted=parts,
        article3_declaration=article3,
        status=node.prose("status"),
        date_source=_url(node, "date_source"),
        parts_source=_url(node, "parts_source") if parts is not None else None,
        former=isinstance(state, FormerState),
        note=node.opt_prose("note"),
    )


def _parts(node: Node, c102: C102) -> tuple[str, ...] | None:
    """The Part numerals accepted, or None when the key is absent (unknown to us)."""
    if not _present(node, "parts_accepted"):
        return None
    items = list(node.items("parts_accepted"))
    if not items:
        raise node.child("parts_accepted").error("an empty list: leave the key out when the Parts are not known")
    parts = [(item, item.expect(str).strip()) for item in items]
    for item, numeral in parts:
        if not c102.has_part(numeral):
            raise item.error(f"unknown Part '{numeral}' (not a Part of C102)")
    unique(parts, "Part")
    return tuple(numeral for _, numeral in parts)


def _parse_total(node: Node, countries: Countries) -> PublishedTotal:
    node.only_keys({"count", "as_of", "source", "country", "note"})
    return PublishedTotal(
        count=_positive(node, "count"),
        as_of=_partial_date(node.child("as_of")) if _present(node, "as_of") else None,
        source=_url(node, "source"),
        country=_country(node, countries) if _present(node, "country") else None,
        note=node.opt_prose("note"),
    )


def _parse_target(node: Node) -> CampaignTarget:
    node.only_keys({"count", "by_year", "source", "note"})
    return CampaignTarget(count=_positive(node, "count"), by_year=_positive(node, "by_year"),
                          source=_url(node, "source"), note=node.prose("note"))


def _parse_not_confirmed(node: Node, countries: Countries) -> NotConfirmed:
    node.only_keys({"country", "note", "source"})
    code = _country(node, countries)
    return NotConfirmed(country=code, country_name=countries.state(code).name, note=node.prose("note"),
                        source=_url(node, "source") if _present(node, "source") else None)


def _by_successor(former: Iterable[FormerState], by_code: dict[str, Ratification],
                  ) -> dict[str, tuple[Ratification, ...]]:
    """member code -> records of the former States it succeeded."""
    index: dict[str, list[Ratification]] = {}
    for state in former:
        if state.code in by_code:
            for successor in state.successors:
                index.setdefault(successor, []).append(by_code[state.code])
    return {code: tuple(records) for code, records in index.items()}


# -- typed values -----------------------------------------------------------------------------------------------

def _present(node: Node, key: str) -> bool:
    """Whether the optional key `key` has a value (YAML `key:` with nothing after it counts as absent)."""
    return node.mapping().get(key) is not None


def _country(node: Node, countries: Countries) -> str:
    code = node.text("country")
    try:
        return countries.state(code).code
    except KeyError:
        raise node.child("country").error(f"unknown country '{code}' (not in countries.yml)") from None


def _partial_date(node: Node) -> PartialDate:
    value = node.expect((str, int, date))  # YAML turns an unquoted 2016 into an int, 2016-06-06 into a date
    try:
        return PartialDate.parse(value.isoformat() if isinstance(value, date) else str(value))
    except ValueError as exc:
        raise node.error(f"bad date: {exc}") from None


def _full_date(node: Node) -> date:
    value = node.expect((str, date))
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise node.error(f"bad date: '{value}' is not of the form YYYY-MM-DD") from None


def _url(node: Node, key: str) -> str:
    url = node.text(key)
    if not url.startswith(("https://", "http://")):
        raise node.child(key).error(f"expected a URL starting with http:// or https://, got '{url}'")
    return url


def _positive(node: Node, key: str) -> int:
    value = node.get(key, int)
    if value <= 0:
        raise node.child(key).error(f"expected a positive whole number, got {value}")
    return value


