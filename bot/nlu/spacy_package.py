"""The project's spaCy pipeline as an installed package, `en_ratify`, so that a trained Rasa model stands alone.

config.yml's `SpacyNLP` names the package, as it would name `en_core_web_md`: spaCy finds it in the virtual
environment, so `rasa run --model X.tar.gz` works from any folder (a path such as var/spacy/ratify_en would be
looked up in the working folder). `install()` packages the pipeline that `bot.nlu.pipeline.build()` wrote the
spaCy way (`spacy package --build wheel`) and installs the wheel into the running environment (`pip install
--no-deps`), only when the installed package was built from another state of the knowledge base: the package
carries the build's fingerprint file.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

from bot.nlu.pipeline import FINGERPRINT_FILE

NAME = "ratify"
PACKAGE = f"en_{NAME}"  # spaCy prefixes the language; config.yml names this
VERSION = "1.0.0"
# spaCy 3.4's command line does not parse its options with the click this project pins, so its `package`
# command runs as a function, in a child process whose chatter (setup.py's) is kept unless it fails
_PACKAGE_COMMAND = """\
import sys
from pathlib import Path
from spacy.cli.package import package
package(Path(sys.argv[1]), Path(sys.argv[2]), name=sys.argv[3], version=sys.argv[4], create_sdist=False,
        create_wheel=True, force=True)
"""


def installed_fingerprint() -> str | None:
    """The knowledge-base fingerprint of the installed package; None when it is not installed."""
    importlib.invalidate_caches()
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    stamps = sorted(Path(next(iter(spec.submodule_search_locations))).glob(f"*/{FINGERPRINT_FILE}"))
    return stamps[0].read_text() if stamps else None


def build_wheel(pipeline_dir: Path, out: Path) -> Path:
    """`spacy package pipeline_dir out --name ratify --build wheel`: the wheel's path."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    _run([sys.executable, "-c", _PACKAGE_COMMAND, str(pipeline_dir), str(out), NAME, VERSION], "spacy package")
    return next(out.glob(f"{PACKAGE}-{VERSION}/dist/*.whl"))


def install(pipeline_dir: Path, force: bool = False) -> bool:
    """Package and install the pipeline unless the installed package has its fingerprint; True when installed."""
    fingerprint = (pipeline_dir / FINGERPRINT_FILE).read_text()
    if not force and installed_fingerprint() == fingerprint:
        return False
    wheel = build_wheel(pipeline_dir, pipeline_dir.parent / "dist")
    _run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", "--force-reinstall",
          str(wheel)], "pip install")
    return True


def _run(command: list[str], what: str) -> None:
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{what} failed ({done.returncode}):\n{done.stdout}{done.stderr}")
