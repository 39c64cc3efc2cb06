"""A draft instrument of ratification of C102, in our own words, for a country and the Parts it accepts.

The instrument must identify the Convention, be an original signed by someone with authority to bind the State
(for example the Head of State, the Prime Minister, the Minister for Foreign Affairs or the Minister of Labour),
express the will to be bound and to apply the Convention faithfully, and, for C102, name the Parts accepted
(Art. 2) with any Article 3 declaration attached (reference: ratification-procedure.md, section 4). The ILO's
toolkit has model instruments; this draft is a starting point, not a substitute.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.eligibility.article2 import Article2Verdict, article2_gaps, parts_verdict
from bot.i18n import N_, Translator, translator
from bot.knowledge.c102 import C102, Part, join_words
from bot.knowledge.countries import CountryPhrase, phrase
from bot.knowledge.text import DEFAULT_LANGUAGE, in_language
from bot.render.assessment import parts_words
from bot.render.words import in_words

SIGNATORIES = ("Head of State", "Prime Minister", "Minister for Foreign Affairs", "Minister of Labour")
DRAFT_NOTE = N_("DRAFT for discussion: check it against the ILO's model instrument and the national procedure "
                "before signature; the signed original goes to the ILO Director-General.")
FOREIGN_MINISTER = N_("Minister for Foreign Affairs")
BLANKS = {"signer": N_("[name]"), "place": N_("[place]"), "date": N_("[date]")}
_TITLE = N_("INSTRUMENT OF RATIFICATION\n{title}")
_WHEREAS = N_("WHEREAS the General Conference of the International Labour Organisation adopted the {title} at its "
              "{session} Session, in {place}, on {date};")
_THEREFORE = N_("NOW THEREFORE the Government of {country}, with the consent of its competent national authority, "
                "declares that it ratifies the said Convention and undertakes to observe it faithfully and to give "
                "effect to its provisions, in accordance with article 19, paragraph 5(d), of the Constitution of the "
                "International Labour Organisation.")
_ACCEPTS = N_("In accordance with Article {article} of the Convention, {country} accepts the obligations of the "
              "following Parts:")
_TOGETHER = N_("together with Part I, the relevant provisions of Parts XI, XII and XIII, and Part XIV.")
_PART = N_("Part {numeral} – {title}")
_WITNESS = N_("IN WITNESS WHEREOF this instrument is signed at {place} on {date}.")
_SIGNATORY = N_("{signatory} of {country}")
_DECLARATION = N_("DECLARATION UNDER ARTICLE 3\n{country}, whose economy and medical facilities are insufficiently "
                  "developed, declares that it avails itself of the temporary exceptions provided for in Articles "
                  "{exceptions}. In each report under article 22 of the Constitution of the International Labour "
                  "Organisation it will state whether the reasons for these exceptions still exist, or from which "
                  "date it renounces them.")
_TO_SATISFY = N_("To satisfy it, add {missing}.")
ENGLISH = translator()


def accepted_parts(c102: C102, parts: Iterable[str]) -> tuple[Part, ...]:
    """The Parts named by numeral or branch id, in the Convention's order; KeyError for an unknown one."""
    wanted = {c102.part(key).numeral for key in parts}
    return tuple(part for part in c102.parts if part.numeral in wanted)


def _article2_verdict(c102: C102, parts: Iterable[str]) -> Article2Verdict:
    return parts_verdict([part.numeral for part in accepted_parts(c102, parts)], c102.article2)


def article2_shortfall(c102: C102, parts: Iterable[str], t: Translator = ENGLISH) -> str | None:
    """Why the Parts named (numerals or branch ids) cannot be a ratification under Article 2, and what they would
    need; None when they can."""
    rule, verdict = c102.article2, _article2_verdict(c102, parts)
    if verdict.ratifiable:
        return None
    # one text in English, two in French and Spanish: the article before "Part V" or "Parts V and VI"
    short = t.ngettext("I can't draft the instrument for {parts}: Article {article} of C102 requires accepting at "
                       "least {count} Parts, one of them among Parts {key}.",
                       "I can't draft the instrument for {parts}: Article {article} of C102 requires accepting at "
                       "least {count} Parts, one of them among Parts {key}.", len(verdict.acceptable_parts)).format(
        parts=parts_words(verdict.acceptable_parts, t), article=rule.article, count=t.number(rule.min_parts),
        key=join_words(rule.one_of, "or", t.lang))
    return f"{short} {t.gettext(_TO_SATISFY).format(missing=in_words(verdict.missing, t))}"


