#!/usr/bin/env bash
# Create .venv with Python 3.10 and install the pinned dependencies; does nothing when already up to date.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.venv
STAMP="$VENV/.installed"

find_python310() {
    local candidate
    for candidate in "${RATIFY_PYTHON:-}" "$(command -v python3.10 || true)"; do
        if [ -n "$candidate" ] && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; then
            echo "$candidate"; return 0
        fi
    done
    local root="${PYENV_ROOT:-$HOME/.pyenv}"
    # the newest 3.10.x under pyenv
    for candidate in $(ls -d "$root"/versions/3.10.* 2>/dev/null | sort -t. -k3 -n -r); do
        if [ -x "$candidate/bin/python" ]; then
            echo "$candidate/bin/python"; return 0
        fi
    done
    return 1
}

bash scripts/pdf_setup.sh  # Debian packages for the PDF report (nothing to do when they are there)

wanted=$(cat pyproject.toml requirements.lock | sha256sum | cut -c1-16)
if [ -x "$VENV/bin/python" ] && [ "$(cat "$STAMP" 2>/dev/null)" = "$wanted" ]; then
    exit 0
fi

if [ ! -x "$VENV/bin/python" ]; then
    if ! python=$(find_python310); then
        echo "setup: Python 3.10 is required (Rasa 3.6 does not run on 3.11 or later) and none was found." >&2
        echo "setup: looked at \$RATIFY_PYTHON, python3.10 on PATH and ${PYENV_ROOT:-$HOME/.pyenv}/versions/3.10.*." >&2
        echo "setup: install it (e.g. 'pyenv install 3.10') or set RATIFY_PYTHON=/path/to/python3.10." >&2
        exit 1
    fi
    echo "setup: creating $VENV with $python"
    "$python" -m venv "$VENV"
fi

echo "setup: installing pinned dependencies into $VENV (a few minutes the first time)"
pip_install() {
    # this machine's pip configuration names local mirrors that may be absent: their warnings are noise
    "$VENV/bin/python" -m pip install --quiet "$@" 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
}
pip_install --upgrade pip
pip_install --constraint requirements.lock --editable '.[dev]'
echo "$wanted" > "$STAMP"
echo "setup: done"
