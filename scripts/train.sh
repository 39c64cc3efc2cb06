#!/usr/bin/env bash
# Build the spaCy pipeline, then train the Rasa model only when its inputs changed.
# The model is named after a fingerprint of everything it is trained from, so an unchanged project reuses it:
# Rasa's files, the custom components, the pinned versions of the packages that train it (not every package of the
# lock: a new web or PDF dependency does not change the model) and the spaCy pipeline's stamp (the knowledge base
# and the code that builds it).
# Prints the model path on its last line.
set -euo pipefail
cd "$(dirname "$0")/.."

.venv/bin/python -m bot nlp build >&2
ML_PACKAGES='^(rasa|rasa-sdk|spacy|tensorflow|tensorflow-.*|numpy|scikit-learn|scipy|sklearn-crfsuite)=='
fingerprint=$( { (find config.yml domain.yml data components -type f \( -name '*.yml' -o -name '*.py' \) -print0;
    printf '%s\0' var/spacy/ratify_en/knowledge.sha256) | sort -z | xargs -0 sha256sum;
    grep -iE "$ML_PACKAGES" requirements.lock; } | sha256sum | cut -c1-16)
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
