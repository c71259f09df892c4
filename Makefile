# The two commands: `make run` serves the demo, `make test` passes the suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export DEBUG ?= 1

.PHONY: run serve test test-browser install install-browser messages check-deploy clean mutants page-weight bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

# The browser tests' own tools: Playwright (extra `browser`), and axe-core and vnu.jar from npm.
# --ignore-scripts: vnu-jar's install script would download a Java; we use the machine's.
BROWSER_DIR := tests/browser
$(VENV)/.browser-installed: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test,browser]'
	touch $@

$(BROWSER_DIR)/node_modules/.installed: $(BROWSER_DIR)/package-lock.json
	npm ci --prefix $(BROWSER_DIR) --ignore-scripts --no-audit --no-fund
	touch $@

install-browser: $(VENV)/.browser-installed $(BROWSER_DIR)/node_modules/.installed

# The task worker runs beside the server, as in production, so email alerts take the
# same path (queue, retries, scheduled times); with no EMAIL_* set they print here.
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@# The demo's own alert tasks, sent (printed) quietly now, so that the accounts above stay in view.
	$(BIN)/python manage.py db_worker --batch --no-startup-delay --verbosity 0 >/dev/null
	export SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)}; \
	$(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
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

# Needs /usr/bin/chromium (apt-get install -y chromium) and Java; screenshots go to screenshots/.
test-browser: install-browser
	DEBUG=0 $(BIN)/python -m pytest -m browser

# Remove each rule from the code in turn and check that a test fails (slow; not part of `make test`).
mutants: install
	DEBUG=0 $(BIN)/python tests/mutation_check.py

# What each public page type weighs on a cold cache, on a fresh demo database (Playwright drives
# Debian's Chromium: apt-get install -y chromium). Fails when a release page is over its budget.
WEIGHT_DIR := $(CURDIR)/.page-weight
page-weight: install-browser
	rm -rf $(WEIGHT_DIR) && mkdir -p $(WEIGHT_DIR)
	export DATABASE_URL=sqlite:///$(WEIGHT_DIR)/db.sqlite3 MEDIA_ROOT=$(WEIGHT_DIR)/media; \
	$(BIN)/python manage.py migrate --noinput -v0 && $(BIN)/python manage.py load_demo >/dev/null && \
	$(BIN)/python manage.py page_weight

messages: install
	$(BIN)/python manage.py makemessages -l ar --no-location --no-obsolete -i '.venv/*' -i 'tests/*'
	$(BIN)/python manage.py compilemessages -l ar -i '.venv'

check-deploy: install
	DEBUG=0 SECRET_KEY=$$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))') \
	ALLOWED_HOSTS=press.example.org $(BIN)/python manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles screenshots $(BROWSER_DIR)/node_modules .page-weight

# The issue-9 benchmark: archives of 100 and 20,000 releases on SQLite (and on PostgreSQL when
# BENCH_POSTGRES_URL is set), under gunicorn, beside a plain WSGI ceiling; see README, "make bench".
# BENCH_ARGS passes more, e.g. BENCH_ARGS="--load-seconds 60 --compare /tmp/wagtail-site".
bench: install
	@command -v wrk >/dev/null || (apt-get install -y wrk >/dev/null 2>&1 || echo "wrk not installed: using the Python load generator")
	DEBUG=1 $(BIN)/python manage.py bench $(BENCH_ARGS)
