"""Why ratify C102, the ILO Global Ratification Campaign 2021-2026, technical assistance, contact and links
(`campaign.yml`)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.knowledge.facts import (
    Entry,
    Fact,
    count_unverified,
    email,
    parse_entries,
    parse_entry,
    parse_fact,
    plural,
    url,
    whole_number,
)
from bot.knowledge.reader import Node
from bot.knowledge.text import Text

FILE = "campaign.yml"
REQUIRED_LINKS = ("toolkit", "normlex", "campaign")
_TOP_KEYS = ("contact_email", "links", "campaign", "reasons", "technical_assistance")
_CAMPAIGN_KEYS = ("title", "start_year", "end_year", "ratifications_at_launch", "target", "about", "count_note",
                  "objectives", "method")


@dataclass(frozen=True)
class Campaign:
    contact_email: str
    links: dict[str, str]
    reasons: tuple[Entry, ...]
    title: Text
    start_year: int
    end_year: int
    ratifications_at_launch: int
    target: int
    about: Fact
    count_note: Fact
    objectives: tuple[Entry, ...]
    method: Fact
    technical_assistance: Entry

    def reason(self, ident: str) -> Entry:
        for reason in self.reasons:
            if reason.id == ident:
                return reason
        raise KeyError(ident)

    @property
    def still_needed(self) -> int:
        """Ratifications the campaign sought beyond the count on its page (63 -> 70: 7)."""
        return self.target - self.ratifications_at_launch

    def summary(self) -> str:
        facts = [*self.reasons, *self.objectives, self.about, self.count_note, self.method, self.technical_assistance]
        return (f"{plural(len(self.reasons), 'reason')} to ratify, campaign {self.start_year}-{self.end_year} "
                f"({self.ratifications_at_launch} -> {self.target} ratifications), "
                f"{plural(len(self.links), 'link')}, {plural(count_unverified(facts), 'unverified fact')}")


def parse(doc: Node) -> Campaign:
    doc.only_keys(_TOP_KEYS)
    campaign = doc.child("campaign")
    campaign.only_keys(_CAMPAIGN_KEYS)
    start, end = whole_number(campaign, "start_year", 1919), whole_number(campaign, "end_year", 1919)
    if end < start:
        raise campaign.child("end_year").error(f"ends ({end}) before it starts ({start})")
    at_launch, target = whole_number(campaign, "ratifications_at_launch"), whole_number(campaign, "target")
    if target <= at_launch:
        raise campaign.child("target").error(f"target {target} is not above the {at_launch} ratifications at launch")
    return Campaign(
        contact_email=email(doc, "contact_email"),
        links=_links(doc),
        reasons=parse_entries(doc, "reasons", "reason", source_required=True),
        title=campaign.prose("title"),
        start_year=start,
        end_year=end,
        ratifications_at_launch=at_launch,
        target=target,
        about=parse_fact(campaign.child("about")),
        count_note=parse_fact(campaign.child("count_note")),
        objectives=parse_entries(campaign, "objectives", "objective"),
        method=parse_fact(campaign.child("method")),
        technical_assistance=parse_entry(doc.child("technical_assistance")),
    )


def _links(doc: Node) -> dict[str, str]:
    links_node = doc.child("links")
    links = {name: url(links_node, name) for name, _ in links_node.entries()}
    for name in REQUIRED_LINKS:
        if name not in links:
            raise links_node.error(f"missing key '{name}'")
    return links
