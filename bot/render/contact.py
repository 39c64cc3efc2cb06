"""What the assistant says when it did not understand: "Did you mean …?", then (the domain's `utter_ask_rephrase`)
a request to rephrase, then the hand-off to the ILO contact."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.knowledge.campaign import Campaign


ASK_FOR_MORE = 'Could you say a little more? For example: "What does C102 require for sickness benefit?"'
DID_YOU_MEAN = "Sorry, I'm not sure I understood. Did you mean one of these?"
SOMETHING_ELSE = "Something else"


def handoff_text(campaign: Campaign) -> str:
    return (
        "I can't answer that reliably. The ILO's social protection team can help: write to "
        f"{campaign.contact_email}. The ILO toolkit on social security standards is at {campaign.links['toolkit']}, "
        f"and NORMLEX has the live ratification records: {campaign.links['normlex']}"
    )
