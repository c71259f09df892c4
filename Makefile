# The two commands: `make run` serves the demo, `make test` passes the suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export DEBUG ?= 1

.PHONY: run serve test install messages check-deploy clean

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

# As production runs it: DEBUG off, static files collected, gunicorn with the config in the repo.
# Needs SECRET_KEY and ALLOWED_HOSTS; uses PostgreSQL and Redis when DATABASE_URL and REDIS_URL are set.
serve: install
	@test -n "$$SECRET_KEY" || { echo "make serve: set SECRET_KEY (and ALLOWED_HOSTS); see README, Running in production"; exit 2; }
	DEBUG=0 $(BIN)/python manage.py migrate --noinput
	DEBUG=0 $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	DEBUG=0 GUNICORN_BIND=$${GUNICORN_BIND:-$(HOST):$(PORT)} $(BIN)/gunicorn -c pressoffice/gunicorn.conf.py pressoffice.wsgi

test: install
	DEBUG=0 $(BIN)/python -m pytest

messages: install
	$(BIN)/python manage.py makemessages -l ar --no-location --no-obsolete -i '.venv/*' -i 'tests/*'
	$(BIN)/python manage.py compilemessages -l ar -i '.venv'

check-deploy: install
	DEBUG=0 SECRET_KEY=$$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))') \
	ALLOWED_HOSTS=press.example.org $(BIN)/python manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles
