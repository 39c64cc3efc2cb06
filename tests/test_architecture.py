"""The directions of dependency (docs/architecture.md): edges -> domain -> data, never back.

`bot/` is the domain: it never imports an edge (`web`, `actions`, `channels`, `components`, `bench`) nor Rasa or
an HTTP server; inside it, each package imports only the packages below it. Read from the source with `ast`, so a
new import in the wrong direction fails here before anyone runs the bot.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT

BOT = PROJECT_ROOT / "bot"
EDGES = ("web", "actions", "channels", "components", "bench")
FORBIDDEN_IN_DOMAIN = (*EDGES, "rasa", "rasa_sdk", "aiohttp", "socketio")
# what each package of bot/ may import from bot/ (besides itself); cli is an edge that lives in bot/
ALLOWED: dict[str, set[str]] = {
    "config": set(),
    "plain_text": set(),
    "throttle": set(),  # failed attempts counted per client (codes, tokens)
    "language": set(),  # which of en/fr/es a message is in
    "knowledge": {"config"},
    "i18n": {"knowledge"},  # the answers' sentences in en/fr/es (gettext catalogs), figures and dates per locale
    "eligibility": {"knowledge"},
    "render": {"eligibility", "i18n", "knowledge"},
    "answers": {"i18n", "knowledge", "render"},
    "store": {"config"},
    "nlu": {"answers", "config", "knowledge", "language"},  # understanding is measured per Q&A topic
    "assessment": {"answers", "config", "eligibility", "i18n", "knowledge", "render", "store", "throttle"},  # en/fr/es
    "trainer": {"answers", "config", "i18n", "knowledge", "render", "store", "throttle"},  # CSV headers in en/fr/es
    "cli": {"answers", "assessment", "config", "eligibility", "i18n", "knowledge", "nlu", "render", "store",
            "trainer"},
}


def imported_modules(path: Path) -> set[str]:
    """Every module `path` imports (`from bot import x` counts as `bot.x`)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found |= ({f"bot.{alias.name}" for alias in node.names} if node.module == "bot" else {node.module})
    return found


def package_of(path: Path) -> str:
    """The package of bot/ a file belongs to: `bot/render/x.py` -> "render", `bot/config.py` -> "config"."""
    return path.relative_to(BOT).parts[0].removesuffix(".py")


def domain_files() -> list[Path]:
    return sorted(path for path in BOT.rglob("*.py") if "migrations" not in path.parts)


@pytest.mark.parametrize("path", domain_files(), ids=lambda path: str(path.relative_to(PROJECT_ROOT)))
def test_the_domain_imports_no_edge_and_only_the_packages_below_it(path: Path) -> None:
    package = package_of(path)
    if package == "__main__":
        package = "cli"
    wrong = []
    for module in imported_modules(path):
        top, _, rest = module.partition(".")
        if top in FORBIDDEN_IN_DOMAIN:
            wrong.append(module)
        elif top == "bot" and rest:
            target = rest.split(".")[0]
            if target != package and target not in ALLOWED.get(package, set()):
                wrong.append(module)
    assert not wrong, f"{path.relative_to(PROJECT_ROOT)} ({package}) must not import {', '.join(sorted(wrong))}"


def test_every_package_of_the_domain_has_its_rule() -> None:
    packages = {package_of(path) for path in domain_files()} - {"__init__", "__main__"}
    assert packages == set(ALLOWED), "add the new package of bot/ to ALLOWED, with what it may import"


def test_an_import_in_the_wrong_direction_is_found(tmp_path: Path) -> None:
    wrong = tmp_path / "x.py"
    wrong.write_text("from bot import assessment\nimport web.app\nfrom rasa_sdk import Action\n", encoding="utf-8")
    assert imported_modules(wrong) == {"bot.assessment", "web.app", "rasa_sdk"}
