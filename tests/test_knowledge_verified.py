"""Every C102 figure and fact in data/knowledge/ is verified against the Convention's text.

The reference (checked against a complete copy of C102) confirms every row, so the knowledge base must not mark a
figure the eligibility engine uses, or any statement citing C102, as unconfirmed: the caveat "[not confirmed in our
sources]" stays for the other instruments only (e.g. the C121 and C130 60% rates). The only exception is the
transmission to the UN Secretary-General (C102 Arts 80-81), which the reference still lists as unverified.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

from bot import knowledge
from bot.knowledge.c102 import C102, Rule
from bot.knowledge.facts import Fact

KB = knowledge.load()
#: C102 statements the reference does not confirm (ratification-procedure.md: Arts 80-81 unverified)
STILL_UNCONFIRMED = ("C102 Arts 80-81",)


def facts_in(value: object, path: str) -> Iterator[tuple[str, Fact]]:
    """Every `Fact` reachable from `value` (dataclasses, tuples, lists, mappings), with where it was found."""
    if isinstance(value, Fact):
        yield path, value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from facts_in(getattr(value, field.name), f"{path}.{field.name}")
    elif isinstance(value, tuple | list):
        for index, item in enumerate(value):
            yield from facts_in(item, f"{path}[{index}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from facts_in(item, f"{path}.{key}")


def engine_figures(c102: C102) -> Iterator[tuple[str, Rule | object]]:
    yield "article2", c102.article2
    yield "employee_share", c102.employee_share
    for row in c102.schedule:
        yield f"schedule.{row.id}", row
    for part in c102.parts:
        for rule in part.checks:
            yield f"{part.branch}.{rule.check}", rule


def unverified_c102_facts(kb: knowledge.Knowledge) -> list[str]:
    found = []
    for name in ("c102", "conventions", "procedure", "campaign"):
        for path, fact in facts_in(getattr(kb, name), name):
            cites_c102 = fact.article is not None and "C102" in fact.article
            if cites_c102 and not fact.verified and not fact.article.startswith(STILL_UNCONFIRMED):
                found.append(f"{path} ({fact.article})")
    return found


def test_every_figure_the_eligibility_engine_uses_is_verified():
    assert [name for name, item in engine_figures(KB.c102) if not item.verified] == []  # type: ignore[attr-defined]


def test_every_c102_fact_is_verified():
    assert unverified_c102_facts(KB) == []


def test_the_walk_finds_the_facts_it_should():
    """The checks above could pass by finding nothing: they see every C102 fact, and the unconfirmed others."""
    paths = [path for path, _ in facts_in(KB.c102, "c102")]
    assert len(paths) == len(KB.c102.general) + sum(len(part.facts) for part in KB.c102.parts)
    others = [fact for _, fact in facts_in(KB.conventions, "conventions") if not fact.verified]
    assert any("60%" in fact.text and fact.article == "C121 Schedule II" for fact in others)
    assert any(fact.article == "C102 Arts 80-81; ILO Constitution art. 20"
               for _, fact in facts_in(KB.procedure, "procedure") if not fact.verified)


@pytest.mark.parametrize("flip", ["schedule", "fact"])
def test_an_unverified_figure_or_fact_is_caught(flip):
    c102 = KB.c102
    if flip == "schedule":
        row = dataclasses.replace(c102.schedule[0], verified=False)
        changed = dataclasses.replace(c102, schedule=(row, *c102.schedule[1:]))
        assert [name for name, item in engine_figures(changed) if not item.verified] == ["schedule.sickness"]  # type: ignore[attr-defined]
    else:
        fact = dataclasses.replace(c102.general[0], verified=False)
        changed = dataclasses.replace(c102, general=(fact, *c102.general[1:]))
        assert unverified_c102_facts(dataclasses.replace(KB, c102=changed)) == [
            f"c102.general[0] ({fact.article})"]
