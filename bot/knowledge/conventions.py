"""The ILO social security instruments (`conventions.yml`): C102, the higher standards built on it, R202, the
governance and financing principles, and how a Convention differs from a Recommendation.

Each instrument also carries `names`, the ways users refer to it ("Convention No. 102", "SPF recommendation"),
from which the NLU pipeline builds its entity patterns; a name may therefore belong to one instrument only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from bot.knowledge.facts import (
    Entry,
    Fact,
    count_unverified,
    opt_date,
    opt_source,
    parse_entries,
    parse_fact,
    parse_facts,
    plural,
    unique_ids,
    url,
    whole_number,
    with_figures,
)
from bot.knowledge.reader import Node, unique
from bot.knowledge.text import DEFAULT_LANGUAGE, Text

FILE = "conventions.yml"
KINDS = ("convention", "recommendation")
GROUPS = ("core", "background")  # core: the toolkit's up-to-date set; background: history and other instruments
_PREFIX = {"convention": "C", "recommendation": "R"}
_ID_FORM = re.compile(r"^\s*([CR])\s*\.?\s*(?:NO\.?\s*)?0*(\d{1,3})\s*$", re.IGNORECASE)
_TOP_KEYS = ("instruments", "floor_guarantees", "principles", "convention_vs_recommendation")
_INSTRUMENT_KEYS = ("id", "kind", "number", "title", "year", "group", "in_toolkit", "paired_with", "dates", "covers",
                    "key_figures", "beyond_c102", "c102_parts", "effect_on_c102", "status_note", "names", "link")
_REQUIRED_CONTRASTS = ("convention", "recommendation")


class PartChecker(Protocol):
    """What this module needs from the parsed C102 (`bot.knowledge.c102.C102`)."""

    def has_part(self, numeral: str) -> bool: ...

    @property
    def figures(self) -> Mapping[str, str]: ...


@dataclass(frozen=True)
class Dates:
    adopted: date | None
    in_force: date | None
    verified: bool
    source: str | None = None


@dataclass(frozen=True, kw_only=True)
class Effect(Fact):
    """What ratifying this instrument does to C102 (the C102 Art. 75 mechanism): the C102 Parts concerned."""

    c102_parts: tuple[str, ...]


@dataclass(frozen=True)
class Instrument:
    id: str
    kind: str
    number: int
    title: Text
    year: int
    group: str
    in_toolkit: bool
    covers: Fact
    key_figures: tuple[Fact, ...]
    beyond_c102: tuple[Fact, ...]
    c102_parts: tuple[str, ...]
    names: tuple[str, ...]
    link: str
    dates: Dates | None = None
    effect_on_c102: Effect | None = None
    paired_with: str | None = None
    status_note: Fact | None = None

    @property
    def adopted(self) -> date | None:
        return self.dates.adopted if self.dates else None

    @property
    def in_force(self) -> date | None:
        return self.dates.in_force if self.dates else None

    @property
    def full_title(self) -> str:
        """The ILO citation form, e.g. "Social Security (Minimum Standards) Convention, 1952 (No. 102)"."""
        return self.full_title_in(DEFAULT_LANGUAGE)

    def full_title_in(self, lang: str) -> str:
        """The citation form in `lang`: "Convention (n° 102) concernant la sécurité sociale (norme minimum), 1952",
        "Convenio sobre la seguridad social (norma mínima), 1952 (núm. 102)"."""
        title = self.title.get(lang)
        if lang == "fr":
            kind, _, rest = title.partition(" ")
            return f"{kind} (n° {self.number}) {rest}, {self.year}"
        number = "núm." if lang == "es" else "No."
        return f"{title}, {self.year} ({number} {self.number})"

    def facts(self) -> Iterator[Fact]:
        yield self.covers
        yield from self.key_figures
        yield from self.beyond_c102
        yield from (fact for fact in (self.effect_on_c102, self.status_note) if fact is not None)


@dataclass(frozen=True)
class Conventions:
    instruments: tuple[Instrument, ...]
    principles: tuple[Entry, ...]
    floor_guarantees: tuple[Entry, ...]
    floor_level: Fact
    convention_vs_recommendation: tuple[Entry, ...]

    def get(self, ident: str) -> Instrument:
        """The instrument with this id ("C102", "c 102", "R.202") or one of its names; KeyError if unknown."""
        canonical = canonical_id(ident)
        key = name_key(ident)
        for instrument in self.instruments:
            if instrument.id == canonical or key in {name_key(name) for name in instrument.names}:
                return instrument
        raise KeyError(ident)

    def is_recommendation(self, ident: str) -> bool:
        """Whether `ident` names a Recommendation (which no State ratifies); False for anything unknown."""
        try:
            return self.get(ident).kind == "recommendation"
        except KeyError:
            return False

    def core(self) -> tuple[Instrument, ...]:
        return tuple(instrument for instrument in self.instruments if instrument.group == "core")

    def names(self) -> dict[str, str]:
        """Every name users may type, mapped to its instrument id (for the spaCy EntityRuler)."""
        return {name: instrument.id for instrument in self.instruments for name in instrument.names}

    def relating_to_part(self, numeral: str) -> tuple[Instrument, ...]:
        """The instruments other than C102 that concern C102 Part `numeral` (e.g. "V" -> C128, R202)."""
        return tuple(instrument for instrument in self.instruments
                     if instrument.id != "C102" and numeral in instrument.c102_parts)

    def principle(self, ident: str) -> Entry:
        return _by_id(self.principles, ident)

    def contrast(self, ident: str) -> Entry:
        """One side of the Convention / Recommendation comparison ("convention", "recommendation", "adoption")."""
        return _by_id(self.convention_vs_recommendation, ident)

    def summary(self) -> str:
        core = self.core()
        conventions = sum(instrument.kind == "convention" for instrument in core)
        facts = [fact for instrument in self.instruments for fact in instrument.facts()]
        facts += [*self.principles, *self.floor_guarantees, self.floor_level, *self.convention_vs_recommendation]
        return (f"{plural(len(self.instruments), 'instrument')} ({len(core)} core: "
                f"{plural(conventions, 'convention')}, {plural(len(core) - conventions, 'recommendation')}), "
                f"{plural(len(self.principles), 'principle')}, "
                f"{plural(len(self.floor_guarantees), 'floor guarantee')}, "
                f"{plural(count_unverified(facts), 'unverified fact')}")


def canonical_id(text: str) -> str | None:
    """ "c 102", "C.102", "R 202", "C No. 102" -> "C102", "R202"; None when `text` is not an id."""
    match = _ID_FORM.match(text)
    return f"{match.group(1).upper()}{int(match.group(2))}" if match else None


def name_key(text: str) -> str:
    """How names are compared: case and spacing do not matter."""
    return " ".join(text.casefold().split())


def _by_id(entries: tuple[Entry, ...], ident: str) -> Entry:
    for entry in entries:
        if entry.id == ident:
            return entry
    raise KeyError(ident)


# -- parsing -------------------------------------------------------------------------------------------------
def parse(doc: Node, c102: PartChecker) -> Conventions:
    """Texts quote C102's thresholds as `{c102.schedule.old_age}`, `{c102.coverage.employees}`...: written once."""
    doc.only_keys(_TOP_KEYS)
    doc = with_figures(doc, {f"c102.{name}": value for name, value in c102.figures.items()})
    nodes = list(doc.items("instruments"))
    if not nodes:
        raise doc.child("instruments").error("must list at least one instrument")
    unique_ids(nodes, "instrument id")
    instruments = tuple(_instrument(node, c102) for node in nodes)
    _check_names(nodes)
    if "C102" not in {instrument.id for instrument in instruments}:
        raise doc.child("instruments").error("C102 itself must be listed")
    contrasts = parse_entries(doc, "convention_vs_recommendation", "entry")
    missing = [ident for ident in _REQUIRED_CONTRASTS if ident not in {entry.id for entry in contrasts}]
    if missing:
        raise doc.child("convention_vs_recommendation").error(f"missing entry '{missing[0]}'")
    floor = doc.child("floor_guarantees")
    floor.only_keys(("level", "items"))
    return Conventions(
        instruments=instruments,
        principles=parse_entries(doc, "principles", "principle"),
        floor_guarantees=parse_entries(floor, "items", "guarantee"),
        floor_level=parse_fact(floor.child("level")),
        convention_vs_recommendation=contrasts,
    )


