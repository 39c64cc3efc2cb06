"""The knowledge base against the reference material it was written from (outside this repository).

Not part of `make test`: the project stands on its own. A maintainer runs these after the reference changes,
`make check-reference REFERENCE=path/to/reference` (the folder with c102-ratifications.csv and seeds/); without
`RATIFY_REFERENCE_DIR` every test here is skipped.
"""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path

import pytest

from bot import knowledge
from bot.config import PROJECT_ROOT
from bot.knowledge.countries import Countries

pytestmark = pytest.mark.reference
DATA = PROJECT_ROOT / "data" / "knowledge"
REFERENCE = Path(os.environ["RATIFY_REFERENCE_DIR"]) if os.environ.get("RATIFY_REFERENCE_DIR") else None


def reference_file(name: str) -> Path:
    if REFERENCE is None or not (REFERENCE / name).exists():
        pytest.skip(f"set RATIFY_REFERENCE_DIR to the reference folder holding {name}")
    return REFERENCE / name


def csv_rows() -> list[dict[str, str]]:
    with reference_file("c102-ratifications.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def csv_code(countries: Countries, name: str) -> str:
    """"Türkiye (Turkey)" and "Yugoslavia (former; …)" are looked up without their parenthesis."""
    state = countries.find(name) or countries.find(re.sub(r"\s*\(.*\)$", "", name))
    assert state is not None, f"CSV country {name!r} not found in countries.yml"
    return state.code


def test_exactly_the_csv_rows() -> None:
    kb = knowledge.load()
    rows = csv_rows()
    assert kb.ratifications.count == len(kb.ratifications.records) == len(rows)
    assert {csv_code(kb.countries, row["country"]) for row in rows} == {r.country for r in kb.ratifications.records}


def test_every_csv_row_with_the_same_precision_parts_and_sources() -> None:
    kb = knowledge.load()
    for row in csv_rows():
        record = kb.ratifications.get(csv_code(kb.countries, row["country"]))
        assert record is not None, row["country"]
        assert (str(record.ratified_on) if record.ratified_on else "") == row["ratified_on"], row["country"]
        assert record.parts_accepted == (tuple(row["parts_accepted"].split()) or None), row["country"]
        assert record.article3_declaration == (True if row["article3_declaration"] == "yes" else None)
        assert record.date_source == row["date_source"], row["country"]
        assert record.parts_source == (row["parts_source"] or None), row["country"]
        assert record.former == row["country"].startswith(("Yugoslavia", "Czechoslovakia")), row["country"]


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.casefold())


@pytest.mark.parametrize("name", ["campaign.yml", "conventions.yml", "procedure.yml"])
def test_written_in_our_own_words(name: str) -> None:
    """No run of ten words from the seed documents appears in the knowledge base."""
    size = 10
    seed_runs: set[tuple[str, ...]] = set()
    for seed in reference_file("seeds").glob("*.txt"):
        words = _words(seed.read_text(encoding="utf-8"))
        seed_runs |= {tuple(words[i:i + size]) for i in range(len(words) - size + 1)}
    ours = _words((DATA / name).read_text(encoding="utf-8"))
    copied = [" ".join(ours[i:i + size]) for i in range(len(ours) - size + 1) if tuple(ours[i:i + size]) in seed_runs]
    assert not copied, f"{name} repeats the seed documents: {copied[:3]}"
