# The two commands: `make run` and `make test`. Both set everything up on a fresh
# Debian/Ubuntu machine (apt packages when missing, the venv, the project) and reuse
# an existing venv when the dependency list has not changed.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.deps-stamp
DEPS_HASH := $(shell cat pyproject.toml scripts/system-packages.txt 2>/dev/null | sha256sum | cut -c1-16)
export ESCPOS_CAPABILITIES_PICKLE_DIR := $(CURDIR)/$(VENV)/escpos-cache
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup system venv translations run test lint typecheck imports pytest bench clean

setup: system venv translations

system:
	@scripts/setup-system.sh

venv: system
	@if [ "$$(cat $(STAMP) 2>/dev/null)" != "$(DEPS_HASH)" ]; then \
	  echo ">> creating/updating $(VENV) (dependencies changed)"; \
	  python3 -m venv $(VENV) && \
	  $(PY) -m pip install --quiet --upgrade pip && \
	  { $(PY) -m pip install --quiet -e '.[dev]' > $(VENV)/pip.log 2>&1 || \
	    { grep -v 'is ignored: it is neither' $(VENV)/pip.log; exit 1; }; } && \
	  $(PY) -c 'import PySide6, cv2, smartcard, escpos, kiosk' && \
	  mkdir -p $(ESCPOS_CAPABILITIES_PICKLE_DIR) && \
	  echo "$(DEPS_HASH)" > $(STAMP); \
	else echo ">> $(VENV) up to date"; fi

translations: venv
	@VENV=$(VENV) scripts/build_translations.sh

run: setup
	$(VENV)/bin/kiosk run

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: setup
	$(VENV)/bin/mypy

imports: setup
	$(VENV)/bin/lint-imports

pytest: setup
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest -q

test: setup lint typecheck imports pytest

bench: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m bench

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .ruff_cache bench-results.json
