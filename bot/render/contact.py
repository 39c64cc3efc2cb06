"""What the assistant says when it did not understand: ask to rephrase, then hand off to the ILO contact.

The constants are the English texts (as the tests and the Rasa actions know them); the functions give them in the
conversation's language ("en", "fr" or "es").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.i18n import N_, translator
from bot.knowledge.text import DEFAULT_LANGUAGE

if TYPE_CHECKING:
    from bot.knowledge.campaign import Campaign


ASK_FOR_MORE = N_('Could you say a little more? For example: "What does C102 require for sickness benefit?"')
REPHRASE = N_("Sorry, I didn't quite understand that. Could you rephrase it, or type \"help\" to see what I can do?")
#: the button offered with ASK_FOR_MORE: its title and the question it sends
WHAT_CAN_YOU_DO = N_("What can you do?")


def ask_for_more(lang: str = DEFAULT_LANGUAGE) -> str:
    return translator(lang).gettext(ASK_FOR_MORE)


def rephrase(lang: str = DEFAULT_LANGUAGE) -> str:
    return translator(lang).gettext(REPHRASE)


def what_can_you_do(lang: str = DEFAULT_LANGUAGE) -> str:
    return translator(lang).gettext(WHAT_CAN_YOU_DO)


def handoff_text(campaign: Campaign, lang: str = DEFAULT_LANGUAGE) -> str:
    text = translator(lang).gettext(
        "I can't answer that reliably. The ILO's social protection team can help: write to {email}. The ILO toolkit "
        "on social security standards is at {toolkit}, and NORMLEX has the live ratification records: {normlex}")
    return text.format(email=campaign.contact_email, toolkit=campaign.links["toolkit"],
                       normlex=campaign.links["normlex"])
