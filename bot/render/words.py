"""The engine's words (`bot.eligibility.result.Phrase`) written in the reader's language."""

from __future__ import annotations

from dataclasses import replace

from bot.eligibility.result import Assessment, Bound, Choices, Counted, Phrase, quantity
from bot.i18n import N_, Translator
from bot.knowledge.countries import Countries, Country
from bot.knowledge.text import DEFAULT_LANGUAGE, Text, join_words

#: the engine's ids that reach a report as words ("residents", "contribution" are in the catalog already)
ID_WORDS = (N_("industrial employees"), N_("unlimited"))


def in_words(value: object, t: Translator) -> str:
    """`value` in `t`'s language: a phrase from its translated template, a `Text` in that language, a number written
    for it, alternatives joined with its "or", an id the catalog names ("contribution"); English as it is."""
    if t.lang == DEFAULT_LANGUAGE:
        return str(value)
    if isinstance(value, Counted):
        return period(t, value.amount, value.unit)
    if isinstance(value, Phrase):
        return t.gettext(value.template).format(**{name: in_words(item, t) for name, item in value.values.items()})
    if isinstance(value, Text):
        return value.get(t.lang)
    if isinstance(value, Bound):
        words = [value.subject, value.op, quantity(value.amount, value.unit), value.of, value.alternative]
        return " ".join(in_words(word, t) for word in words if word)
    if isinstance(value, Choices):
        return join_words([in_words(item, t) for item in value], "or", t.lang)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return t.number(value)
    return t.gettext(str(value).replace("_", " ")) if isinstance(value, str) and value else str(value)


def period(t: Translator, value: float, unit: str) -> str:
    """15 "years" -> "15 years" ("15 ans", "15 años"): a figure and its unit, the word agreeing with the figure as
    the language says it (French: "0 jour", "1 jour", "2 jours"; a fraction takes the plural: "1,5 ans")."""
    count, number = int(value) if float(value).is_integer() else 2, t.number(value)
    if unit == "years":
        return t.ngettext("{number} year", "{number} years", count).format(number=number)
    if unit == "months":
        return t.ngettext("{number} month", "{number} months", count).format(number=number)
    if unit == "weeks":
        return t.ngettext("{number} week", "{number} weeks", count).format(number=number)
    return t.ngettext("{number} day", "{number} days", count).format(number=number)


def named_in_every_language(countries: Countries, assessment: Assessment) -> Assessment:
    """The assessment with its country's name in the three languages ("Morocco", "Maroc", "Marruecos"), when it is a
    country the knowledge base knows."""
    state = countries.find(assessment.country) if assessment.country else None
    return replace(assessment, country=state.name) if isinstance(state, Country) else assessment
