"""The knowledge base: the only reader of `data/knowledge/*.yml`.

`load()` parses and validates every file once (cached per directory) and returns a `Knowledge` whose parts
answer the queries the bot needs. A broken file raises `KnowledgeError` naming the file, key path and problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from bot.knowledge.reader import KnowledgeError, load_document
from bot.paths import knowledge_dir

if TYPE_CHECKING:  # the submodules import this package, so they are imported where used
    from bot.knowledge import c102, campaign, conventions, countries, procedure, ratifications

__all__ = ["Knowledge", "KnowledgeError", "knowledge_dir", "load", "load_from"]


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
