"""Build the project's own spaCy pipeline (blank English + EntityRuler) from the knowledge base.

The pipeline is written to `var/spacy/ratify_en` and installed from there as the package Rasa's `SpacyNLP` loads
(`bot.nlu.spacy_package`); `SpacyEntityExtractor` surfaces what the EntityRuler finds (countries, Conventions,
branches, aspects), and `EntitySynonymMapper` turns the words the user typed into canonical ids (`old_age`,
`C102`, `MA`) using the synonym file written beside the NLU data.
Nothing is downloaded: the vocabulary comes from `data/knowledge/` only. Both outputs carry the knowledge
base's fingerprint, so `build()` does nothing when the knowledge base has not changed.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from bot import knowledge
from bot.config import PROJECT_ROOT, var_dir
from bot.knowledge.text import every_language

if TYPE_CHECKING:
    from spacy.language import Language

YEAR_PATTERN = {"label": "year", "pattern": [{"TEXT": {"REGEX": r"^(19[5-9]\d|20\d\d)$"}}]}
FINGERPRINT_FILE = "knowledge.sha256"


@dataclass(frozen=True)
class EntityName:
    """One way of naming an entity: `label` (the Rasa entity), `value` (canonical id), `text` (what users type)."""

    label: str
    value: str
    text: str


class _BlockDumper(yaml.SafeDumper):
    """Writes multi-line texts as `|` blocks, the way Rasa's own NLU files look."""


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None)


_BlockDumper.add_representer(str, _represent_text)


def pipeline_dir() -> Path:
    return var_dir() / "spacy" / "ratify_en"


def generated_dir() -> Path:
    return PROJECT_ROOT / "data" / "nlu" / "generated"


def annotated_nlu_files() -> list[Path]:
    """The hand-written NLU files, in every language's sub-folder too (data/nlu/fr/, data/nlu/es/); the
    generated ones carry no examples."""
    return sorted(path for path in (PROJECT_ROOT / "data" / "nlu").rglob("*.yml")
                  if generated_dir() not in path.parents)


def load_pipeline() -> Language:
    import spacy

    return spacy.load(pipeline_dir())


def synonyms_file() -> Path:
    return generated_dir() / "entity_synonyms.yml"


def lookups_file() -> Path:
    return generated_dir() / "entity_lookups.yml"


#: How French and Spanish cite an instrument by its number, besides the names in conventions.yml.
NUMBERED_NAMES = {
    "convention": ("Convention n° {number}", "Convention n°{number}", "Convention no {number}",
                   "Convention numéro {number}", "Convenio núm. {number}", "Convenio núm {number}",
                   "Convenio número {number}", "Convenio n.º {number}", "Convenio {number}"),
    "recommendation": ("Recommandation n° {number}", "Recommandation n°{number}", "Recommandation {number}",
                       "Recomendación núm. {number}", "Recomendación número {number}", "Recomendación {number}"),
}


def entity_names(kb: knowledge.Knowledge) -> list[EntityName]:
    """Every name the EntityRuler should recognise, in English, French and Spanish, with the canonical id it
    stands for; each name is also recognised without its accents, all or some of them ("Senegal", "periodo de
    calificacion", "años de cotizacion")."""
    names: list[EntityName] = []
    for state in (*kb.countries.members, *kb.countries.former):
        names += [EntityName("country", state.code, text) for text in state.names]
    names += [EntityName("region", str(region), text) for text, region in kb.countries.region_labels.items()]
    for part in kb.c102.parts:
        names += [EntityName("branch", part.branch, text) for text in (*every_language(part.title), *part.synonyms)]
    for aspect in kb.c102.aspects:
        names += [EntityName("aspect", aspect.id, text)
                  for text in (*every_language(aspect.label), *aspect.synonyms)]
    for step in kb.procedure.steps:
        names += [EntityName("procedure_step", step.id, text) for text in step.names]
    for instrument in kb.conventions.instruments:
        numbered = [form.format(number=instrument.number) for form in NUMBERED_NAMES[instrument.kind]]
        names += [EntityName("convention", instrument.id, text)
                  for text in (instrument.id, *instrument.names, *numbered)]
    return entity_names_checked(variant for name in names for variant in without_accents(name))


def without_accents(name: EntityName) -> list[EntityName]:
    """The name as written, then every way of leaving out its accents word by word: users often leave out all of
    them ("periodo de calificacion") or some ("período de calificacion"), and many keep "ñ" and "ç", which have
    keys of their own on Spanish and French keyboards, while dropping the rest ("años de cotizacion")."""
    spellings = [dict.fromkeys((word, _accents_dropped(word, keep=KEYBOARD_LETTERS), _accents_dropped(word)))
                 for word in name.text.split(" ")]
    texts = dict.fromkeys(" ".join(words) for words in itertools.product(*spellings))
    return [EntityName(name.label, name.value, text) for text in texts]


#: Accented letters with a key of their own on Spanish and French keyboards.
KEYBOARD_LETTERS = frozenset("ñÑçÇ")


def _accents_dropped(word: str, keep: frozenset[str] = frozenset()) -> str:
    """`word` without its accents, but for the letters in `keep` ("Perú" -> "Peru", "años" -> "anos")."""
    return "".join(char if char in keep else
                   "".join(part for part in unicodedata.normalize("NFKD", char) if not unicodedata.combining(part))
                   for char in unicodedata.normalize("NFC", word))


