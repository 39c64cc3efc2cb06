"""Convention No. 102 as the bot knows it: Parts II–X with their checks and Q&A facts, aspects, general rules.

`parse()` reads `c102.yml` into frozen dataclasses. The file is the single source of every figure the
eligibility engine uses (coverage minima, Schedule percentages, durations, waiting days, qualifying periods,
ages, the Article 2 minimum and the Article 71(2) cap); fact texts refer to those figures through placeholders
such as ``{schedule.old_age}`` that are filled in here, so a figure is never typed twice.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import ClassVar, TypeVar

from bot.knowledge.facts import Entry, count_unverified, fill_placeholders, ident, opt_date, parse_fact, unique_ids
from bot.knowledge.reader import Node
from bot.knowledge.text import (
    DEFAULT_LANGUAGE,
    Text,
    every_language,
    figure,
    format_number,
    format_percent,
    join_words,
    long_date,
)

FILE = "c102.yml"

#: The Convention's branch Parts in order, with the canonical branch ids the whole bot uses.
BRANCHES: dict[str, str] = {
    "II": "medical_care", "III": "sickness", "IV": "unemployment", "V": "old_age", "VI": "employment_injury",
    "VII": "family", "VIII": "maternity", "IX": "invalidity", "X": "survivors",
}
#: The aspects a Part's facts are keyed by. The other aspects of c102.yml are general: each is answered by the
#: general facts it lists (`facts`), whatever the branch ("can benefits be suspended?" -> Art. 69).
ASPECTS = ("coverage", "benefit_rate", "content", "standard_beneficiary", "qualifying_period", "waiting_period",
           "duration", "pensionable_age", "contingency")

#: A C102 fact: the shared `Entry` (id, title, text, article such as "C102 Art. 71(2)", verified, source).
Fact = Entry

_LETTER = re.compile(r"^[a-z]$")


_COLON = {"fr": "\u00a0: "}
_SEMICOLON = {"fr": "\u00a0; "}  # French puts a no-break space before ":" and ";"
#: The words `CoverageBasis.option` puts around a basis's share and its Article 3 condition, per language.
_OPTION_WORDS = {
    "en": (", at least {percent} of {group}", " (only with an Article 3 declaration)"),
    "fr": (", au moins {percent} de {group}", " (seulement avec une déclaration annexée à la ratification, article 3)"),
    "es": (", al menos el {percent} de {group}", " (solo con una declaración hecha al ratificar, artículo 3)"),
}


# -- shared tables ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ConventionInfo:
    title: Text
    adopted: date
    session: int
    place: Text
    in_force: date


@dataclass(frozen=True)
class Aspect:
    id: str
    label: Text
    synonyms: tuple[str, ...]
    facts: tuple[str, ...] = ()  # a general aspect: the ids of the general facts that answer it

    @property
    def general(self) -> bool:
        return bool(self.facts)


@dataclass(frozen=True)
class CoverageBasis:
    """One way of defining the persons protected; `minimum_percent` of `group` (None: all residents under a means
    test, no share to reach)."""

    id: str
    label: Text
    group: Text | None
    minimum_percent: float | None
    requires_article3: bool
    synonyms: tuple[str, ...]

    @property
    def means_tested(self) -> bool:
        return self.minimum_percent is None

    def option(self, letter: str, lang: str = DEFAULT_LANGUAGE) -> str:
        share_words, condition_words = _OPTION_WORDS[lang]
        share = share_words.format(percent=format_percent(self.minimum_percent, lang),
                                   group=self.group.get(lang)) if self.minimum_percent and self.group else ""
        condition = condition_words if self.requires_article3 else ""
        return f"({letter}) {self.label.get(lang)}{share}{condition}"


@dataclass(frozen=True)
class ScheduleRow:
    """A line of the Schedule to Part XI: the minimum periodical payment for a standard beneficiary."""

    id: str
    part: str
    contingency: Text
    beneficiary: Text
    percent: float
    verified: bool


@dataclass(frozen=True)
class Article2Rule:
    article: str
    min_parts: int
    one_of: tuple[str, ...]
    verified: bool


@dataclass(frozen=True)
class EmployeeShareRule:
    check: ClassVar[str] = "employee_contribution_share"
    article: str
    max_percent: float
    verified: bool


@dataclass(frozen=True)
class Variant:
    """An alternative threshold that applies in a stated case (Article 3 declaration, all residents...)."""

    article: str
    amount: float


# -- the checks of a Part ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CoverageRule:
    check: ClassVar[str] = "coverage"
    article: str
    bases: Mapping[str, str]  # basis id -> the article's letter for it, e.g. employees -> "a"
    verified: bool

    def article_for(self, basis: str) -> str:
        return f"{self.article}({self.bases[basis]})"


@dataclass(frozen=True)
class RateRule:
    check: ClassVar[str] = "benefit_rate"
    article: str
    row: ScheduleRow
    verified: bool

    @property
    def min_percent(self) -> float:
        return self.row.percent


@dataclass(frozen=True)
class DurationRule:
    """The benefit may be limited, but not below `min_weeks` per case (other minima in the stated cases)."""

    check: ClassVar[str] = "duration"
    article: str
    min_weeks: float
    means_tested_min_weeks: float | None
    article3: Variant | None
    verified: bool


@dataclass(frozen=True)
class ThroughoutRule:
    """The benefit is paid for as long as the contingency lasts: no limit in weeks is allowed."""

    check: ClassVar[str] = "duration"
    article: str
    verified: bool


@dataclass(frozen=True)
class WaitingRule:
    check: ClassVar[str] = "waiting_period"
    article: str
    max_days: float
    verified: bool
    # Art. 18(1): the unpaid days are allowed only where the benefit's duration is limited (answers say so; the
    # eligibility check keeps the contract's plain maximum, see bot/eligibility/NOTES.md)
    only_with_duration_limit: bool = False


@dataclass(frozen=True)
class QualifyingRule:
    check: ClassVar[str] = "qualifying_period"
    article: str
    unit: str  # "years" or "months": the input field is qualifying_<unit>
    max: float
    residence_max: float | None  # None: no separate limit on a residence basis
    verified: bool


@dataclass(frozen=True)
class ReducedBenefitRule:
    check: ClassVar[str] = "reduced_benefit"
    article: str
    max_years: float
    verified: bool


@dataclass(frozen=True)
class AgeRule:
    """Pensionable age: above `max_age` only with regard to the working ability of elderly persons."""

    check: ClassVar[str] = "pensionable_age"
    article: str
    max_age: float
    verified: bool


@dataclass(frozen=True)
class FamilyValueRule:
    check: ClassVar[str] = "family_benefit_value"
    article: str
    min_percent: float
    all_residents: Variant  # the lower percentage when measured over the children of all residents
    verified: bool


Rule = (CoverageRule | RateRule | DurationRule | ThroughoutRule | WaitingRule | QualifyingRule | ReducedBenefitRule
        | AgeRule | FamilyValueRule)


@dataclass(frozen=True)
class Part:
    numeral: str
    branch: str
    title: Text
    articles: str
    synonyms: tuple[str, ...]
    facts: dict[str, Fact]  # aspect id -> answer
    checks: tuple[Rule, ...]
    article3_exceptions: tuple[str, ...]

    def rule(self, check: str) -> Rule:
        for rule in self.checks:
            if rule.check == check:
                return rule
        raise KeyError(f"Part {self.numeral} has no check '{check}'")

    @property
    def coverage(self) -> CoverageRule:
        """Every Part has one (the loader checks it)."""
        return next(rule for rule in self.checks if isinstance(rule, CoverageRule))


@dataclass(frozen=True)
class C102:
    convention: ConventionInfo
    parts: tuple[Part, ...]
    aspects: tuple[Aspect, ...]
    coverage_bases: tuple[CoverageBasis, ...]
    schedule: tuple[ScheduleRow, ...]
    article2: Article2Rule
    employee_share: EmployeeShareRule
    general: tuple[Fact, ...]
    not_modelled: Text
    full_review: Text
    # every threshold as text (a `Text` where languages write it differently), for placeholders in other files:
    # "schedule.old_age" -> "40%", "sickness.duration.min_weeks" -> "26", "coverage.employees" -> "50%"
    figures: Mapping[str, str]

    @property
    def branch_ids(self) -> tuple[str, ...]:
        return tuple(part.branch for part in self.parts)

    @property
    def article3_exceptions(self) -> tuple[str, ...]:
        return tuple(exception for part in self.parts for exception in part.article3_exceptions)

    def part(self, key: str) -> Part:
        """The Part for a branch id ("old_age") or a numeral ("V", "v")."""
        for part in self.parts:
            if key == part.branch or key.strip().upper() == part.numeral:
                return part
        raise KeyError(f"no C102 Part '{key}'")

    def has_part(self, numeral: str) -> bool:
        return any(part.numeral == numeral for part in self.parts)

    def aspect(self, aspect_id: str) -> Aspect:
        return _find(self.aspects, aspect_id, "aspect")

    def general_fact(self, fact_id: str) -> Fact:
        return _find(self.general, fact_id, "general rule")

    def coverage_basis(self, basis_id: str) -> CoverageBasis:
        return _find(self.coverage_bases, basis_id, "coverage basis")

    def summary(self) -> str:
        checks = sum(len(part.checks) for part in self.parts)
        facts = [*self.general, *(fact for part in self.parts for fact in part.facts.values())]
        return (f"{len(self.parts)} Parts, {checks} checks, {len(self.aspects)} aspects, "
                f"{len(self.general)} general rules, {count_unverified(facts)} of {len(facts)} facts unverified")


_Item = TypeVar("_Item", Aspect, Entry, CoverageBasis)


def _find(items: Iterable[_Item], item_id: str, what: str) -> _Item:
    for item in items:
        if item.id == item_id:
            return item
    raise KeyError(f"no {what} '{item_id}'")


# -- parsing -------------------------------------------------------------------------------------------------------
def parse(doc: Node) -> C102:
    doc.only_keys({"convention", "aspects", "coverage_bases", "schedule", "general", "parts", "assessment"})
    convention = _parse_convention(doc.child("convention"))
    aspects = _parse_aspects(doc)
    part_aspects = tuple(aspect for aspect in aspects if not aspect.general)
    bases = _parse_bases(doc)
    schedule = _parse_schedule(doc)
    general = doc.child("general")
    general.only_keys({"article2", "employee_share", "facts"})
    article2 = _parse_article2(general.child("article2"))
    employee_share = _parse_employee_share(general.child("employee_share"))
    figures = _global_figures(convention, bases, schedule, article2, employee_share)
    parts = _parse_parts(doc, _PartContext(part_aspects, bases, schedule, figures))
    exceptions = [exception for part in parts for exception in part.article3_exceptions]
    figures = {**figures, "article3.exceptions": Text.compose(lambda lang: join_words(exceptions, "and", lang))}
    _check_synonyms(doc, parts, aspects)
    assessment = doc.child("assessment")
    assessment.only_keys({"not_modelled", "full_review"})
    facts = _with_unique_ids(general, "facts", "general rule id")
    _check_general_aspects(doc, aspects, {str(node.mapping().get("id")) for node in facts})
    return C102(
        convention=convention, parts=parts, aspects=aspects, coverage_bases=bases, schedule=schedule,
        article2=article2, employee_share=employee_share,
        general=tuple(_parse_entry(node, ident(node), node.prose("title"), figures, {"id", "title"}) for node in facts),
        not_modelled=assessment.prose("not_modelled"), full_review=assessment.prose("full_review"),
        figures=MappingProxyType({**figures, **{f"{part.branch}.{name}": value for part in parts
                                                for name, value in _check_figures(part.checks, bases).items()}}),
    )


def _with_unique_ids(node: Node, key: str, what: str) -> list[Node]:
    items = list(node.items(key))
    unique_ids(items, what)
    return items


def _parse_convention(node: Node) -> ConventionInfo:
    node.only_keys({"title", "adopted", "session", "place", "in_force"})
    return ConventionInfo(node.prose("title"), _date(node, "adopted"), node.get("session", int), node.prose("place"),
                          _date(node, "in_force"))


def _date(node: Node, key: str) -> date:
    value = opt_date(node, key)
    if value is None:
        raise node.error(f"missing key '{key}'")
    return value


def _parse_aspects(doc: Node) -> tuple[Aspect, ...]:
    nodes = _with_unique_ids(doc, "aspects", "aspect id")
    aspects = []
    for node in nodes:
        node.only_keys({"id", "label", "synonyms", "facts"})
        facts = tuple(node.strings("facts")) if node.has("facts") else ()
        aspect_id = ident(node) if facts else node.text("id")
        if not facts and aspect_id not in ASPECTS:
            raise node.child("id").error(f"unknown aspect '{aspect_id}' (allowed: {', '.join(ASPECTS)}, or a "
                                         "general aspect with its 'facts')")
        if facts and aspect_id in ASPECTS:
            raise node.child("facts").error(f"'{aspect_id}' is a Part aspect: its facts are given per Part")
        aspects.append(Aspect(aspect_id, node.prose("label"), tuple(node.strings("synonyms")), facts))
    return tuple(aspects)


def _check_general_aspects(doc: Node, aspects: Iterable[Aspect], general_ids: set[str]) -> None:
    """Every general fact a general aspect lists must exist."""
    for index, aspect in enumerate(aspects):
        for fact_id in aspect.facts:
            if fact_id not in general_ids:
                raise Node(fact_id, doc.file, f"aspects[{index}].facts").error(f"unknown general rule '{fact_id}'")


def _parse_bases(doc: Node) -> tuple[CoverageBasis, ...]:
    nodes = _with_unique_ids(doc, "coverage_bases", "coverage basis id")
    bases = []
    for node in nodes:
        node.only_keys({"id", "label", "group", "minimum_percent", "requires_article3", "synonyms"})
        minimum = node.opt("minimum_percent", float)
        if minimum is not None:
            minimum = _percent(node, "minimum_percent")
        group = node.opt_prose("group")
        if (minimum is None) != (group is None):
            raise node.error("'group' and 'minimum_percent' go together: the share is a percentage of the group")
        bases.append(CoverageBasis(ident(node), node.prose("label"), group, minimum,
                                   node.opt("requires_article3", bool, False), tuple(node.strings("synonyms"))))
    return tuple(bases)


def _parse_schedule(doc: Node) -> tuple[ScheduleRow, ...]:
    nodes = _with_unique_ids(doc, "schedule", "Schedule row id")
    rows = []
    for node in nodes:
        node.only_keys({"id", "part", "contingency", "beneficiary", "percent", "verified"})
        part = node.choice("part", BRANCHES)
        rows.append(ScheduleRow(ident(node), part, node.prose("contingency"), node.prose("beneficiary"),
                                _percent(node, "percent"), node.get("verified", bool)))
    return tuple(rows)


def _parse_article2(node: Node) -> Article2Rule:
    node.only_keys({"article", "min_parts", "one_of", "verified"})
    one_of = []
    for item in node.items("one_of"):
        numeral = item.expect(str)
        if numeral not in BRANCHES:
            raise item.error(f"unknown Part '{numeral}' (allowed: {', '.join(BRANCHES)})")
        one_of.append(numeral)
    min_parts = node.get("min_parts", int)
    if not 1 <= min_parts <= len(BRANCHES):
        raise node.child("min_parts").error(f"must be between 1 and {len(BRANCHES)}, got {min_parts}")
    return Article2Rule(node.text("article"), min_parts, tuple(one_of), node.get("verified", bool))


def _parse_employee_share(node: Node) -> EmployeeShareRule:
    node.only_keys({"article", "max_percent", "verified"})
    return EmployeeShareRule(node.text("article"), _percent(node, "max_percent"), node.get("verified", bool))


def _global_figures(convention: ConventionInfo, bases: Iterable[CoverageBasis], schedule: Iterable[ScheduleRow],
                    article2: Article2Rule, employee_share: EmployeeShareRule) -> dict[str, str]:
    """The placeholders every text may use."""
    figures = {
        "convention.in_force": long_date(convention.in_force),
        "article2.min_parts": str(article2.min_parts),
        "article2.one_of": Text.compose(lambda lang: join_words(article2.one_of, "or", lang)),
        "employee_share.max_percent": figure(employee_share.max_percent, percent=True),
    }
    for basis in bases:
        if basis.minimum_percent is not None and basis.group is not None:
            figures[f"coverage.{basis.id}"] = figure(basis.minimum_percent, percent=True)
            figures[f"coverage.{basis.id}.group"] = basis.group
    for row in schedule:
        figures[f"schedule.{row.id}"] = figure(row.percent, percent=True)
        figures[f"schedule.{row.id}.beneficiary"] = row.beneficiary
    return figures


# -- Parts -------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _PartContext:
    aspects: tuple[Aspect, ...]
    bases: tuple[CoverageBasis, ...]
    schedule: tuple[ScheduleRow, ...]
    figures: Mapping[str, str]  # the placeholders every text may use (article3.exceptions: general facts only)


def _parse_parts(doc: Node, context: _PartContext) -> tuple[Part, ...]:
    nodes = list(doc.items("parts"))
    numerals = list(BRANCHES)
    if len(nodes) != len(numerals):
        raise doc.child("parts").error(f"must list the {len(numerals)} Parts {', '.join(numerals)}, "
                                       f"got {len(nodes)}")
    return tuple(_parse_part(node, numerals[index], context) for index, node in enumerate(nodes))


def _parse_part(node: Node, numeral: str, context: _PartContext) -> Part:
    node.only_keys({"numeral", "branch", "title", "articles", "synonyms", "article3_exceptions", "checks", "facts"})
    branch = node.choice("branch", BRANCHES.values())
    if node.text("numeral") != numeral:
        raise node.child("numeral").error(f"expected Part {numeral} here (Parts II to X, in order)")
    if BRANCHES[numeral] != branch:
        raise node.child("branch").error(f"Part {numeral} is '{BRANCHES[numeral]}', not '{branch}'")
    title = node.prose("title")
    checks = _parse_checks(node.child("checks"), numeral, context)
    exceptions = tuple(node.strings("article3_exceptions"))
    if not exceptions:
        raise node.child("article3_exceptions").error("must list the Part's Article 3 exceptions")
    _check_article3_exceptions(node, checks, exceptions, context.bases)
    figures = {**context.figures, **_check_figures(checks, context.bases)}
    return Part(numeral=numeral, branch=branch, title=title, articles=node.text("articles"),
                synonyms=tuple(node.strings("synonyms")), checks=checks, article3_exceptions=exceptions,
                facts=_parse_part_facts(node.child("facts"), branch, title, context.aspects, figures))


def _parse_part_facts(node: Node, branch: str, title: Text, aspects: tuple[Aspect, ...],
                      figures: Mapping[str, str]) -> dict[str, Fact]:
    labels = {aspect.id: aspect.label for aspect in aspects}
    facts = {}
    for aspect_id, fact_node in node.entries():
        if aspect_id not in labels:
            raise fact_node.error(f"unknown aspect '{aspect_id}' (allowed: {', '.join(labels)})")
        facts[aspect_id] = _parse_entry(fact_node, f"{branch}.{aspect_id}", _fact_title(title, labels[aspect_id]),
                                        figures)
    return facts


def _fact_title(title: Text, label: Text) -> Text:
    """"Sickness benefit: waiting period", in each language (French puts a space before the colon)."""
    return Text.compose(lambda lang: f"{title.get(lang)}{_COLON.get(lang, ': ')}{label.get(lang).lower()}")


def _parse_entry(node: Node, fact_id: str, title: Text, figures: Mapping[str, str],
                 extra_keys: Iterable[str] = ()) -> Fact:
    fact = parse_fact(node, article_required=True, extra_keys=extra_keys)
    if fact.article is None:
        raise node.child("article").error("every C102 fact names its article")
    text = fill_placeholders(node.child("text"), fact.text, figures)
    return Fact(id=fact_id, title=title, text=text, article=f"C102 {fact.article}", verified=fact.verified,
                source=fact.source)


def _check_article3_exceptions(node: Node, checks: tuple[Rule, ...], exceptions: tuple[str, ...],
                               bases: tuple[CoverageBasis, ...]) -> None:
    """Every Article 3 variant a check uses must be among the Part's listed exceptions."""
    article3_bases = {basis.id for basis in bases if basis.requires_article3}
    used = [rule.article3.article for rule in checks if isinstance(rule, DurationRule) and rule.article3]
    used += [rule.article_for(basis) for rule in checks if isinstance(rule, CoverageRule)
             for basis in rule.bases if basis in article3_bases]
    for article in used:
        if article not in exceptions:
            raise node.error(f"check uses the Article 3 exception {article}, missing from 'article3_exceptions'")


