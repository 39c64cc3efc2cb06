# ILO Ratify Assistant. `make run` serves the bot; `make test` runs the whole suite. Both set themselves up.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa

.PHONY: check-reference run run-prod test test-integration bench setup train shell lint unit validate rasa-test e2e nlu-report clean

run:
	@bash scripts/run.sh

# production mode: PostgreSQL, Redis, two Rasa servers behind nginx (README, "Production")
run-prod:
	@bash scripts/run_prod.sh

test: setup lint unit validate rasa-test e2e test-integration
	@echo "make test: all checks passed"

# after it, Rasa's own commands work with no flags (rasa train, data validate, shell, test, interactive,
# visualize): the NLU build writes data/nlu/generated/ and installs the spaCy pipeline config.yml names
setup:
	@bash scripts/setup.sh
	@bash scripts/web_setup.sh
	@$(PY) -m bot nlp build

train: setup
	@bash scripts/train.sh

shell: setup
	@$(RASA) shell --model "$$(bash scripts/train.sh | tail -n 1)"

lint: setup
	$(VENV)/bin/ruff check .

unit: setup
	$(PY) -m pytest -q -m "not e2e and not integration and not reference"

validate: setup
	$(RASA) data validate --fail-on-warnings

rasa-test: train
	$(RASA) test core --model "$$(bash scripts/train.sh | tail -n 1)" --stories tests \
		--fail-on-prediction-errors --out var/results/core

e2e: train
	@bash scripts/browser_setup.sh
	$(PY) -m pytest -q -m e2e

# production mode started by the tests (installs PostgreSQL, Redis and nginx from Debian when missing)
test-integration: train
	@bash scripts/prod/install.sh
	$(PY) -m pytest -q -m integration tests/integration

# throughput and latency: Rasa's starter bot, ours, production mode with one and two servers (README, "Benchmarks")
bench: train
	@bash scripts/prod/install.sh
	$(PY) -m bench

# intents: Rasa's 5-fold cross-validation; entities: the EntityRuler against every annotation (Rasa's report
# leaves pretrained extractors out); then the figures, also in var/results/nlu/*_report.json; --successes writes
# every test example's prediction (with intent_errors.json), from which the intent F1 per language is computed
# (per_language_report.json, with language detection on tests/langid). Rasa draws the folds from numpy's global
# random state, unseeded (rasa.nlu.test.generate_folds): seeded here, the same data give the same figures
nlu-report: setup
	rm -rf var/results/nlu
	$(PY) -c "import sys, numpy; numpy.random.seed(0); sys.argv[0] = 'rasa'; from rasa.__main__ import main; main()" \
		test nlu --cross-validation --folds 5 --successes --out var/results/nlu
	$(PY) -m bot nlp entities --out var/results/nlu
	@$(PY) -m bot nlp report var/results/nlu

# the held-out questions (tests/heldout/, never trained on) asked over REST: share right, confusion, every miss
.PHONY: understanding-report
understanding-report: train
	@bash scripts/understanding_report.sh

# the knowledge base against the reference it was written from (not in `make test`: the project stands alone)
check-reference: setup
	RATIFY_REFERENCE_DIR="$(REFERENCE)" $(PY) -m pytest -q -m reference tests/reference

clean:
	rm -rf var models .pytest_cache
