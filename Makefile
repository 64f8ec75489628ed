# Partager pour innover — the two commands: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export DJANGO_SETTINGS_MODULE ?= kb.settings.dev

.PHONY: run test install data migrate seed bench bench-peer bench-hostile bench-digests bench-import lint check clean test-search-postgres load backup restore

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

node_modules/.installed: package.json
	npm install --no-audit --no-fund --silent
	touch node_modules/.installed

install: $(STAMP) node_modules/.installed

data: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_communes
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py set_site
	$(BIN)/python manage.py search_index sync --no-progress

## run: install, migrate, load communes, seed the demo and serve http://127.0.0.1:8000
run: data
	$(BIN)/python manage.py runserver 127.0.0.1:8000

## test: install everything the suite needs and run it
test: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache
	DJANGO_SETTINGS_MODULE=kb.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=kb.settings.test $(BIN)/pytest $(PYTEST_ARGS)
	$(MAKE) test-search-postgres

# The embedded search engine again, on PostgreSQL (tsvector + GIN instead of SQLite FTS5), and
# the login of a peer without an address (PostgreSQL's inet column refuses what SQLite keeps).
SEARCH_PG_URL ?= postgres://postgres@127.0.0.1:5432/ppi_search
test-search-postgres: install
	@if $(BIN)/python -c "import psycopg, sys; psycopg.connect('$(SEARCH_PG_URL)'.rsplit('/', 1)[0] + '/postgres', connect_timeout=3).close()" 2>/dev/null; then \
	  DJANGO_SETTINGS_MODULE=kb.settings.test DATABASE_URL=$(SEARCH_PG_URL) $(BIN)/pytest tests/search tests/hardening/test_proxy.py -q -m "not opensearch" -k "embedded or command or without_an_address" --reuse-db; \
	else echo "PostgreSQL unreachable at $(SEARCH_PG_URL): embedded engine PostgreSQL tests NOT run"; fi

## bench: seed N practices (default 10,000) into var/bench.sqlite3 and time indexing and search on every engine, then bench-peer
BENCH_N ?= 10000
bench: install
	$(BIN)/python bench/search_bench.py --practices $(BENCH_N) $(BENCH_ARGS)
	$(MAKE) bench-peer

## bench-peer: under gunicorn (page cache off), uncached practice and search pages req/s as ratios of a plain Django view, warm SQL queries, index rebuild vs a raw FTS5 insert (PEER_ARGS="--app-dir DIR" for another checkout)
bench-peer: install
	$(BIN)/python bench/peer.py --count $(BENCH_N) $(PEER_ARGS)

## bench-hostile: server time of every hostile-input case (tests/hardening/hostile_inputs.py) on the bench database
bench-hostile: install
	$(BIN)/python bench/hostile.py --practices $(BENCH_N) $(BENCH_ARGS)

## bench-digests: alert digests for 10,000 subscriptions over BENCH_N practices, to a local SMTP sink (var/bench-digests.json)
bench-digests: install
	$(BIN)/python bench/digests.py --practices $(BENCH_N) $(BENCH_ARGS)

## bench-import: time and peak memory of validating a 100,000-row import file (dry run) on the bench database
IMPORT_ROWS ?= 100000
bench-import: install
	$(BIN)/python bench/import_bench.py --rows $(IMPORT_ROWS)

## load: 50 clients for 60 s on gunicorn (127.0.0.1) over home, search and practice pages, 10,000 practices, without then with the page cache
load: install
	$(BIN)/python bench/load.py seed --if-missing
	$(BIN)/python bench/load.py run --warm --no-cache --label "without page cache" --json var/load-results/before.json
	$(BIN)/python bench/load.py run --warm --label "with page cache" --json var/load-results/after.json

## backup: database (SQLite backup API or pg_dump) and media tarball into var/backups/<timestamp>/
backup: install
	$(BIN)/python manage.py backup

## restore: the latest backup (or BACKUP=var/backups/<timestamp>), then rebuild the search index
restore: install
	$(BIN)/python manage.py restore $(BACKUP) $(RESTORE_ARGS)

lint: install
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) node_modules var
