# Two commands do everything on a fresh machine (Python 3.11+, Node.js with npm, make):
#   make run    install what is needed, then serve the app on http://127.0.0.1:5000/
#   make test   install what is needed, then run the whole test suite
# Each step only reruns when its inputs change.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMPS := .make
HOST   ?= 127.0.0.1
PORT   ?= 5000
ASSET_SOURCES := $(shell find guidance_app/assets -type f) scripts/build-assets.mjs package.json package-lock.json

.PHONY: run test setup python assets translations messages bench-core bench clean

run: setup
	APP_ENV=development $(BIN)/flask --app guidance_app cases upgrade
	APP_ENV=development $(BIN)/flask --app guidance_app run --host $(HOST) --port $(PORT)

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

setup: python assets translations

python: $(STAMPS)/python
$(STAMPS)/python: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@mkdir -p $(STAMPS) && touch $@

assets: guidance_app/static/css/app.css
guidance_app/static/css/app.css: $(ASSET_SOURCES)
	npm ci --no-audit --no-fund --loglevel=error
	npm run --silent build

# Compiled .mo files are never committed; they are rebuilt from the .po files here.
translations: $(STAMPS)/python
	$(BIN)/pybabel compile --directory translations --statistics 2>&1 | grep -v '^compiling' || true

# For translators: pull new strings out of the code and merge them into every language.
messages: $(STAMPS)/python
	$(BIN)/pybabel extract --mapping-file babel.cfg --keywords _l --no-location --sort-output \
		--project "School exclusion help" --output-file translations/messages.pot .
	$(BIN)/pybabel update --input-file translations/messages.pot --output-dir translations --no-fuzzy-matching --ignore-obsolete

# Benchmark of the legal core (knowledge-base loading, assess, search); see docs/performance.md.
bench-core: setup
	$(BIN)/python scripts/bench_core.py

# Web benchmark: gunicorn on loopback driven by wrk, page by page, against a bare Flask "hello"
# as the ceiling (needs Debian's wrk; installed here when run as root). See docs/performance.md.
bench: setup
	command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } || { echo "Install wrk (sudo apt-get install wrk), then run make bench again."; exit 1; }
	$(BIN)/python scripts/bench_web.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(STAMPS) node_modules guidance_app/static/css guidance_app/static/js guidance_app/static/fonts
	find translations -name '*.mo' -delete
