# The two commands: `make run` serves the demo, `make test` passes the suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export DEBUG ?= 1

.PHONY: run test install messages check-deploy clean mutants

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install
	DEBUG=0 $(BIN)/python -m pytest

# Remove each rule from the code in turn and check that a test fails (slow; not part of `make test`).
mutants: install
	DEBUG=0 $(BIN)/python tests/mutation_check.py

messages: install
	$(BIN)/python manage.py makemessages -l ar --no-location --no-obsolete -i '.venv/*' -i 'tests/*'
	$(BIN)/python manage.py compilemessages -l ar -i '.venv'

check-deploy: install
	DEBUG=0 SECRET_KEY=$$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))') \
	ALLOWED_HOSTS=press.example.org $(BIN)/python manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles
