# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py

.PHONY: run test install browsers setup lint format lock clean

$(BIN)/.installed: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	touch $@

install: $(BIN)/.installed

# Migrate, compile UI translations, load the seed content (idempotent) and the local admin.
setup: install
	$(MANAGE) migrate --noinput
	$(MANAGE) compile_catalogs
	$(MANAGE) seed_content
	$(MANAGE) ensure_admin

run: setup
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# Debian's Chromium and Japanese fonts for the browser tests; never a tool's own download.
browsers:
	@if ! command -v chromium >/dev/null || ! fc-list 2>/dev/null | grep -q "Noto Sans CJK"; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-noto-cjk; \
	fi

test: install browsers
	$(BIN)/python manage.py compile_catalogs
	DJANGO_SETTINGS_MODULE=cms.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates

# Re-pin every transitive dependency after changing pyproject.toml.
lock:
	rm -rf /tmp/csp-lock && $(PYTHON) -m venv /tmp/csp-lock
	/tmp/csp-lock/bin/pip install --quiet ".[test]"
	/tmp/csp-lock/bin/pip freeze --exclude career-support-partners > requirements.lock

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
