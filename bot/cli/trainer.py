"""`python -m bot trainer new "Workshop Nairobi" [--quiz 10]`, `trainer list`, `trainer close CODE`: trainer
sessions from the command line (the dashboard at /trainer does the same in the browser).

Bad input (an empty name, a quiz size out of range, an unknown code) exits with 2 and one line on stderr; an
unreachable database exits with 1.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from bot.config import dashboard_url, join_url
from bot.store import StoreUnavailable
from bot.trainer.quiz import DEFAULT_SIZE
from bot.trainer.service import TrainerInputError, TrainerService, default_trainer_service

BAD_INPUT = 2
NO_DATABASE = 1


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("trainer", help="trainer sessions: create, list, close")
    actions = parser.add_subparsers(dest="trainer_command", required=True)
    new = actions.add_parser("new", help="create a session with a quiz generated from the knowledge base")
    new.add_argument("name", help='the session\'s name, shown to participants, e.g. "Workshop Nairobi"')
    new.add_argument("--quiz", type=int, default=DEFAULT_SIZE, metavar="N",
                     help=f"number of quiz questions (default {DEFAULT_SIZE})")
    new.set_defaults(run=guarded(run_new))
    listing = actions.add_parser("list", help="every session, newest first")
    listing.set_defaults(run=guarded(run_list))
    close = actions.add_parser("close", help="close a session: no new participants (its data is kept)")
    close.add_argument("code", help="the session's join code")
    close.set_defaults(run=guarded(run_close))


def guarded(command: Callable[[argparse.Namespace, TrainerService], int]) -> Callable[[argparse.Namespace], int]:
    """The command on the configured service; an unreachable database is one line and exit status 1."""
    def run(args: argparse.Namespace) -> int:
        try:
            return command(args, default_trainer_service())
        except StoreUnavailable as exc:
            print(exc, file=sys.stderr)
            return NO_DATABASE
    return run


def run_new(args: argparse.Namespace, service: TrainerService) -> int:
    try:
        session = service.create(args.name, args.quiz)
    except TrainerInputError as exc:
        print(exc, file=sys.stderr)
        return BAD_INPUT
    print(f"Session “{session.name}” created with {len(session.quiz)} quiz questions.")
    print(f"  Join code:  {session.code}   (participants type: join {session.code})")
    print(f"  Join link:  {join_url(session.code)}")
    print(f"  Dashboard:  {dashboard_url(session.code)}   (asks for the trainer token, RATIFY_TRAINER_TOKEN)")
    return 0


def run_list(args: argparse.Namespace, service: TrainerService) -> int:
    sessions = service.sessions()
    if not sessions:
        print('No trainer sessions yet: python -m bot trainer new "Workshop Nairobi"')
    for session in sessions:
        print(f"{session.code}  {session.status:<6}  {session.created_at:%Y-%m-%d %H:%M}  {session.name}")
    return 0


def run_close(args: argparse.Namespace, service: TrainerService) -> int:
    session = service.close(args.code)
    if session is None:
        print(f"no training session with the code '{args.code}'", file=sys.stderr)
        return BAD_INPUT
    print(f"Session “{session.name}” ({session.code}) is closed: no new participants; its data is kept.")
    return 0
