"""Why ratify C102, the ILO Global Ratification Campaign 2021-2026, and the ILO's technical assistance."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.answers.base import ELIGIBILITY_QUESTION, Button, Reply, Topic, UserQuestion, bullets, compose, link, titled
from bot.answers.ratifications import latest_total

if TYPE_CHECKING:
    from bot.knowledge import Knowledge


def why_ratify(kb: Knowledge, question: UserQuestion) -> Reply:
    campaign = kb.campaign
    text = compose("Why ratify C102:", bullets(titled(reason) for reason in campaign.reasons),
                   link("More in the ILO toolkit", campaign.links["toolkit"]))
    return Reply(text, (Button("Check my country's eligibility", ELIGIBILITY_QUESTION),))


def campaign(kb: Knowledge, question: UserQuestion) -> Reply:
    found = kb.campaign
    text = compose(
        f"{found.title}, {found.start_year}–{found.end_year}: from {found.ratifications_at_launch} ratifications to "
        f"{found.target}.",
        found.about.cite(),
        f"Progress: {latest_total(kb)}",
        "Objectives:", bullets(titled(objective) for objective in found.objectives),
        titled(found.method, "How"),
        found.count_note.cite(),
        link("Campaign page", found.links["campaign"]),
    )
    return Reply(text)


def assistance(kb: Knowledge, question: UserQuestion) -> Reply:
    found = kb.campaign
    text = compose(found.technical_assistance.cite(), link("Contact", found.contact_email),
                   link("ILO toolkit", found.links["toolkit"]))
    return Reply(text, (Button("Check my country's eligibility", ELIGIBILITY_QUESTION),))


TOPICS = (
    Topic("why_ratify", why_ratify, "Why a country should ratify C102"),
    Topic("campaign", campaign, "The ILO campaign for the ratification of C102"),
    Topic("assistance", assistance, "The help the ILO offers, and whom to contact"),
)
