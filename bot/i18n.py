"""The words the answers compose in Python, in English, French and Spanish: GNU gettext catalogs read with Babel.

English is the message id and the default; `bot/locale/<lang>/LC_MESSAGES/messages.po` holds the French and
Spanish translations, with their plural forms. The `.po` files are read once, when a language is first asked for
(no compiled `.mo` to build or commit). To update the catalogs after changing a text (see README, "Languages"):

    pybabel extract -F babel.cfg -o bot/locale/messages.pot bot
    pybabel update -i bot/locale/messages.pot -d bot/locale --no-fuzzy-matching --ignore-obsolete

then translate the new or fuzzy entries; `tests/test_i18n.py` fails, naming it, on any entry left untranslated.

Figures are not translated: they come from the knowledge base and are only written for the language here
(`number`, `percent`, `date`), and article references are written in each language's citation style (`article`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.dates import format_date
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from bot.knowledge.text import DEFAULT_LANGUAGE, LANGUAGES, format_number, format_percent, long_date

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"
#: Babel's patterns for a month alone (a full date is `long_date`'s)
_MONTH_FORMATS = {"en": "MMMM y", "fr": "MMMM y", "es": "MMMM 'de' y"}


def N_(message: str) -> str:  # the gettext name of a text marked for extraction
    """Marks a module-level text for `pybabel extract`; translate it where it is used (`gettext(CONSTANT)`)."""
    return message


SEMICOLON = N_("; ")  # between items of a list that have commas of their own; French spaces it: " ; " (the catalog)


def catalog_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(lang: str) -> Catalog:
    with catalog_path(lang).open("rb") as file:
        return read_po(file, locale=lang, domain=DOMAIN)


@cache
def _translations(lang: str) -> NullTranslations:
    if lang == DEFAULT_LANGUAGE:
        return NullTranslations()
    buffer = BytesIO()
    write_mo(buffer, read_catalog(lang))  # fuzzy entries are left out, as msgfmt does
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


# -- article references ------------------------------------------------------------------------------------------
# "C102 Art. 28" -> "art. 28 de la C102" / "art. 28 del C102"; a Recommendation is feminine in both languages.
_INSTRUMENT_REF = re.compile(r"^(?P<inst>[CR]\d+) (?P<kind>Arts?\.?|Paras?\.?|Parts?|Schedule)(?P<rest>.*)$")
_BARE_REF = re.compile(r"^(?P<kind>[Aa]rts?\.?|Paras?\.?|Parts?|Schedule)(?P<rest>.*)$")
_CONSTITUTION = "ILO Constitution "
_KINDS = {
    "fr": {"Art": "art.", "Para": "par.", "Part": "partie", "Parts": "parties", "Schedule": "annexe"},
    "es": {"Art": "art.", "Arts": "arts.", "Para": "párr.", "Part": "parte", "Parts": "partes", "Schedule": "anexo"},
}
_WORDS = {  # the few English words inside references
    "fr": ((" and ", " et "), ("(and ", "(et "), (" to Part ", " à la partie "), ("Schedule", "annexe"),
           ("national constitutional law", "droit constitutionnel national")),
    "es": ((" and ", " y "), ("(and ", "(y "), (" to Part ", " a la parte "), ("Schedule", "anexo"),
           ("national constitutional law", "derecho constitucional nacional")),
}
_OF = {"fr": {"C": "de la", "R": "de la"}, "es": {"C": "del", "R": "de la"}}
_CONSTITUTION_OF = {"fr": "Constitution de l'OIT", "es": "Constitución de la OIT"}
_SDG = re.compile(r"^SDG (?P<kind>indicator|target) (?P<number>[\d.]+)$")
_SDG_WORDS = {"fr": ({"indicator": "indicateur", "target": "cible"}, "des ODD"),
              "es": ({"indicator": "indicador", "target": "meta"}, "de los ODS")}


def article(reference: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """A reference as written in `lang`: "C102 Art. 28" (en), "art. 28 de la C102" (fr), "art. 28 del C102" (es);
    "ILO Constitution art. 22" -> "Constitution de l'OIT, art. 22"; "; " separates references."""
    if lang == DEFAULT_LANGUAGE:
        return reference
    return _translations(lang).gettext(SEMICOLON).join(_one_reference(part, lang) for part in reference.split("; "))


def _one_reference(reference: str, lang: str) -> str:
    if reference.startswith(_CONSTITUTION):
        return f"{_CONSTITUTION_OF[lang]}, {_words(_kind(reference.removeprefix(_CONSTITUTION), lang), lang)}"
    sdg = _SDG.match(reference)
    if sdg:
        kinds, of = _SDG_WORDS[lang]
        return f"{kinds[sdg['kind']]} {sdg['number']} {of}"
    found = _INSTRUMENT_REF.match(reference)
    if found:
        inst = found["inst"]
        return f"{_kind(found['kind'] + found['rest'], lang)} {_OF[lang][inst[0]]} {inst}"
    return _words(_kind(reference, lang), lang)


def _kind(reference: str, lang: str) -> str:
    """ "Arts 9, 15" -> "art. 9, 15"; "Schedule to Part XI" -> "annexe à la partie XI"; "art. 22" unchanged."""
    found = _BARE_REF.match(reference)
    if not found:
        return _words(reference, lang)
    kind = found["kind"].rstrip(".").capitalize()
    word = _KINDS[lang].get(kind) or _KINDS[lang][kind.rstrip("s")]
    return _words(f"{word}{found['rest']}", lang)


def _words(text: str, lang: str) -> str:
    for english, translated in _WORDS[lang]:
        text = text.replace(english, translated)
    return text


# -- the translator ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Translator:
    """Everything an answer needs to be written in `lang`: its sentences (`gettext`, `ngettext`), its figures and
    dates, its article references."""

    lang: str

    def gettext(self, message: str) -> str:
        return _translations(self.lang).gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return _translations(self.lang).ngettext(singular, plural, count)

    @property
    def semicolon(self) -> str:
        """ "; " between the items of a list, as the language spaces it (French: " ; ")."""
        return self.gettext(SEMICOLON)

    def number(self, value: float) -> str:
        return format_number(value, self.lang)

    def percent(self, value: float) -> str:
        return format_percent(value, self.lang)

    def format_day(self, value: date) -> str:
        """27 April 1955, 27 avril 1955, 27 de abril de 1955 (French: "1er juin 2016"), as the knowledge base writes."""
        return long_date(value).get(self.lang)

    def format_month(self, value: date) -> str:
        """April 1955, avril 1955, abril de 1955."""
        return format_date(value, _MONTH_FORMATS[self.lang], locale=self.lang)

    def article(self, reference: str) -> str:
        return article(reference, self.lang)

    def ordinal(self, number: int) -> str:
        """68 -> "68th" / "68e" / "68.ª" (a ratification: feminine in French and Spanish)."""
        if self.lang == "fr":
            return f"{number}{'re' if number == 1 else 'e'}"
        if self.lang == "es":
            return f"{number}.ª"
        suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        return f"{number}{suffix}"


@cache
def translator(lang: str = DEFAULT_LANGUAGE) -> Translator:
    """The translator for `lang` ("en", "fr" or "es"); ValueError for any other."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language '{lang}' (known: {', '.join(LANGUAGES)})")
    return Translator(lang)
