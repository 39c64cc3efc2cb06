"""The ILO member States and former States (`countries.yml`): names, ISO codes, ILO regions, name lookup.

Every name is indexed once, normalised (case, accents, punctuation and a leading "the" ignored), so `find`
is a dictionary look-up; the same name may not lead to two States.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

from bot.knowledge.reader import Node, unique
from bot.knowledge.text import LANGUAGES, Text, every_language, in_language

FILE = "countries.yml"
#: the article a French country name takes in a sentence; "none" for the names that take none (Madagascar)
FRENCH_ARTICLES = ("le", "la", "l'", "les", "none")

_MEMBER_CODE = re.compile(r"[A-Z]{2}")  # ISO 3166-1 alpha-2
_FORMER_CODE = re.compile(r"[A-Z]{4}")  # ISO 3166-3: four letters for States that no longer exist
_DELETED = str.maketrans("", "", ".'’ʼ`´")  # "U.S.A." = "USA", "Côte d’Ivoire" = "Cote dIvoire"
_WORD = re.compile(r"[^\W_]+")


def normalise(text: str) -> str:
    """The lookup key of a name: no accents, case, punctuation or leading "the"."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    words = _WORD.findall(plain.casefold().replace("&", " and ").translate(_DELETED))
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


class CountryName(Text):
    """A State's name in the three languages, with the article its French name takes in a sentence ("le" for
    Maroc, "" for Madagascar), so that wherever the name goes, a French sentence can place it (`phrase`)."""

    article_fr: str

    def __new__(cls, translations: dict[str, str], article_fr: str = "") -> CountryName:
        name = super().__new__(cls, translations)
        name.article_fr = article_fr
        return name

    def __reduce__(self) -> tuple[type[CountryName], tuple[dict[str, str], str]]:  # type: ignore[override]
        return CountryName, ({lang: self.get(lang) for lang in LANGUAGES}, self.article_fr)


# -- a country's name in a sentence ------------------------------------------------------------------------------
_CONTRACTED = {("de", "le"): "du", ("de", "les"): "des", ("à", "le"): "au", ("à", "les"): "aux"}
_PREPOSITIONS = {"en": {"of": "of", "to": "to", "by": "by"}, "fr": {"of": "de", "to": "à", "by": "par"},
                 "es": {"of": "de", "to": "a", "by": "por"}}
_VOWELS = "aeiouâàéèêëîïôöûüAEIOUÂÀÉÈÊËÎÏÔÖÛÜ"  # not y: le Yémen
_MUTE_OR_ASPIRATED = "hH"  # l'Hôtel but le Honduras, la Hongrie: a name with an h takes either


@dataclass(frozen=True)
class CountryPhrase:
    """A country's name as a sentence in `lang` places it. As a text (`{country}` in a template) it is the bare
    name, for titles and lists; `{country.the}` is the name with its article (French: "le Maroc", "l'Algérie",
    "les Philippines", "Madagascar"), `{country.The}` the same at the start of a sentence, and `{country.of}`,
    `{country.to}`, `{country.by}` the name after "de", "à", "par" with French's contractions ("du Maroc",
    "aux Philippines", "de la Côte d'Ivoire", "d'Haïti", "par le Ghana"). Spanish and English names take no
    article here (the knowledge base writes "Perú" as it is)."""

    name: str
    lang: str
    article: str = ""  # French only: one of FRENCH_ARTICLES but "none", or "" for none

    def __str__(self) -> str:
        return self.name

    def __format__(self, spec: str) -> str:
        return format(self.name, spec)

    @property
    def the(self) -> str:
        if not self.article:
            return self.name
        return f"{self.article}{self.name}" if self.article.endswith("'") else f"{self.article} {self.name}"

    @property
    def The(self) -> str:  # the placeholder as a sentence's first word: "{country.The} a ratifié"
        return self.the[:1].upper() + self.the[1:]

    @property
    def of(self) -> str:
        return self._after("of")

    @property
    def to(self) -> str:
        return self._after("to")

    @property
    def by(self) -> str:
        return self._after("by")

    def _after(self, role: str) -> str:
        word = _PREPOSITIONS[self.lang][role]
        if (word, self.article) in _CONTRACTED:
            return f"{_CONTRACTED[word, self.article]} {self.name}"
        if word == "de" and not self.article and self.name[:1] in _VOWELS + _MUTE_OR_ASPIRATED:
            return f"d'{self.name}"  # d'Haïti, d'Israël
        return f"{word} {self.the}"


