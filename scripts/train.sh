#!/usr/bin/env bash
# Build the spaCy pipeline, then train the Rasa model only when its inputs changed.
# The model is named after a fingerprint of everything it is trained from, so an unchanged project reuses it:
# Rasa's files, the lock and the spaCy pipeline's stamp (the knowledge base and the code that builds it).
# Prints the model path on its last line.
set -euo pipefail
cd "$(dirname "$0")/.."

.venv/bin/python -m bot nlp build >&2
fingerprint=$( (find config.yml domain.yml data requirements.lock -type f \( -name '*.yml' -o -name '*.lock' \) -print0;
    printf '%s\0' var/spacy/ratify_en/knowledge.sha256) | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
model="models/ratify-$fingerprint.tar.gz"
if [ -f "$model" ]; then
    echo "train: model up to date ($model)" >&2
else
    echo "train: training $model (a few minutes the first time)" >&2
    .venv/bin/rasa train --quiet --fixed-model-name "ratify-$fingerprint" >&2
    # keep the three newest models
    ls -1t models/ratify-*.tar.gz | tail -n +4 | xargs -r rm -f
fi
echo "$model"