def _instrument(node: Node, c102: PartChecker) -> Instrument:
    node.only_keys(_INSTRUMENT_KEYS)
    kind = node.choice("kind", KINDS)
    number = whole_number(node, "number", minimum=1)
    ident = node.text("id")
    expected = f"{_PREFIX[kind]}{number}"
    if ident != expected:
        raise node.child("id").error(f"id '{ident}' does not match kind '{kind}' and number {number} "
                                     f"(expected '{expected}')")
    year = whole_number(node, "year", minimum=1919)
    dates = _dates(node, kind, year)
    c102_parts = _parts(node, "c102_parts", c102)
    effect = _effect(node, c102, c102_parts) if node.opt("effect_on_c102", dict) is not None else None
    status_note = node.opt("status_note", dict)
    return Instrument(
        id=ident, kind=kind, number=number, title=node.prose("title"), year=year,
        group=node.choice("group", GROUPS),
        in_toolkit=node.get("in_toolkit", bool),
        covers=parse_fact(node.child("covers")),
        key_figures=_facts_list(node, "key_figures", article_required=True),
        beyond_c102=parse_facts(node, "beyond_c102", article_required=True),
        c102_parts=c102_parts,
        names=_names(node),
        link=_link(node, expected),
        dates=dates,
        effect_on_c102=effect,
        paired_with=_paired_with(node),
        status_note=parse_fact(node.child("status_note")) if status_note is not None else None,
    )


