"""The spaCy pipeline as a package: config.yml names it, the wheel carries the pipeline and its fingerprint, and it is
reinstalled only when the knowledge base changed."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from bot.config import PROJECT_ROOT
from bot.nlu import spacy_package
from bot.nlu.pipeline import FINGERPRINT_FILE, make_pipeline


def test_config_loads_the_pipeline_by_its_package_name():
    config = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text())
    spacy_nlp = next(component for component in config["pipeline"] if component["name"] == "SpacyNLP")
    assert spacy_nlp["model"] == spacy_package.PACKAGE


@pytest.fixture
def pipeline_dir(tmp_path) -> Path:
    """A small pipeline as `bot.nlu.pipeline.build()` leaves it: the spaCy files and the fingerprint."""
    directory = tmp_path / "spacy" / "ratify_en"
    directory.parent.mkdir()
    make_pipeline([]).to_disk(directory)
    (directory / FINGERPRINT_FILE).write_text("kb-state-2")
    return directory


def test_the_wheel_holds_the_pipeline_and_its_fingerprint_under_the_package_name(pipeline_dir, tmp_path):
    wheel = spacy_package.build_wheel(pipeline_dir, tmp_path / "dist")
    assert wheel.name == f"{spacy_package.PACKAGE}-{spacy_package.VERSION}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        inside = f"{spacy_package.PACKAGE}/{spacy_package.PACKAGE}-{spacy_package.VERSION}"
        assert {f"{spacy_package.PACKAGE}/__init__.py", f"{inside}/config.cfg", f"{inside}/meta.json"} <= names
        assert archive.read(f"{inside}/{FINGERPRINT_FILE}").decode() == "kb-state-2"


@pytest.fixture
def installing(monkeypatch) -> list[list[str]]:
    """The commands `install` would run (the wheel is not built, nothing is installed)."""
    ran: list[list[str]] = []
    monkeypatch.setattr(spacy_package, "build_wheel", lambda source, out: out / "en_ratify-1.0.0-py3-none-any.whl")
    monkeypatch.setattr(spacy_package, "_run", lambda command, what: ran.append(command))
    return ran


def test_installed_only_when_built_from_another_knowledge_state(pipeline_dir, installing, monkeypatch):
    monkeypatch.setattr(spacy_package, "installed_fingerprint", lambda: "kb-state-2")
    assert spacy_package.install(pipeline_dir) is False
    assert installing == []
    assert spacy_package.install(pipeline_dir, force=True) is True

    for installed in ("kb-state-1", None):
        monkeypatch.setattr(spacy_package, "installed_fingerprint", lambda installed=installed: installed)
        assert spacy_package.install(pipeline_dir) is True
    assert len(installing) == 3
    command = installing[-1]
    assert command[1:4] == ["-m", "pip", "install"] and "--no-deps" in command
    assert command[-1] == str(pipeline_dir.parent / "dist" / "en_ratify-1.0.0-py3-none-any.whl")


def test_a_failed_step_says_what_failed_and_why():
    with pytest.raises(RuntimeError, match=r"(?s)pip install failed \(3\):.*no such wheel"):
        spacy_package._run([sys.executable, "-c", "print('no such wheel'); raise SystemExit(3)"], "pip install")
