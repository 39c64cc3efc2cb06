"""`python -m bot knowledge check`: counts per file when valid, the file/key/problem when broken."""

from __future__ import annotations

import shutil

from bot.__main__ import main
from bot.knowledge import knowledge_dir


def test_check_prints_one_line_per_file_and_the_load_time(capsys):
    assert main(["knowledge", "check"]) == 0
    out = capsys.readouterr().out
    for name in ("c102.yml", "conventions.yml", "procedure.yml", "campaign.yml", "countries.yml", "ratifications.yml"):
        assert any(line.startswith(name) for line in out.splitlines()), name
    assert "9 Parts" in out and "65 records" in out
    assert "loaded and validated in" in out


def test_a_broken_copy_names_file_key_and_problem(tmp_path, capsys):
    shutil.copytree(knowledge_dir(), tmp_path, dirs_exist_ok=True)
    path = tmp_path / "campaign.yml"
    path.write_text(path.read_text().replace("contact_email:", "contact_mail:", 1))
    assert main(["knowledge", "check", "--dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("knowledge base invalid: campaign.yml: ")
    assert "contact_mail" in err or "contact_email" in err