def _check_synonyms(doc: Node, parts: tuple[Part, ...], aspects: tuple[Aspect, ...]) -> None:
    """A word users type may name only one branch or aspect (it becomes an EntityRuler pattern)."""
    owners = [(f"parts[{i}]", (*every_language(part.title), *part.synonyms)) for i, part in enumerate(parts)]
    owners += [(f"aspects[{i}]", (*every_language(aspect.label), *aspect.synonyms)) for i, aspect in enumerate(aspects)]
    seen: dict[str, str] = {}
    for path, texts in owners:
        for text in texts:
            first = seen.setdefault(text.lower(), path)
            if first != path:
                raise Node(text, doc.file, path).error(f"'{text}' already names {first}: a synonym must be unique")


# -- checks ------------------------------------------------------------------------------------------------------
def _parse_checks(node: Node, numeral: str, context: _PartContext) -> tuple[Rule, ...]:
    checks = []
    for key, check_node in node.entries():
        parser = _CHECK_PARSERS.get(key)
        if parser is None:
            raise check_node.error(f"unknown check '{key}' (allowed: {', '.join(_CHECK_PARSERS)})")
        checks.append(parser(check_node, numeral, context))
    if not any(isinstance(rule, CoverageRule) for rule in checks):
        raise node.error("missing check 'coverage'")
    return tuple(checks)


