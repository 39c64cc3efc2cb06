"""The C102 ratification procedure step by step (`procedure.yml`).

Steps carry an `order`, so "what comes next?" can walk through them, and a `next_step` flag: the path a country
considering C102 today follows (submission to the competent authorities happened long ago for C102, and the
optional later events such as denunciation are not on that path). Each step also lists `names`, the words users
type for it, from which the NLU pipeline builds its `procedure_step` entity patterns; a name belongs to one step only.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.knowledge.facts import Entry, count_unverified, parse_entry, plural, unique_ids, whole_number
from bot.knowledge.reader import Node, unique
from bot.knowledge.text import Text

FILE = "procedure.yml"
PHASES = ("before_ratification", "ratification", "after_ratification", "later", "support")
_STEP_KEYS = ("order", "phase", "next_step", "deadline", "names")


@dataclass(frozen=True, kw_only=True)
class Step(Entry):
    order: int
    phase: str
    next_step: bool
    names: tuple[str, ...]
    deadline: Text | None = None

    @property
    def basis(self) -> str | None:
        """The legal basis (stored as the fact's `article`)."""
        return self.article


@dataclass(frozen=True)
class Procedure:
    steps: tuple[Step, ...]

    def step(self, ident: str) -> Step:
        for step in self.steps:
            if step.id == ident:
                return step
        raise KeyError(ident)

    def next_steps(self) -> tuple[Step, ...]:
        """The steps a country considering C102 today goes through, in order."""
        return tuple(step for step in self.steps if step.next_step)

    def names(self) -> dict[str, str]:
        """Every name users may type for a step, mapped to its step id (for the spaCy EntityRuler)."""
        return {name: step.id for step in self.steps for name in step.names}

    def after(self, ident: str) -> Step | None:
        """The step that follows `ident`: along the next-steps path when `ident` is on it, otherwise in the full
        list. None at the end."""
        current = self.step(ident)
        path = self.next_steps() if current.next_step else self.steps
        index = path.index(current)
        return path[index + 1] if index + 1 < len(path) else None

    def summary(self) -> str:
        return (f"{plural(len(self.steps), 'step')} ({len(self.next_steps())} for a new ratification), "
                f"{plural(count_unverified(self.steps), 'unverified fact')}")


def parse(doc: Node) -> Procedure:
    doc.only_keys(("steps",))
    nodes = list(doc.items("steps"))
    if not nodes:
        raise doc.child("steps").error("must list at least one step")
    unique_ids(nodes, "step id")
    steps = tuple(_step(node) for node in nodes)
    _check_names(nodes)
    for index in range(1, len(steps)):
        previous, step, node = steps[index - 1], steps[index], nodes[index]
        if step.order <= previous.order:
            raise node.child("order").error(f"steps must be listed in increasing order: {step.order} comes after "
                                            f"{previous.order} ('{previous.id}')")
    if not any(step.next_step for step in steps):
        raise doc.child("steps").error("no step is marked 'next_step: true'")
    return Procedure(steps=steps)


def _step(node: Node) -> Step:
    return parse_entry(
        node, Step, extra_keys=_STEP_KEYS,
        order=whole_number(node, "order", minimum=1),
        phase=node.choice("phase", PHASES),
        next_step=node.get("next_step", bool),
        names=_names(node),
        deadline=node.opt_prose("deadline"),
    )


def _names(node: Node) -> tuple[str, ...]:
    names = node.strings("names")
    if not names:
        raise node.child("names").error("must list at least one name")
    return tuple(names)


def _check_names(nodes: list[Node]) -> None:
    """A name (compared without case or extra spaces) may lead to one step only."""
    unique(((item, " ".join(item.expect(str).casefold().split())) for node in nodes for item in node.items("names")),
           "step name")
