"""`python -m bot assess FILE [--json]`: the report, the JSON, and bad input (exit 2, stderr only)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.__main__ import main
from bot.config import PROJECT_ROOT

OLD_AGE_ONLY = {
    "country": "Ruritania",
    "branches": {"old_age": {"coverage": {"basis": "employees", "percent": 62}, "replacement_rate": 42,
                             "qualifying_years": 30, "qualifying_basis": "contribution",
                             "reduced_benefit_years": 15, "pensionable_age": 65}},
}


def write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def test_json_output_has_the_spec_shape(tmp_path, capsys):
    path = write(tmp_path, "answers.yml", yaml.safe_dump(OLD_AGE_ONLY))
    assert main(["assess", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["country"] == "Ruritania" and data["article3_declaration"] is False
    [part] = data["parts"]
    assert {key: part[key] for key in ("part", "branch", "title", "status")} == {
        "part": "V", "branch": "old_age", "title": "Old-age benefit", "status": "meets"}
    assert part["checks"][0] == {"check": "coverage", "status": "meets", "article": "27(a)",
                                 "required": ">= 50% of all employees", "given": "62% of all employees",
                                 "verified": True}
    assert data["article2"] == {"ratifiable": False, "acceptable_parts": ["V"], "missing": "two more Parts",
                                "article": "2"}
    assert data["not_modelled"].startswith("Not modelled")
    assert "socpro@ilo.org" in data["full_review"]


def test_json_file_gives_the_same_result_as_yaml(tmp_path, capsys):
    as_yaml = write(tmp_path, "answers.yml", yaml.safe_dump(OLD_AGE_ONLY))
    as_json = write(tmp_path, "answers.json", json.dumps(OLD_AGE_ONLY))
    main(["assess", str(as_yaml), "--json"])
    from_yaml = capsys.readouterr().out
    main(["assess", str(as_json), "--json"])
    assert capsys.readouterr().out == from_yaml


def test_report_without_json(tmp_path, capsys):
    path = write(tmp_path, "answers.yml", yaml.safe_dump(OLD_AGE_ONLY))
    assert main(["assess", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("C102 eligibility check: Ruritania\n")
    assert "could not yet ratify C102 (Art. 2): it needs two more Parts." in out
    assert "Part V – Old-age benefit: meets the minimum" in out
    assert out.rstrip().endswith("socpro@ilo.org.")


@pytest.mark.parametrize(("content", "lines"), [
    (yaml.safe_dump({"branches": {"old_age": {"replacement_rate": 140, "pensionable_age": -2},
                                  "pensions": {}}}, sort_keys=False),
     ["branches.old_age.replacement_rate: 140 is not a percentage between 0 and 100",
      "branches.old_age.pensionable_age: -2 is not an age between 0 and 120",
      "branches.pensions: unknown branch (allowed: medical_care, sickness, unemployment, old_age, "
      "employment_injury, family, maternity, invalidity, survivors)"]),
    ("- just\n- a list\n", ["the answers must be a mapping with the keys country, article3_declaration, general, "
                            "branches, got ['just', 'a list']"]),
])
def test_bad_input_exits_2_with_one_line_per_problem(tmp_path, capsys, content, lines):
    path = write(tmp_path, "answers.yml", content)
    assert main(["assess", str(path), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == lines


@pytest.mark.parametrize(("name", "content"), [
    ("broken.yml", "branches: {old_age: [unclosed\n  more: x\n"),
    ("broken.json", '{"branches": {"old_age": }'),
])
def test_file_that_is_not_yaml_or_json(tmp_path, capsys, name, content):
    path = write(tmp_path, name, content)
    assert main(["assess", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    [line] = captured.err.splitlines()
    assert line.startswith(f"{path}: not valid YAML or JSON: ")


def test_missing_file(tmp_path, capsys):
    assert main(["assess", str(tmp_path / "nowhere.yml")]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "nowhere.yml: cannot be read" in captured.err


def test_broken_knowledge_base_exits_1(tmp_path, capsys):
    path = write(tmp_path, "answers.yml", yaml.safe_dump(OLD_AGE_ONLY))
    empty = tmp_path / "kb"
    empty.mkdir()
    assert main(["assess", str(path), "--dir", str(empty)]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "c102.yml" in captured.err


def test_runs_as_a_module(tmp_path):
    path = write(tmp_path, "answers.json", json.dumps(OLD_AGE_ONLY))
    done = subprocess.run([sys.executable, "-m", "bot", "assess", str(path), "--json"], cwd=PROJECT_ROOT,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["article2"]["acceptable_parts"] == ["V"]