def _coverage(node: Node, numeral: str, context: _PartContext) -> CoverageRule:
    node.only_keys({"article", "bases", "verified"})
    known = [basis.id for basis in context.bases]
    bases = {}
    for basis, letter_node in node.entries("bases"):
        if basis not in known:
            raise letter_node.error(f"unknown coverage basis '{basis}' (allowed: {', '.join(known)})")
        letter = letter_node.expect(str)
        if not _LETTER.match(letter):
            raise letter_node.error(f"expected the article's letter, e.g. 'a', got {letter!r}")
        bases[basis] = letter
    if not bases:
        raise node.child("bases").error("must list at least one coverage basis")
    return CoverageRule(node.text("article"), bases, node.get("verified", bool))


def _rate(node: Node, numeral: str, context: _PartContext) -> RateRule:
    node.only_keys({"article", "schedule", "verified"})
    rows = {row.id: row for row in context.schedule if row.part == numeral}
    row_id = node.choice("schedule", rows)
    return RateRule(node.text("article"), rows[row_id], node.get("verified", bool))


def _duration(node: Node, numeral: str, context: _PartContext) -> DurationRule | ThroughoutRule:
    if node.opt("throughout", bool, False):
        node.only_keys({"article", "throughout", "verified"})
        return ThroughoutRule(node.text("article"), node.get("verified", bool))
    node.only_keys({"article", "throughout", "min_weeks", "means_tested_min_weeks", "article3", "verified"})
    article3 = None
    if node.opt("article3", dict) is not None:
        variant = node.child("article3")
        variant.only_keys({"article", "min_weeks"})
        article3 = Variant(variant.text("article"), _amount(variant, "min_weeks"))
    means_tested = _amount(node, "means_tested_min_weeks") if node.has("means_tested_min_weeks") else None
    return DurationRule(node.text("article"), _amount(node, "min_weeks"), means_tested, article3,
                        node.get("verified", bool))


