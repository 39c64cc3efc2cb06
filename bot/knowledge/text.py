"""Texts in the toolkit's three languages (English, French, Spanish) and figures written for each.

In `data/knowledge/*.yml` every text a user may read is written in all three languages,
``title: {en: ..., fr: ..., es: ...}``, and a missing one is a load error naming the file, key path and language.
The loaders turn it into a `Text`: a `str` whose value is the English text, so code written before the
translations keeps working, and whose `get(lang)` gives the text in another language.

Figures stay in one place: texts quote them through placeholders (`{schedule.old_age}`), filled in for each
language from the same number (`40%`, `40 %`); only the words around them are translated.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date

import yaml
from babel.dates import format_date

LANGUAGES = ("en", "fr", "es")
DEFAULT_LANGUAGE = "en"
LANGUAGE_NAMES = {"en": "English", "fr": "French", "es": "Spanish"}

# The few words the loaders put between figures they list ("IV, V or X"), and the long date format.
_CONJUNCTIONS = {"or": {"en": "or", "fr": "ou", "es": "o"}, "and": {"en": "and", "fr": "et", "es": "y"}}
_DATE_FORMATS = {"en": "d MMMM y", "fr": "d MMMM y", "es": "d 'de' MMMM 'de' y"}
_NO_BREAK_SPACE = "\u00a0"  # French and Spanish write "45 %", the sign kept on the figure's line


class Text(str):
    """A text in every language of `LANGUAGES`; as a `str` it is the English text."""

    _translations: dict[str, str]

    def __new__(cls, translations: Mapping[str, str]) -> Text:
        missing = [lang for lang in LANGUAGES if not translations.get(lang)]
        if missing:
            raise ValueError(f"missing the {LANGUAGE_NAMES[missing[0]]} text ('{missing[0]}')")
        text = super().__new__(cls, translations[DEFAULT_LANGUAGE])
        text._translations = {lang: translations[lang] for lang in LANGUAGES}
        return text

    @classmethod
    def same(cls, value: str) -> Text:
        """A text written the same way in every language (a code, a figure)."""
        return cls(dict.fromkeys(LANGUAGES, value))

    @classmethod
    def compose(cls, make: Callable[[str], str]) -> Text:
        """The text `make(lang)` builds for each language."""
        return cls({lang: make(lang) for lang in LANGUAGES})

    def get(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The text in `lang` ("en", "fr" or "es")."""
        if lang not in self._translations:
            raise KeyError(f"unknown language '{lang}' (known: {', '.join(LANGUAGES)})")
        return self._translations[lang]

    def map(self, change: Callable[[str, str], str]) -> Text:
        """`change(lang, text)` applied to the text in each language."""
        return Text.compose(lambda lang: change(lang, self.get(lang)))

    def __reduce__(self) -> tuple[type[Text], tuple[dict[str, str]]]:  # copy and pickle keep the translations
        return Text, (self._translations,)


# Written to YAML (e.g. a report's annex) like any other text: its English value.
def _represent(dumper: yaml.representer.SafeRepresenter, text: Text) -> yaml.ScalarNode:
    return dumper.represent_str(str(text))


for _representer in (yaml.representer.SafeRepresenter, yaml.representer.Representer):
    _representer.add_representer(Text, _represent)


def in_language(value: str, lang: str) -> str:
    """`value` in `lang` when it is a `Text`; any other text is the same in every language."""
    return value.get(lang) if isinstance(value, Text) else value


def join_words(items: Iterable[str], word: str = "or", lang: str = DEFAULT_LANGUAGE) -> str:
    """["IV", "V", "VI"] -> "IV, V or VI" ("IV, V ou VI" in French)."""
    items = [in_language(item, lang) for item in items]
    conjunction = _CONJUNCTIONS[word][lang] if word in _CONJUNCTIONS else word
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def format_number(value: float, lang: str = DEFAULT_LANGUAGE) -> str:
    """45.0 -> "45", 1.5 -> "1.5" (French and Spanish: "1,5"): figures as people write them."""
    text = str(int(value)) if float(value).is_integer() else f"{value:g}"
    return text if lang == DEFAULT_LANGUAGE else text.replace(".", ",")


def format_percent(value: float, lang: str = DEFAULT_LANGUAGE) -> str:
    space = "" if lang == DEFAULT_LANGUAGE else _NO_BREAK_SPACE
    return f"{format_number(value, lang)}{space}%"


def figure(value: float, *, percent: bool = False) -> Text:
    """A number as a `Text`, written for each language."""
    formatter = format_percent if percent else format_number
    return Text.compose(lambda lang: formatter(value, lang))


def long_date(day: date) -> Text:
    """27 April 1955, 27 avril 1955, 27 de abril de 1955 (French writes the first of the month "1er")."""
    return Text.compose(lambda lang: _long_date(day, lang))


def _long_date(day: date, lang: str) -> str:
    text = format_date(day, _DATE_FORMATS[lang], locale=lang)
    return f"1er{text[1:]}" if lang == "fr" and day.day == 1 else text


def every_language(value: str) -> tuple[str, ...]:
    """The distinct ways `value` is written in the three languages, English first (for name look-ups)."""
    return tuple(dict.fromkeys(in_language(value, lang) for lang in LANGUAGES))