def _facts_list(node: Node, key: str, *, article_required: bool) -> tuple[Fact, ...]:
    """A required list (it may be empty: `key_figures: []` says there are none worth stating)."""
    node.get(key, list)
    return tuple(parse_facts(node, key, article_required=article_required))


def _dates(node: Node, kind: str, year: int) -> Dates | None:
    if node.opt("dates", dict) is None:
        return None
    dates_node = node.child("dates")
    dates_node.only_keys(("adopted", "in_force", "verified", "source"))
    adopted, in_force = opt_date(dates_node, "adopted"), opt_date(dates_node, "in_force")
    if adopted and adopted.year != year:
        raise dates_node.child("adopted").error(f"adopted in {adopted.year} but 'year' says {year}")
    if in_force and kind == "recommendation":
        raise dates_node.child("in_force").error("a recommendation is not ratified and never enters into force")
    if adopted and in_force and in_force < adopted:
        raise dates_node.child("in_force").error(f"entry into force {in_force} is before adoption {adopted}")
    return Dates(adopted=adopted, in_force=in_force, verified=dates_node.get("verified", bool),
                 source=opt_source(dates_node))


def _parts(node: Node, key: str, c102: PartChecker, within: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """C102 Part numerals, each checked against the parsed C102 (and against `within` when given)."""
    node.get(key, list)
    parts: list[str] = []
    for item in node.items(key):
        numeral = item.expect(str).strip()
        if not c102.has_part(numeral):
            raise item.error(f"unknown C102 Part '{numeral}'")
        if numeral in parts:
            raise item.error(f"Part '{numeral}' is listed twice")
        if within is not None and numeral not in within:
            raise item.error(f"Part '{numeral}' is not among the instrument's c102_parts")
        parts.append(numeral)
    return tuple(parts)


def _effect(node: Node, c102: PartChecker, related: tuple[str, ...]) -> Effect:
    effect_node = node.child("effect_on_c102")
    parts = _parts(effect_node, "c102_parts", c102, within=related)
    if not parts:
        raise effect_node.child("c102_parts").error("must name at least one C102 Part")
    return parse_fact(effect_node, Effect, article_required=True, extra_keys=("c102_parts",), c102_parts=parts)


def _names(node: Node) -> tuple[str, ...]:
    names = node.strings("names")
    if not names:
        raise node.child("names").error("must list at least one name")
    return tuple(names)


def _check_names(nodes: list[Node]) -> None:
    """A name must lead to one instrument only, and a name written as an id must be that instrument's own id."""
    pairs = []
    for node in nodes:
        own = node.text("id")
        for item in node.items("names"):
            name = item.expect(str)
            if canonical_id(name) not in (None, own):
                raise item.error(f"name '{name}' is the id of another instrument")
            pairs.append((item, name_key(name)))
    unique(pairs, "name")


def _link(node: Node, ident: str) -> str:
    """The NORMLEX page; a NORMLEX address must carry this instrument's code (C102 -> C102, R67 -> R067)."""
    link = url(node, "link")
    code = f"{ident[0]}{int(ident[1:]):03d}"
    if "normlex" in link.lower() and not link.endswith(f"P12100_ILO_CODE:{code}"):
        raise node.child("link").error(f"NORMLEX link does not point to {ident} (expected it to end with "
                                       f"'P12100_ILO_CODE:{code}')")
    return link


def _paired_with(node: Node) -> str | None:
    value = node.opt("paired_with", str)
    if value is None:
        return None
    canonical = canonical_id(value)
    if canonical != value.strip():
        raise node.child("paired_with").error(f"'{value}' is not an instrument id such as 'R202' or 'C102'")
    return canonical
