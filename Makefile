# The two doors: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
PORT ?= 8000
STAMP := $(VENV)/.installed

# Test settings: DEBUG off as in production, with throwaway secrets.
TEST_ENV := DJANGO_DEBUG=0 DJANGO_SECRET_KEY=tests-only-not-secret \
	DJANGO_ALLOWED_HOSTS=localhost,127.0.0.1,testserver DJANGO_SECURE_COOKIES=0 \
	DJANGO_SSL_REDIRECT=0 \
	DJANGO_ALLOW_ASYNC_UNSAFE=true DJANGO_STATIC_ROOT=var/test-static

.PHONY: run test lint format docs db-stop db-start migrate demo clean install backup restore deploy-test messages

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	@$(PY) -m peaceplatform.portcheck $(PORT)
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=1 $(PY) manage.py load_demo
	@echo ""
	@echo "  Site:  http://127.0.0.1:$(PORT)/"
	@echo "  Admin: http://127.0.0.1:$(PORT)/admin/"
	@echo "  Background jobs (PDF text, upkeep): one worker runs beside the server."
	@echo "  No staff account yet? Create one in another terminal with:"
	@echo "      DJANGO_DEBUG=1 $(PY) manage.py createsuperuser"
	@echo ""
	DJANGO_DEBUG=1 $(PY) -m peaceplatform.serve $(PORT)

test: $(STAMP) lint
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run
	POSTGRES_PASSWORD=compose-check REPLICATION_PASSWORD=compose-check DJANGO_SECRET_KEY=compose-check $(BIN)/docker-compose config -q
	$(TEST_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet
	$(TEST_ENV) $(PY) -m pytest $(PYTEST_ARGS)

# The compose topology run for real under podman: built, walked through nginx, broken
# on purpose, torn down (docs/operators/deploying.md, "The deployment test"). Needs
# podman, runc and debootstrap (.ci/run installs them); says "skipped" without them.
deploy-test: $(STAMP)
	$(PY) deploy/deploy_test.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

# The interface's translation catalogs: new marked strings added to locale/*/django.po
# (untranslated, so the catalog test fails until they are translated), strings no longer
# used dropped, every catalog compiled (docs/developers/translations.md).
messages: $(STAMP)
	$(PY) tools/catalogs.py

# The guides in docs/ as a site in var/site/ (open var/site/index.html).
docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrate: $(STAMP)
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput

demo: migrate
	DJANGO_DEBUG=1 $(PY) manage.py load_demo

# A timestamped pg_dump in var/backups (or BACKUP_DIR), keeping the newest KEEP.
KEEP ?= 7
backup: $(STAMP)
	DJANGO_DEBUG=1 $(PY) manage.py backup --keep $(KEEP)

# Restores FILE into the configured database, which must be empty.
restore: $(STAMP)
	@test -n "$(FILE)" || { echo "usage: make restore FILE=var/backups/peaceplatform-….dump"; exit 2; }
	DJANGO_DEBUG=1 $(PY) manage.py restore "$(FILE)"

db-start: $(STAMP)
	$(PY) -m peaceplatform.embedded_db start

# Stops the embedded PostgreSQL and clears state left by a killed process.
db-stop:
	@if [ -x $(PY) ]; then $(PY) -m peaceplatform.embedded_db stop; \
	else echo "nothing to stop: no virtual environment yet"; fi

clean: db-stop
	rm -rf $(VENV) var
