"""SECURITY.md's dependency tables against requirements.lock.

The tables say which pins stay behind and which minimum versions no pin may fall below; they are only worth
something while they match the lock, so a regenerated lock that moves a held-back package, or that brings back a
release with a fixed advisory, fails here until SECURITY.md says so.
"""

from __future__ import annotations

import re

import pytest
from packaging.version import Version

from bot.config import PROJECT_ROOT

NOT_LOCKED = "not in the lock"  # how a row marks a package that `pip freeze` leaves out (setuptools, wheel)


def normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked() -> dict[str, str]:
    """requirements.lock as {normalised name: version}."""
    pins = {}
    for line in (PROJECT_ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            pins[normalised(name)] = version.strip()
    return pins


def table(heading: str) -> list[dict[str, str]]:
    """The rows of the first table under `### heading` in SECURITY.md, keyed by the table's header."""
    text = (PROJECT_ROOT / "SECURITY.md").read_text(encoding="utf-8")
    section = text.split(f"\n### {heading}\n", 1)[1]
    lines = [line for line in section.split("\n### ", 1)[0].splitlines() if line.startswith("|")]
    cells = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]
    header, rows = cells[0], cells[2:]
    return [dict(zip(header, row, strict=True)) for row in rows]


HELD_BACK = table("Held back, with published advisories") + table("Held back, no advisory known for the pinned version")
MINIMUMS = table("Minimum versions")


def test_the_tables_are_read():
    assert len(HELD_BACK) > 50
    assert len(MINIMUMS) > 10
    names = [normalised(row["package"]) for row in HELD_BACK]
    assert len(names) == len(set(names)), "a package is listed twice as held back"


@pytest.mark.parametrize("row", HELD_BACK, ids=lambda row: row["package"])
def test_held_back_versions_are_the_locked_ones(row: dict[str, str]):
    pins = locked()
    name, pinned = normalised(row["package"]), row["pinned"]
    if NOT_LOCKED in pinned:
        assert name not in pins, f"{name} is in requirements.lock now: give its pinned version in SECURITY.md"
    else:
        assert pins.get(name) == pinned, f"SECURITY.md says {name} {pinned}, requirements.lock {pins.get(name)}"


@pytest.mark.parametrize("row", MINIMUMS, ids=lambda row: row["package"])
def test_no_pin_below_its_minimum(row: dict[str, str]):
    name = normalised(row["package"])
    pinned = locked().get(name)
    assert pinned is not None, f"{name} has a minimum in SECURITY.md but no pin in requirements.lock"
    assert Version(pinned) >= Version(row["at least"]), f"{name} {pinned} is below {row['at least']}: {row}"
