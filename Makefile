# ILO Ratify Assistant. `make run` serves the bot; `make test` runs the whole suite. Both set themselves up.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
RASA_DATA := data

.PHONY: run test setup nlp train shell lint unit validate rasa-test e2e nlu-report clean

run:
	@bash scripts/run.sh

test: setup lint unit validate rasa-test e2e
	@echo "make test: all checks passed"

setup:
	@bash scripts/setup.sh
	@bash scripts/web_setup.sh

nlp: setup
	@$(PY) -m bot nlp build

train: setup
	@bash scripts/train.sh

shell: setup
	@$(RASA) shell --model "$$(bash scripts/train.sh | tail -n 1)" --endpoints endpoints.yml

lint: setup
	$(VENV)/bin/ruff check .

unit: setup
	$(PY) -m pytest -q -m "not e2e"

validate: nlp
	$(RASA) data validate --fail-on-warnings --data $(RASA_DATA) --domain domain --config config.yml

rasa-test: train
	$(RASA) test core --model "$$(bash scripts/train.sh | tail -n 1)" --stories tests \
		--fail-on-prediction-errors --out var/results/core

e2e: train
	@bash scripts/browser_setup.sh
	$(PY) -m pytest -q -m e2e

nlu-report: nlp
	$(RASA) test nlu --nlu $(RASA_DATA) --config config.yml --cross-validation --folds 5 --out var/results/nlu

clean:
	rm -rf var models .pytest_cache
