"""The hand-off line: where to turn when the assistant cannot help."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.knowledge.campaign import Campaign


def handoff_text(campaign: Campaign) -> str:
    return (
        "I can't answer that reliably. The ILO's social protection team can help: write to "
        f"{campaign.contact_email}. The ILO toolkit on social security standards is at {campaign.links['toolkit']}, "
        f"and NORMLEX has the live ratification records: {campaign.links['normlex']}"
    )
