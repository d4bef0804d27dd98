# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py

.PHONY: run test install browsers proxy setup lint format lock clean a11y-report

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
	$(MANAGE) ensure_demo_accounts
	$(MANAGE) seed_demo_slots

run: setup
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# Debian's Chromium and Japanese fonts for the browser tests; never a tool's own download.
browsers:
	@if ! command -v chromium >/dev/null || ! fc-list 2>/dev/null | grep -q "Noto Sans CJK"; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-noto-cjk; \
	fi

# Debian's Varnish for the reverse-proxy tests (tests/test_page_cache_processes.py).
proxy:
	@if ! command -v varnishd >/dev/null && ! test -x /usr/sbin/varnishd; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq varnish; \
	fi

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates

test: lint browsers proxy
	$(BIN)/python manage.py compile_catalogs
	DJANGO_SETTINGS_MODULE=cms.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

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

# The browser accessibility suite (axe-core + keyboard, reflow, spacing, target size, language checks)
# writes its JSON report to home/a11y_report.json; `manage.py a11y_policy_update` then puts the date and
# result into the accessibility policy page as a draft for staff to publish.
A11Y_REPORT ?= home/a11y_report.json
a11y-report: setup browsers
	A11Y_REPORT=$(A11Y_REPORT) $(BIN)/pytest tests/browser/test_accessibility.py tests/browser/test_checks_can_fail.py \
		-p no:cacheprovider; \
		status=$$?; $(MANAGE) a11y_policy_update --report $(A11Y_REPORT) && exit $$status

# p50/p95 of the headless API (a page detail and a page list per locale), in-process on the seeded database.
.PHONY: bench-api
bench-api: setup
	$(BIN)/python scripts/bench_api.py

# Pages side by side on loopback (bounded, about 3 minutes): uncached, app-cached, through Varnish
# (deploy/varnish.vcl), and the WhiteNoise and nginx static-file ceilings; wrk, varnish and nginx
# come from Debian (installed when missing and allowed). BENCH_DURATION=seconds per measurement.
.PHONY: bench-pages
bench-pages: install
	$(BIN)/python manage.py compile_catalogs
	$(BIN)/python scripts/bench_pages.py --duration $${BENCH_DURATION:-10} --connections 32

# Bounded load test on loopback (60 s, 32 connections): gunicorn with production settings and the task
# worker on a throwaway SQLite database (LOAD_DATABASE_URL=postgres://… for PostgreSQL), mixed pages,
# search and form posts; once with working mail, once with an SMTP server that never answers.
.PHONY: load
load: install
	$(BIN)/python manage.py compile_catalogs
	$(BIN)/python scripts/load_test.py --duration 60 --connections 32

# Site search: hit@1, hit@3, MRR, zero-result rate and out-of-scope detection per language on
# search/eval/queries.json (held-out rows are the ones that count); then p95 latency of
# GET /api/search/ over HTTP, on the seeded index and with 10,000 synthetic FAQ entries per locale.
.PHONY: search-eval bench-search
search-eval: setup
	$(MANAGE) search_eval

bench-search: setup
	$(MANAGE) bench_search

# The wordmark, favicon and app icons in static/brand/ (committed): font outlines + Chromium.
.PHONY: brand
brand: install browsers
	$(BIN)/python scripts/build_brand.py

# Lighthouse (mobile) on every page type in every locale against gunicorn on 127.0.0.1 (production
# settings, throwaway database; BENCH_PORT picks the port). Not part of make test: a few minutes.
.PHONY: bench-lighthouse
bench-lighthouse: install browsers
	npm ci --prefix scripts/lighthouse --no-audit --no-fund --ignore-scripts
	$(BIN)/python manage.py compile_catalogs
	CHROME_PATH=/usr/bin/chromium $(BIN)/python scripts/bench_lighthouse.py
