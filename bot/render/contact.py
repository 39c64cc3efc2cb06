"""What the assistant says when it did not understand: "Did you mean …?", then (the domain's `utter_ask_rephrase`)
a request to rephrase, then the hand-off to the ILO contact.

The constants are the English texts (as the Rasa actions and the tests know them); `say(TEXT, lang)` gives one in
the conversation's language ("en", "fr" or "es").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.i18n import N_, translator
from bot.knowledge.text import DEFAULT_LANGUAGE

if TYPE_CHECKING:
    from bot.knowledge.campaign import Campaign


ASK_FOR_MORE = N_('Could you say a little more? For example: "What does C102 require for sickness benefit?"')
DID_YOU_MEAN = N_("Sorry, I'm not sure I understood. Did you mean one of these?")
SOMETHING_ELSE = N_("Something else")
#: a button offered with ASK_FOR_MORE: its title and the question it sends
WHAT_CAN_YOU_DO = N_("What can you do?")
#: what "Did you mean …?" offers for the intents that start something (the Q&A topics have their own titles)
START_CHECK_TITLE = N_("Check which Parts of C102 my country could accept")
DRAFT_INSTRUMENT_TITLE = N_("Draft the instrument of ratification")
START_QUIZ_TITLE = N_("Take the quiz of my training session")


def say(text: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """One of this module's texts (ASK_FOR_MORE, DID_YOU_MEAN...) in `lang`."""
    return translator(lang).gettext(text)


def handoff_text(campaign: Campaign, lang: str = DEFAULT_LANGUAGE) -> str:
    text = translator(lang).gettext(
        "I can't answer that reliably. The ILO's social protection team can help: write to {email}. The ILO toolkit "
        "on social security standards is at {toolkit}, and NORMLEX has the live ratification records: {normlex}")
    return text.format(email=campaign.contact_email, toolkit=campaign.links["toolkit"],
                       normlex=campaign.links["normlex"])
