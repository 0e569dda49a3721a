# PAC Atelier — the commands the README names.
PYTHON ?= python3.11
VENV   ?= .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501

.PHONY: run install install-dev system-deps test lint format bench bench-scale demo clean

$(VENV)/.installed: requirements.txt
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 est requis ($(PYTHON) introuvable) : installez-le ou lancez make PYTHON=python3"; exit 1; }
	@$(PYTHON) -m venv $(VENV) || { echo "Impossible de créer l'environnement virtuel : sous Debian/Ubuntu, installez python3-venv (sudo apt install python3-venv)"; exit 1; }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

## Install, then start the app on the embedded demo commune (http://localhost:$(PORT)).
run: install
	$(VENV)/bin/streamlit run serve.py --server.port $(PORT)

## System packages for the browser, PDF and PostgreSQL tests (Debian; needs root or sudo).
system-deps:
	@bash .ci/system-deps.sh

## Install what the tests need and run the whole suite.
test: install-dev
	@[ -x /usr/bin/chromium ] && command -v pdftoppm >/dev/null || $(MAKE) system-deps
	$(PY) -m pytest -q
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
	  echo "La suite des services sur PostgreSQL ($$TEST_DATABASE_URL) :"; \
	  PAC_TEST_BACKEND=postgresql $(PY) -m pytest -q; fi

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

## Every benchmark (bench/scale.py among them writes its table to bench/README.md); bench-scale: that one only.
bench: install-dev
	$(PY) bench/run_all.py

bench-scale: install-dev
	$(PY) bench/scale.py

demo: install
	$(PY) -m pac demo

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache test-artifacts
