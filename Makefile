# The two commands of the README: `make run` and `make test`. Each sets up what it needs.
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: run test check lint bootstrap bench release clean

bootstrap:
	@bash scripts/bootstrap.sh

run: bootstrap
	bash scripts/run.sh

lint: bootstrap
	$(VENV)/bin/ruff check app tests benchmarks installer scripts
	$(VENV)/bin/mypy app installer/build.py installer/trim.py installer/icu_data.py

# The inner loop (under 3 minutes): lint, types and the fast tests — no window, no PostgreSQL,
# nothing marked slow, few Hypothesis examples. `make test` runs everything.
check: lint
	HYPOTHESIS_PROFILE=dev $(PY) -m pytest -q -p no:cacheprovider -m "not slow and not gui and not postgres" -n 2

test: lint
	HYPOTHESIS_PROFILE=ci $(PY) -m pytest --cov=app --cov-report=term --cov-report=json:.coverage.json -p no:cacheprovider
	$(PY) scripts/check_coverage.py .coverage.json app/forms 100
	$(PY) installer/build.py

# The release alone: PyInstaller build, smoke test of the frozen app, Linux tarball (installer/).
release: bootstrap
	$(PY) installer/build.py

bench: bootstrap
	$(PY) -m benchmarks

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache .coverage .coverage.json
