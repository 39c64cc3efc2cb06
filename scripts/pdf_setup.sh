#!/usr/bin/env bash
# Install the Debian packages the PDF report needs when any is missing: Pango, HarfBuzz and fonts for WeasyPrint
# (HTML + CSS -> PDF), and poppler-utils (pdftotext, pdftoppm) with which the tests read the PDF back and draw
# page 1. Prints nothing when all are there. Needs root or sudo for apt-get (apt_install.sh).
set -euo pipefail

PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-dejavu-core poppler-utils)

missing=()
for package in "${PACKAGES[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

bash "$(dirname "$0")/apt_install.sh" pdf_setup "${missing[@]}"
