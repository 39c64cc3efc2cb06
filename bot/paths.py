"""Where the project keeps its files; every location can be moved with an environment variable."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def knowledge_dir() -> Path:
    """The YAML knowledge base (`RATIFY_KNOWLEDGE_DIR` overrides, e.g. for tests)."""
    return Path(os.environ.get("RATIFY_KNOWLEDGE_DIR", PROJECT_ROOT / "data" / "knowledge"))


def var_dir() -> Path:
    """Run-time state: SQLite databases, logs, the built spaCy pipeline (`RATIFY_VAR_DIR` overrides)."""
    return Path(os.environ.get("RATIFY_VAR_DIR", PROJECT_ROOT / "var"))
