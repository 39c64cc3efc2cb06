"""The knowledge base: the only reader of `data/knowledge/*.yml`.

`load()` parses and validates every file once (cached per directory) and returns a `Knowledge` whose parts
answer the queries the bot needs. A broken file raises `KnowledgeError` naming the file, key path and problem.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from bot.config import knowledge_dir
from bot.knowledge.countries import phrase
from bot.knowledge.reader import KnowledgeError, load_document
from bot.knowledge.text import Text, long_date

if TYPE_CHECKING:  # the submodules import this package, so they are imported where used
    from bot.knowledge import c102, campaign, conventions, countries, procedure, ratifications

__all__ = ["Knowledge", "KnowledgeError", "country_status_lookup", "knowledge_dir", "load", "load_from"]


@dataclass(frozen=True)
class Knowledge:
    c102: c102.C102
    conventions: conventions.Conventions
    procedure: procedure.Procedure
    campaign: campaign.Campaign
    countries: countries.Countries
    ratifications: ratifications.Ratifications

    def summaries(self) -> list[tuple[str, str]]:
        """(file name, what was loaded from it) for `python -m bot knowledge check`."""
        from bot.knowledge import c102, campaign, conventions, countries, procedure, ratifications

        return [
            (c102.FILE, self.c102.summary()),
            (conventions.FILE, self.conventions.summary()),
            (procedure.FILE, self.procedure.summary()),
            (campaign.FILE, self.campaign.summary()),
            (countries.FILE, self.countries.summary()),
            (ratifications.FILE, self.ratifications.summary()),
        ]

    def c102_status_of(self, name: str) -> str | None:
        """A country's C102 record in words, in the three languages (a `Text`: "Morocco: in force; ratified
        2019-06-14; Parts ..."), or None when the name is no country we know."""
        state = self.countries.find(name)
        if state is None:
            return None
        record = self.ratifications.get(state.code)
        url = self.ratifications.normlex_url
        if record is None:
            return Text.compose(lambda lang: _RECORD_WORDS[lang]["none"].format(name=phrase(state.name, lang),
                                                                                url=url))

        def in_lang(lang: str) -> str:
            words = _RECORD_WORDS[lang]
            details = [record.status.get(lang)]
            if record.ratified_on is not None:
                when = record.ratified_on  # a full date written as the language writes it, else as known ("2019")
                written = long_date(date(when.year, when.month, when.day)).get(lang) if when.month and when.day \
                    else str(when)
                details.append(words["ratified"].format(date=written))
            if record.parts_accepted:
                details.append(words["parts"].format(parts=", ".join(record.parts_accepted)))
            return words["record"].format(name=record.country_name.get(lang), details=words["and"].join(details))

        return Text.compose(in_lang)


#: the words of a record line, per language (the knowledge package is below the message catalogs)
_RECORD_WORDS = {
    "en": {"record": "{name}: {details}", "ratified": "ratified {date}", "parts": "Parts {parts}", "and": "; ",
           "none": "no C102 ratification of {name} in our records (NORMLEX: {url})"},
    "fr": {"record": "{name} : {details}", "ratified": "ratification : {date}", "parts": "parties {parts}",
           "and": " ; ", "none": "aucune ratification de la C102 {name.by} dans nos données (NORMLEX : {url})"},
    "es": {"record": "{name}: {details}", "ratified": "ratificación: {date}", "parts": "partes {parts}",
           "and": "; ", "none": "ninguna ratificación del C102 por {name} en nuestros registros (NORMLEX: {url})"},
}


def country_status_lookup(directory: Path | None = None) -> Callable[[str], str | None] | None:
    """`Knowledge.c102_status_of` of the full knowledge base; None when that does not load (the eligibility check
    then runs without the country's record)."""
    try:
        return load(directory).c102_status_of
    except KnowledgeError:
        return None


def load_from(directory: Path) -> Knowledge:
    """Parse and validate every file in `directory` (no cache: for tests and the check command)."""
    from bot.knowledge import c102, campaign, conventions, countries, procedure, ratifications

    c102_data = c102.parse(load_document(directory, c102.FILE))
    conventions_data = conventions.parse(load_document(directory, conventions.FILE), c102_data)
    countries_data = countries.parse(load_document(directory, countries.FILE))
    campaign_data = campaign.parse(load_document(directory, campaign.FILE))
    ratifications_data = ratifications.parse(load_document(directory, ratifications.FILE), countries_data, c102_data)
    if campaign_data.target != ratifications_data.target.count:  # the campaign and the count quote the same target
        raise KnowledgeError(campaign.FILE, "campaign.target", f"{campaign_data.target} differs from the "
                             f"{ratifications_data.target.count} of {ratifications.FILE} campaign_target.count")
    return Knowledge(
        c102=c102_data,
        conventions=conventions_data,
        procedure=procedure.parse(load_document(directory, procedure.FILE)),
        campaign=campaign_data,
        countries=countries_data,
        ratifications=ratifications_data,
    )


@lru_cache(maxsize=4)
def _load_cached(directory: Path) -> Knowledge:
    return load_from(directory)


def load(directory: Path | None = None) -> Knowledge:
    """The knowledge base in `directory` (default: `data/knowledge`, or `RATIFY_KNOWLEDGE_DIR`), loaded once."""
    return _load_cached(Path(directory or knowledge_dir()).resolve())