def _waiting(node: Node, numeral: str, context: _PartContext) -> WaitingRule:
    node.only_keys({"article", "max_days", "only_with_duration_limit", "verified"})
    return WaitingRule(node.text("article"), _amount(node, "max_days"), node.get("verified", bool),
                       node.opt("only_with_duration_limit", bool, False))


def _qualifying(node: Node, numeral: str, context: _PartContext) -> QualifyingRule:
    node.only_keys({"article", "unit", "max", "residence_max", "verified"})
    unit = node.choice("unit", ("years", "months"))
    residence_max = _amount(node, "residence_max") if node.has("residence_max") else None
    return QualifyingRule(node.text("article"), unit, _amount(node, "max"), residence_max, node.get("verified", bool))


def _reduced(node: Node, numeral: str, context: _PartContext) -> ReducedBenefitRule:
    node.only_keys({"article", "max_years", "verified"})
    return ReducedBenefitRule(node.text("article"), _amount(node, "max_years"), node.get("verified", bool))


def _age(node: Node, numeral: str, context: _PartContext) -> AgeRule:
    node.only_keys({"article", "max_age", "verified"})
    return AgeRule(node.text("article"), _amount(node, "max_age"), node.get("verified", bool))


def _family_value(node: Node, numeral: str, context: _PartContext) -> FamilyValueRule:
    node.only_keys({"article", "min_percent", "all_residents", "verified"})
    variant = node.child("all_residents")
    variant.only_keys({"article", "min_percent"})
    return FamilyValueRule(node.text("article"), _percent(node, "min_percent"),
                           Variant(variant.text("article"), _percent(variant, "min_percent")),
                           node.get("verified", bool))


