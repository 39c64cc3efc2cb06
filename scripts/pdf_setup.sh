#!/usr/bin/env bash
# Install the Debian packages the PDF report needs when any is missing: Pango, HarfBuzz and fonts for WeasyPrint
# (HTML + CSS -> PDF), and poppler-utils (pdftotext, pdftoppm) with which the tests read the PDF back and draw
# page 1. Prints nothing when all are there. Needs root or sudo for apt-get.
set -euo pipefail

PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-dejavu-core poppler-utils)

missing=()
for package in "${PACKAGES[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null; then
    as_root=(sudo)
else
    echo "pdf_setup: missing ${missing[*]}; installing them needs root: apt-get install ${missing[*]}" >&2
    exit 1
fi
if ! command -v apt-get >/dev/null; then
    echo "pdf_setup: missing ${missing[*]} and this is not a Debian/Ubuntu system; install Pango (>= 1.44)," \
         "HarfBuzz, fonts and poppler-utils" >&2
    exit 1
fi

echo "pdf_setup: installing ${missing[*]} with apt-get"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 "${missing[@]}" >/dev/null
