# The two commands of the README: `make run` and `make test`. Each sets up what it needs.
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: run test lint bootstrap bench clean

bootstrap:
	@bash scripts/bootstrap.sh

run: bootstrap
	bash scripts/run.sh

lint: bootstrap
	$(VENV)/bin/ruff check app tests benchmarks
	$(VENV)/bin/mypy app

test: lint
	$(PY) -m pytest --cov=app --cov-report=term --cov-report=json:.coverage.json -p no:cacheprovider
	$(PY) scripts/check_coverage.py .coverage.json app/forms 100

bench: bootstrap
	$(PY) -m benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .coverage .coverage.json
