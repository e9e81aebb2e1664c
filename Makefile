# Sadari — entry points. `make demo` runs the platform on SQLite; `make test` runs lint and the
# whole suite on SQLite, then on a local PostgreSQL that it installs and starts itself.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PG_URL := postgres://sadari:sadari@127.0.0.1:5432/sadari
PYTEST_ARGS ?=

.PHONY: venv demo serve test test-core test-sqlite test-postgres lint fmt bench messages e2e-deps clean

$(STAMP): pyproject.toml scripts/find-python.sh
	@PYBIN=$$(scripts/find-python.sh) && echo "Using $$PYBIN" && \
	  { [ -x $(PY) ] && $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))' || $$PYBIN -m venv --clear $(VENV); }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

venv: $(STAMP)

messages: venv
	$(VENV)/bin/pybabel compile --domain django --directory locale --use-fuzzy --statistics 2>&1 | tail -2

demo: venv messages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --if-empty
	$(PY) manage.py demo_logins
	$(PY) manage.py runserver 127.0.0.1:8000

serve: venv messages
	$(PY) manage.py runserver 127.0.0.1:8000

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy
	$(PY) manage.py makemigrations --check --dry-run
	SADARI_DEBUG=false SADARI_SECRET_KEY=lint-only-$$(date +%s)-not-a-placeholder-value-0123456789 \
	  SADARI_ALLOWED_HOSTS=sadari.example $(PY) manage.py check --deploy --fail-level WARNING

fmt: venv
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

test: lint messages e2e-deps test-core test-sqlite test-postgres

e2e-deps:
	@bash scripts/ensure-chromium.sh

test-core: venv
	$(VENV)/bin/pytest -p no:django -W "ignore::pytest.PytestConfigWarning" -q tests/core

# Browser tests run in a process of their own: their live server shares SQLite's in-memory test
# database with the test thread, and an open SSE stream polling it would disturb other tests.
test-sqlite: venv messages
	$(VENV)/bin/pytest -n 2 -m "not e2e" $(PYTEST_ARGS)
	$(VENV)/bin/pytest -m e2e $(PYTEST_ARGS)

test-postgres: venv messages
	@bash scripts/postgres.sh start
	SADARI_DATABASE_URL=$(PG_URL) $(VENV)/bin/pytest -n 2 -m "not e2e" $(PYTEST_ARGS)

bench: venv
	$(PY) -m pip install --quiet -e '.[dev,bench,encoders]'
	$(PY) bench/search.py
	$(PY) bench/er.py
	$(PY) bench/ingest.py
	$(PY) bench/match.py
	$(PY) bench/recommend.py
	$(PY) bench/review.py
	$(PY) bench/titles.py
	$(PY) bench/fair.py
	$(PY) bench/impact.py

clean:
	rm -rf var/ .pytest_cache