def phrase(name: str, lang: str) -> CountryPhrase:
    """`name` (a `CountryName`, another `Text` or a name as typed) ready for a sentence in `lang`."""
    article = name.article_fr if isinstance(name, CountryName) and lang == "fr" else ""
    return CountryPhrase(in_language(name, lang), lang, "" if article == "none" else article)


@dataclass(frozen=True)
class Country:
    """An ILO member State. `names` holds the official name first (in English, French and Spanish), then the
    synonyms users type."""

    code: str
    name: CountryName
    names: tuple[str, ...]
    region: Text


@dataclass(frozen=True)
class FormerState:
    """A State that no longer exists (not an ILO member) but still appears in ratification records."""

    code: str
    name: CountryName
    names: tuple[str, ...]
    successors: tuple[str, ...]
    note: Text


State = Country | FormerState


@dataclass(frozen=True)
class Countries:
    members: tuple[Country, ...]
    former: tuple[FormerState, ...]
    regions: tuple[Text, ...]
    region_labels: dict[str, str] = field(repr=False, compare=False)  # every name and alias, as written -> region
    _by_code: dict[str, State] = field(repr=False, compare=False)
    _by_name: dict[str, State] = field(repr=False, compare=False)
    _region_keys: dict[str, str] = field(repr=False, compare=False)

    def get(self, code: str) -> Country:
        """The member State with ISO code `code` (any case); KeyError for unknown codes and former States."""
        state = self._by_code.get(code.upper())
        if not isinstance(state, Country):
            raise KeyError(code)
        return state

    def state(self, code: str) -> State:
        """The member or former State with code `code` (any case); KeyError when there is none."""
        return self._by_code[code.upper()]

    def find(self, text: str) -> State | None:
        """The State one of whose names is `text`, ignoring case, accents and punctuation, or None.

        A bare code counts only when typed in capitals ("NO", "IT"), so the words "no" or "it" are not
        taken for Norway or Italy; abbreviations listed as synonyms ("UK", "DRC") match in any case.
        """
        return self._by_code.get(text.strip()) or self._by_name.get(normalise(text))

    def name_languages(self, text: str) -> frozenset[str]:
        """The languages in which `text` is the official name of a State (ignoring case, accents and punctuation):
        {"fr"} for "Mauritanie", all three for "El Salvador", none for an alias such as "Ivory Coast"."""
        state, key = self.find(text), normalise(text)
        if state is None:
            return frozenset()
        return frozenset(lang for lang in LANGUAGES if normalise(state.name.get(lang)) == key)

    def suggest(self, text: str, limit: int = 3) -> list[str]:
        """Official names of the States whose names are closest to `text`, for "did you mean …?"."""
        close = difflib.get_close_matches(normalise(text), list(self._by_name), n=limit * 4, cutoff=0.7)
        names = dict.fromkeys(self._by_name[key].name for key in close)
        return list(names)[:limit]

    def region_of(self, text: str) -> str | None:
        """The ILO region named by `text` ("Africa", "african", "the Americas", "European"...), or None."""
        return self._region_keys.get(normalise(text))

    def in_region(self, region: str) -> list[Country]:
        """The member States of a region (named as `region_of` accepts), by name; KeyError if unknown."""
        name = self.region_of(region)
        if name is None:
            raise KeyError(region)
        return sorted((country for country in self.members if country.region == name), key=lambda c: normalise(c.name))

    def summary(self) -> str:
        per_region = ", ".join(f"{region} {len(self.in_region(region))}" for region in self.regions)
        return (f"{len(self.members)} member States ({per_region}), {len(self.former)} former States, "
                f"{len(self._by_name)} distinct names")


# -- parsing ----------------------------------------------------------------------------------------------------

