"""A draft instrument of ratification of C102, in our own words, for a country and the Parts it accepts.

The instrument must identify the Convention, be an original signed by someone with authority to bind the State
(for example the Head of State, the Prime Minister, the Minister for Foreign Affairs or the Minister of Labour),
express the will to be bound and to apply the Convention faithfully, and, for C102, name the Parts accepted
(Art. 2) with any Article 3 declaration attached (reference: ratification-procedure.md, section 4). The ILO's
toolkit has model instruments; this draft is a starting point, not a substitute.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.eligibility.article2 import article2_gaps
from bot.knowledge.c102 import C102, Part, join_words

SIGNATORIES = ("Head of State", "Prime Minister", "Minister for Foreign Affairs", "Minister of Labour")
DRAFT_NOTE = ("DRAFT for discussion: check it against the ILO's model instrument and the national procedure "
              "before signature; the signed original goes to the ILO Director-General.")


def accepted_parts(c102: C102, parts: Iterable[str]) -> tuple[Part, ...]:
    """The Parts named by numeral or branch id, in the Convention's order; KeyError for an unknown one."""
    wanted = {c102.part(key).numeral for key in parts}
    return tuple(part for part in c102.parts if part.numeral in wanted)


def render_instrument(c102: C102, country: str, parts: Iterable[str], *, article3_declaration: bool = False,
                      signatory: str = "Minister for Foreign Affairs", signer: str = "[name]",
                      place: str = "[place]", date: str = "[date]") -> str:
    """The draft text; ValueError when the Parts do not satisfy Article 2 or a name is empty."""
    accepted = accepted_parts(c102, parts)
    gaps = article2_gaps([part.numeral for part in accepted], c102.article2)
    if gaps:
        raise ValueError(f"these Parts do not satisfy Article {c102.article2.article}: it also needs {'; '.join(gaps)}")
    if not country.strip() or not signatory.strip():
        raise ValueError("the country and the signatory must be named")
    info = c102.convention
    sections = [
        DRAFT_NOTE,
        f"INSTRUMENT OF RATIFICATION\n{info.title}",
        f"WHEREAS the General Conference of the International Labour Organisation adopted the {info.title} at its "
        f"{_ordinal(info.session)} Session, in {info.place}, on {info.adopted.day} {info.adopted:%B %Y};",
        f"NOW THEREFORE the Government of {country}, with the consent of its competent national authority, declares "
        "that it ratifies the said Convention and undertakes to observe it faithfully and to give effect to its "
        "provisions, in accordance with article 19, paragraph 5(d), of the Constitution of the International "
        "Labour Organisation.",
        f"In accordance with Article {c102.article2.article} of the Convention, {country} accepts the obligations "
        "of the following Parts:\n" + "\n".join(f"  Part {part.numeral} – {part.title}" for part in accepted) +
        "\ntogether with Part I, the relevant provisions of Parts XI, XII and XIII, and Part XIV.",
    ]
    if article3_declaration:
        sections.append(_declaration(country, accepted))
    sections.append(f"IN WITNESS WHEREOF this instrument is signed at {place} on {date}.\n\n"
                    f"______________________________\n{signer}\n{signatory} of {country}")
    return "\n\n".join(sections)


def _declaration(country: str, accepted: tuple[Part, ...]) -> str:
    exceptions = join_words([exception for part in accepted for exception in part.article3_exceptions], "and")
    return (f"DECLARATION UNDER ARTICLE 3\n{country}, whose economy and medical facilities are insufficiently "
            "developed, declares that it avails itself of the temporary exceptions provided for in Articles "
            f"{exceptions}. In each report under article 22 of the "
            "Constitution of the International Labour Organisation it will state whether the reasons for these "
            "exceptions still exist, or from which date it renounces them.")


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