def article2_answer(c102: C102, parts: Iterable[str], t: Translator = ENGLISH) -> str:
    """Whether the Parts named (numerals or branch ids) are enough for Article 2, for "we'd accept Parts II, V and VI:
    is that enough?": the rule, and what they lack if anything. Meeting each Part is another matter (the check)."""
    rule, verdict = c102.article2, _article2_verdict(c102, parts)
    named = parts_words(verdict.acceptable_parts, t)
    required = t.gettext("Article {article} of C102 requires accepting at least {count} Parts, one of them among Parts "
                         "{key}.").format(article=rule.article, count=t.number(rule.min_parts),
                                          key=join_words(rule.one_of, "or", t.lang))
    count = len(verdict.acceptable_parts)
    if verdict.ratifiable:
        return " ".join((t.ngettext("{parts}: enough to ratify.", "{parts}: enough to ratify.", count).format(
                             parts=named), required,
                         t.gettext("Each Part accepted must also be met in law and practice: the eligibility check "
                                   "compares your scheme with them.")))
    return " ".join((t.ngettext("{parts}: not enough to ratify.", "{parts}: not enough to ratify.", count).format(
                         parts=named), required, t.gettext(_TO_SATISFY).format(missing=in_words(verdict.missing, t))))


def render_instrument(c102: C102, country: str, parts: Iterable[str], *, article3_declaration: bool = False,
                      signatory: str = FOREIGN_MINISTER, signer: str = BLANKS["signer"],
                      place: str = BLANKS["place"], date: str = BLANKS["date"], t: Translator = ENGLISH) -> str:
    """The draft text in `t`'s language; ValueError when the Parts do not satisfy Article 2 or a name is empty.
    `country` is best the knowledge base's `CountryName`, which French sentences place ("du Maroc")."""
    accepted = accepted_parts(c102, parts)
    gaps = article2_gaps([part.numeral for part in accepted], c102.article2)
    if gaps:
        raise ValueError(f"these Parts do not satisfy Article {c102.article2.article}: it also needs {'; '.join(gaps)}")
    if not country.strip() or not signatory.strip():
        raise ValueError("the country and the signatory must be named")
    state, info = phrase(country, t.lang), c102.convention
    title = in_language(info.title, t.lang)
    adopted = f"{info.adopted.day} {info.adopted:%B %Y}" if t.lang == DEFAULT_LANGUAGE else t.format_day(info.adopted)
    lines = [f"  {t.gettext(_PART).format(numeral=part.numeral, title=in_language(part.title, t.lang))}"
             for part in accepted]
    sections = [
        t.gettext(DRAFT_NOTE),
        t.gettext(_TITLE).format(title=title),
        t.gettext(_WHEREAS).format(title=title, session=t.ordinal(info.session), place=in_language(info.place, t.lang),
                                   date=adopted),
        t.gettext(_THEREFORE).format(country=state),
        "\n".join([t.gettext(_ACCEPTS).format(article=c102.article2.article, country=state), *lines,
                   t.gettext(_TOGETHER)]),
    ]
    if article3_declaration:
        sections.append(_declaration(state, accepted, t))
    sections.append(f"{t.gettext(_WITNESS).format(place=t.gettext(place), date=t.gettext(date))}\n\n"
                    f"______________________________\n{t.gettext(signer)}\n"
                    f"{t.gettext(_SIGNATORY).format(signatory=t.gettext(signatory), country=state)}")
    return "\n\n".join(sections)


def _declaration(country: CountryPhrase, accepted: tuple[Part, ...], t: Translator) -> str:
    exceptions = join_words([exception for part in accepted for exception in part.article3_exceptions], "and",
                            t.lang)
    return t.gettext(_DECLARATION).format(country=country, exceptions=exceptions)