def parse(doc: Node) -> Countries:
    doc.only_keys({"regions", "members", "former_states"})
    region_labels = _parse_regions(doc)
    regions = tuple(dict.fromkeys(region_labels.values()))
    members = [(node, _parse_member(node, regions)) for node in doc.items("members")]
    former = [(node, _parse_former(node, {country.code for _, country in members}))
              for node in doc.items("former_states")]
    states: list[tuple[Node, State]] = [*members, *former]
    unique(((node.child("code"), state.code) for node, state in states), "code")
    return Countries(
        members=tuple(country for _, country in members),
        former=tuple(state for _, state in former),
        regions=regions,
        _by_code={state.code: state for _, state in states},
        _by_name=_index_names(states),
        region_labels=region_labels,
        _region_keys={normalise(label): region for label, region in region_labels.items()},
    )


def _parse_regions(doc: Node) -> dict[str, Text]:
    """region name (in any language) or alias, as written -> region name."""
    keys: dict[str, Text] = {}
    labels: dict[str, Text] = {}
    for node in doc.items("regions"):
        node.only_keys({"name", "aliases"})
        name = node.prose("name")
        for label in [*every_language(name), *node.strings("aliases", default=[])]:
            key = normalise(label)
            if keys.get(key, name) != name:
                raise node.error(f"region name or alias '{label}' is also used by region '{keys[key]}'")
            keys[key] = labels[label] = name
    if not keys:
        raise doc.child("regions").error("must list at least one region")
    return labels


def _names(node: Node, name: Text) -> tuple[str, ...]:
    """The official name, the synonyms, then the official name in the other languages, none repeated."""
    synonyms = list(node.items("synonyms")) if node.mapping().get("synonyms") is not None else []
    english, *translated = every_language(name)
    labelled = [(node.child("name"), english), *((item, item.expect(str).strip()) for item in synonyms),
                *((node.child("name"), label) for label in translated)]
    unique(((item, label.casefold()) for item, label in labelled), "name")
    return tuple(label for _, label in labelled)


def _code(node: Node, pattern: re.Pattern[str], what: str) -> str:
    code = node.text("code")
    if not pattern.fullmatch(code):
        raise node.child("code").error(f"'{code}' is not {what}")
    return code


def _country_name(node: Node, code: str) -> CountryName:
    """The name in the three languages with its French article; a French name without one is an error."""
    name = node.prose("name")
    if node.mapping().get("fr_article") is None:
        raise node.error(f"{code}: the French name '{name.get('fr')}' needs its article in a sentence, "
                         f"fr_article: {', '.join(FRENCH_ARTICLES)}")
    article = node.choice("fr_article", FRENCH_ARTICLES)
    first = name.get("fr")[:1]
    if first not in _MUTE_OR_ASPIRATED and article in ("le", "la", "l'") and (article == "l'") != (first in _VOWELS):
        raise node.child("fr_article").error(f"{code}: '{article}' does not go before '{name.get('fr')}'")
    return CountryName({lang: name.get(lang) for lang in LANGUAGES}, article)


def _parse_member(node: Node, regions: tuple[Text, ...]) -> Country:
    node.only_keys({"code", "name", "fr_article", "region", "synonyms"})
    code = _code(node, _MEMBER_CODE, "an ISO 3166-1 alpha-2 code (two capital letters)")
    name = _country_name(node, code)
    return Country(
        code=code,
        name=name,
        names=_names(node, name),
        region=regions[regions.index(node.choice("region", regions))],
    )


def _parse_former(node: Node, member_codes: set[str]) -> FormerState:
    node.only_keys({"code", "name", "fr_article", "synonyms", "successors", "note"})
    former_code = _code(node, _FORMER_CODE, "an ISO 3166-3 code (four capital letters)")
    name = _country_name(node, former_code)
    successors = node.strings("successors")
    for index, code in enumerate(successors):
        if code not in member_codes:
            raise node.child("successors").error(f"[{index}]: unknown country '{code}'")
    return FormerState(
        code=former_code,
        name=name,
        names=_names(node, name),
        successors=tuple(successors),
        note=node.prose("note"),
    )


def _index_names(states: list[tuple[Node, State]]) -> dict[str, State]:
    """normalised name -> State; spellings of one State may coincide ("Türkiye", "Turkiye"), not of two."""
    index: dict[str, State] = {}
    for node, state in states:
        for name in state.names:
            key = normalise(name)
            if not key:
                raise node.error(f"name '{name}' has no letters or digits")
            other = index.setdefault(key, state)
            if other is not state:
                raise node.error(f"duplicate name '{name}' (also a name of {other.code} {other.name})")
    return index