_CHECK_PARSERS: dict[str, Callable[[Node, str, _PartContext], Rule]] = {
    "coverage": _coverage, "benefit_rate": _rate, "duration": _duration, "waiting_period": _waiting,
    "qualifying_period": _qualifying, "reduced_benefit": _reduced, "pensionable_age": _age,
    "family_benefit_value": _family_value,
}


def _check_figures(checks: Iterable[Rule], bases: tuple[CoverageBasis, ...]) -> dict[str, str]:
    """The placeholders a Part's texts may use for its own thresholds, e.g. {duration.min_weeks}."""
    figures: dict[str, str] = {}
    for rule in checks:
        values: dict[str, str] = {}
        if isinstance(rule, CoverageRule):
            values["options"] = _options(rule, bases)
        elif isinstance(rule, RateRule):
            values["min"] = figure(rule.min_percent, percent=True)
        elif isinstance(rule, DurationRule):
            values["min_weeks"] = figure(rule.min_weeks)
            if rule.means_tested_min_weeks is not None:
                values["means_tested_min_weeks"] = figure(rule.means_tested_min_weeks)
            if rule.article3 is not None:
                values["article3_min_weeks"] = figure(rule.article3.amount)
        elif isinstance(rule, WaitingRule):
            values["max_days"] = figure(rule.max_days)
        elif isinstance(rule, QualifyingRule):
            values["max"] = figure(rule.max)
            if rule.residence_max is not None:
                values["residence_max"] = figure(rule.residence_max)
        elif isinstance(rule, ReducedBenefitRule):
            values["max"] = figure(rule.max_years)
        elif isinstance(rule, AgeRule):
            values["max"] = figure(rule.max_age)
        elif isinstance(rule, FamilyValueRule):
            values["min"] = figure(rule.min_percent, percent=True)
            values["all_residents_min"] = figure(rule.all_residents.amount, percent=True)
        figures.update({f"{rule.check}.{name}": value for name, value in values.items()})
    return figures


def _options(rule: CoverageRule, bases: tuple[CoverageBasis, ...]) -> Text:
    """"(a) prescribed classes of employees, at least 50% of all employees; (b) ..." in each language."""
    by_id = {basis.id: basis for basis in bases}
    return Text.compose(lambda lang: _SEMICOLON.get(lang, "; ").join(by_id[basis].option(letter, lang)
                                                                     for basis, letter in rule.bases.items()))


# -- numbers -----------------------------------------------------------------------------------------------------
def _amount(node: Node, key: str) -> float:
    value = float(node.get(key, float))
    if value < 0:
        raise node.child(key).error(f"must be 0 or more, got {format_number(value)}")
    return value


def _percent(node: Node, key: str) -> float:
    value = _amount(node, key)
    if value > 100:
        raise node.child(key).error(f"must be a percentage between 0 and 100, got {format_number(value)}")
    return value