def entity_names_checked(names: Iterable[EntityName]) -> list[EntityName]:
    """Drop exact duplicates; a text naming two different things is a knowledge-base error."""
    seen: dict[str, EntityName] = {}
    for name in names:
        key = name.text.casefold()
        previous = seen.get(key)
        if previous and (previous.label, previous.value) != (name.label, name.value):
            raise ValueError(
                f"'{name.text}' names both {previous.label} {previous.value} and {name.label} {name.value}"
            )
        seen.setdefault(key, name)
    return list(seen.values())


def _is_acronym(text: str) -> bool:
    """Short upper-case names ("US", "UK", "DRC") must match case-sensitively: "us" is a pronoun."""
    return bool(re.fullmatch(r"[A-Z]{2,4}", text))


def ruler_patterns(names: Iterable[EntityName]) -> list[dict]:
    patterns = []
    for name in names:
        if _is_acronym(name.text):
            patterns.append({"label": name.label, "id": name.value, "pattern": [{"ORTH": name.text}]})
        else:
            patterns.append({"label": name.label, "id": name.value, "pattern": name.text})
    return patterns


def synonym_training_data(names: Iterable[EntityName]) -> dict:
    """Rasa NLU `synonym` entries mapping every lower-cased name to its canonical id."""
    by_value: dict[str, set[str]] = {}
    for name in names:
        if name.text.casefold() != name.value.casefold():
            by_value.setdefault(name.value, set()).add(name.text.lower())
    return _nlu_entries("synonym", by_value)


def lookup_training_data(names: Iterable[EntityName]) -> dict:
    """Rasa NLU lookup tables, one per entity label, read by the intent classifier (components/linear_intent.py).

    They give the intent classifier a feature "this word is a country / a Convention / a branch", so "has
    Ghana ratified?" looks like "has Morocco ratified?" even when Ghana never appears in the examples.
    Acronyms are left out: the featurizer matches without case, and "us" or "it" are not countries.
    """
    by_label: dict[str, set[str]] = {}
    for name in names:
        if not _is_acronym(name.text):
            by_label.setdefault(name.label, set()).add(name.text.lower())
    return _nlu_entries("lookup", by_label)


def _nlu_entries(kind: str, groups: dict[str, set[str]]) -> dict:
    """A Rasa NLU file of `kind` entries ("synonym", "lookup"), one per group, its texts sorted."""
    return {
        "version": "3.1",
        "nlu": [
            {kind: key, "examples": "".join(f"- {text}\n" for text in sorted(texts))}
            for key, texts in sorted(groups.items())
        ],
    }


def make_pipeline(names: Iterable[EntityName]) -> Language:
    """Blank English with an EntityRuler that knows every name (case-insensitive but for acronyms) and years."""
    import spacy  # only building needs spaCy (and, through thinc, TensorFlow): the rest of `bot` imports without it

    nlp = spacy.blank("en")
    _split_french_elisions(nlp)
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True})
    ruler.add_patterns([*ruler_patterns(names), YEAR_PATTERN])
    return nlp


#: French elided articles and pronouns ("l'", "d'", "qu'"...) before a letter: "d'Afrique" is "d'" + "Afrique".
FRENCH_ELISION = r"(?:[cdjlmnstCDJLMNST]|[qQ][uU])['’](?=[^\W\d_])"


def _split_french_elisions(nlp: Language) -> None:
    """Let the tokenizer cut "l'invalidité" into "l'" and "invalidité", so names after an elision are found (the
    rule is saved with the pipeline)."""
    from spacy.util import compile_prefix_regex

    nlp.tokenizer.prefix_search = compile_prefix_regex([*nlp.Defaults.prefixes, FRENCH_ELISION]).search


def knowledge_fingerprint(directory: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(directory.glob("*.yml")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()


def build(directory: Path | None = None, force: bool = False) -> bool:
    """Write the pipeline and the synonym file when the knowledge base changed; True when something was built."""
    directory = Path(directory or knowledge.knowledge_dir())
    fingerprint = knowledge_fingerprint(directory)
    stamp = pipeline_dir() / FINGERPRINT_FILE
    outputs_exist = synonyms_file().exists() and lookups_file().exists() and stamp.exists()
    if not force and outputs_exist and stamp.read_text() == fingerprint:
        return False

    names = entity_names(knowledge.load_from(directory))
    pipeline_dir().parent.mkdir(parents=True, exist_ok=True)
    make_pipeline(names).to_disk(pipeline_dir())

    generated_dir().mkdir(parents=True, exist_ok=True)
    _write_training_data(synonyms_file(), synonym_training_data(names))
    _write_training_data(lookups_file(), lookup_training_data(names))
    stamp.write_text(fingerprint)
    return True


def _write_training_data(path: Path, data: dict) -> None:
    header = "# Generated by `python -m bot nlp build` from data/knowledge/: do not edit.\n"
    body = yaml.dump(data, Dumper=_BlockDumper, sort_keys=False, allow_unicode=True)
    path.write_text(header + body, encoding="utf-8")
