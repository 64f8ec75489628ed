# Partager pour innover — the two commands: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export DJANGO_SETTINGS_MODULE ?= kb.settings.dev

.PHONY: run test install data migrate seed bench lint check clean

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

## run: install, migrate, load communes, seed the demo and serve http://127.0.0.1:8000
run: data
	$(BIN)/python manage.py runserver 127.0.0.1:8000

## test: install everything the suite needs and run it
test: install
	$(BIN)/ruff check .
	DJANGO_SETTINGS_MODULE=kb.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=kb.settings.test $(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) node_modules var
