"""End to end: the trained model stands alone. Copied into an empty folder and served from there (`rasa run --model
X.tar.gz --enable-api`, no project files around it), it still understands: the spaCy pipeline comes from the
package installed in the environment (`en_ratify`), not from this checkout's var/."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import requests

from bot.cli.wait_ready import wait_ready
from tests.conftest import VENV_BIN, free_port, stop, trained_model

pytestmark = pytest.mark.e2e


def test_the_model_archive_understands_when_served_from_an_empty_folder(tmp_path):
    model = Path(os.environ.get("RATIFY_MODEL") or trained_model())
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(model, elsewhere / model.name)
    port = free_port()
    log = tmp_path / "rasa.log"
    with log.open("ab") as output:
        rasa = subprocess.Popen([str(VENV_BIN / "rasa"), "run", "--model", model.name, "--enable-api", "--port",
                                 str(port), "--interface", "127.0.0.1"],
                                cwd=elsewhere, stdout=output, stderr=subprocess.STDOUT)
    try:
        if not wait_ready([f"http://127.0.0.1:{port}/"], timeout=300):
            pytest.fail(f"rasa run did not start from {elsewhere}:\n{log.read_text()[-3000:]}")
        reply = requests.post(f"http://127.0.0.1:{port}/model/parse", json={"text": "Has Morocco ratified C102?"},
                              timeout=60)
        assert reply.status_code == 200, reply.text
        parsed = reply.json()
        assert parsed["intent"]["name"] == "ask_ratification_status"
        found = {(entity["entity"], entity["value"]) for entity in parsed["entities"]}
        assert {("country", "MA"), ("convention", "C102")} <= found
    finally:
        stop(rasa)
