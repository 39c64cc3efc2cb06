"""`python -m bot nlp build`: (re)build the spaCy pipeline and entity synonyms from the knowledge base."""

from __future__ import annotations

import argparse

from bot import nlp


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("nlp", help="the project's spaCy pipeline")
    actions = parser.add_subparsers(dest="nlp_command", required=True)
    build = actions.add_parser("build", help="build it from data/knowledge (only when the knowledge changed)")
    build.add_argument("--force", action="store_true", help="rebuild even when nothing changed")
    build.set_defaults(run=run_build)


def run_build(args: argparse.Namespace) -> int:
    built = nlp.build(force=args.force)
    state = "built" if built else "up to date"
    print(f"spaCy pipeline {state}: {nlp.pipeline_dir()} (synonyms: {nlp.synonyms_file()})")
    return 0
