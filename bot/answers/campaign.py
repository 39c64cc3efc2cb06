"""Why ratify C102, the ILO Global Ratification Campaign 2021-2026, and the ILO's technical assistance."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.answers.base import (
    Reply,
    Topic,
    UserQuestion,
    bullets,
    compose,
    eligibility_button,
    link,
    titled,
    told,
    toolkit_link,
    translator_for,
)
from bot.answers.ratifications import latest_total
from bot.i18n import N_

if TYPE_CHECKING:
    from bot.knowledge import Knowledge


def why_ratify(kb: Knowledge, question: UserQuestion) -> Reply:
    t, campaign = translator_for(question), kb.campaign
    text = compose(t.gettext("Why ratify C102:"), bullets(titled(reason, t) for reason in campaign.reasons),
                   link(t.gettext("More in the ILO toolkit"), campaign.links["toolkit"], t))
    return Reply(text, (eligibility_button(t),))


def campaign(kb: Knowledge, question: UserQuestion) -> Reply:
    t, found = translator_for(question), kb.campaign
    text = compose(
        t.gettext("{title}, {start}–{end}: from {at_launch} ratifications to {target}.").format(
            title=found.title.get(t.lang), start=found.start_year, end=found.end_year,
            at_launch=found.ratifications_at_launch, target=found.target),
        told(found.about, t),
        t.gettext("Progress: {total}").format(total=latest_total(kb, t)),
        t.gettext("Objectives:"), bullets(titled(objective, t) for objective in found.objectives),
        titled(found.method, t, t.gettext("How")),
        told(found.count_note, t),
        link(t.gettext("Campaign page"), found.links["campaign"], t),
    )
    return Reply(text)


def assistance(kb: Knowledge, question: UserQuestion) -> Reply:
    t, found = translator_for(question), kb.campaign
    text = compose(told(found.technical_assistance, t), link(t.gettext("Contact"), found.contact_email, t),
                   toolkit_link(t, found.links["toolkit"]))
    return Reply(text, (eligibility_button(t),))


TOPICS = (
    Topic("why_ratify", why_ratify, N_("Why a country should ratify C102")),
    Topic("campaign", campaign, N_("The ILO campaign for the ratification of C102")),
    Topic("assistance", assistance, N_("The help the ILO offers, and whom to contact")),
)
