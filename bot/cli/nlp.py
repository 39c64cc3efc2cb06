"""`python -m bot nlp build`: (re)build the spaCy pipeline, entity synonyms and lookups from the knowledge base and
install the pipeline as the package config.yml names;
`python -m bot nlp report DIR`: the figures of an NLU evaluation, overall and per language (written to
DIR/per_language_report.json), and language detection on tests/langid."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from bot.nlu import entities as nlu_entities
from bot.nlu import per_language, pipeline, spacy_package
from bot.nlu import report as nlu_report


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("nlp", help="the project's spaCy pipeline")
    actions = parser.add_subparsers(dest="nlp_command", required=True)
    build = actions.add_parser("build", help="build it from data/knowledge and install it (when the knowledge changed)")
    build.add_argument("--force", action="store_true", help="rebuild even when nothing changed")
    build.set_defaults(run=run_build)
    report = actions.add_parser(
        "report", help="the figures of `rasa test nlu --out DIR` (make nlu-report), overall and per language")
    report.add_argument("directory", type=Path, help="the folder Rasa wrote its reports to")
    report.add_argument("--json", action="store_true", help="the figures as JSON")
    report.add_argument("--langid", type=Path, default=per_language.LANGID_DIR,
                        help="the messages to tell the language of (en.txt, fr.txt, es.txt, neutral.txt)")
    report.set_defaults(run=run_report)
    entities = actions.add_parser("entities", help="the EntityRuler measured against data/nlu's annotations")
    entities.add_argument("--out", type=Path, help="also write the report (JSON) into this folder")
    entities.set_defaults(run=run_entities)
    annotate = actions.add_parser("annotate", help="mark the entities the ruler finds in data/nlu")
    annotate.set_defaults(run=run_annotate)


def run_build(args: argparse.Namespace) -> int:
    built = pipeline.build(force=args.force)
    state = "built" if built else "up to date"
    print(f"spaCy pipeline {state}: {pipeline.pipeline_dir()} (synonyms: {pipeline.synonyms_file()})")
    installed = spacy_package.install(pipeline.pipeline_dir(), force=args.force)
    print(f"spaCy package {spacy_package.PACKAGE} {'installed' if installed else 'up to date'}")
    return 0


def run_report(args: argparse.Namespace) -> int:
    try:
        figures = nlu_report.read(args.directory)
    except FileNotFoundError as missing:
        print(f"no NLU evaluation there: {missing.filename} is missing (run `make nlu-report`)", file=sys.stderr)
        return 2
    by_language = per_language.measure(args.directory, per_language.told_by_the_bot, args.langid)
    per_language.write(args.directory, by_language)
    if args.json:
        print(json.dumps({**asdict(figures), "per_language": asdict(by_language)}, indent=2, ensure_ascii=False))
    else:
        print(nlu_report.as_text(figures), per_language.as_text(by_language), sep="\n")
    return 0


def run_annotate(args: argparse.Namespace) -> int:
    """Mark in every example the entities the ruler finds there and no annotation covers yet; files rewritten in
    place, line by line (nothing else of them changes)."""
    pipeline.build()
    spacy_pipeline = pipeline.load_pipeline()
    changed = 0
    for path in pipeline.annotated_nlu_files():
        lines = path.read_text(encoding="utf-8").split("\n")
        wanted = {example for example in nlu_entities.raw_examples_in([path])}
        for index, line in enumerate(lines):
            head, dash, body = line.partition("- ")
            if not dash or head.strip() or body not in wanted:
                continue
            example = nlu_entities.parse_example(body)
            found = [(e.start_char, e.end_char, e.label_) for e in spacy_pipeline(example.text).ents]
            new = nlu_entities.annotated(example, found)
            if new != body:
                lines[index], changed = f"{head}{dash}{new}", changed + 1
        path.write_text("\n".join(lines), encoding="utf-8")
    print(f"annotated {changed} examples")
    return 0


def run_entities(args: argparse.Namespace) -> int:
    pipeline.build()
    examples = list(nlu_entities.examples_in(pipeline.annotated_nlu_files()))
    spacy_pipeline = pipeline.load_pipeline()
    found = [frozenset((e.start_char, e.end_char, e.label_) for e in doc.ents)
             for doc in spacy_pipeline.pipe(example.text for example in examples)]
    report = nlu_entities.evaluate(examples, found)
    for label, score in report.items():
        print(f"{label:16s} precision {score.precision:.3f} recall {score.recall:.3f} F1 {score.f1:.3f} "
              f"({score.support} annotated)")
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        body = {label: {"precision": s.precision, "recall": s.recall, "f1-score": s.f1, "support": s.support}
                for label, s in report.items()}
        (args.out / nlu_report.ENTITY_REPORT).write_text(json.dumps(body, indent=2), encoding="utf-8")
    return 0
