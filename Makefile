# The two set-up commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DB     ?= $(or $(ABASTO_DB),data/abasto.duckdb)
PORT   ?= 8501

.PHONY: run test install install-test demo bench clean

$(BIN)/abasto: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	touch $@

install: $(BIN)/abasto

$(VENV)/.test-deps: $(BIN)/abasto
	$(BIN)/pip install -q -e '.[test]'
	touch $@

install-test: $(VENV)/.test-deps

$(DB): | $(BIN)/abasto
	$(BIN)/abasto demo --db $(DB)

demo: $(BIN)/abasto
	$(BIN)/abasto demo --db $(DB)

# Opens the dashboard on the demo database (built on first run), local mode on 127.0.0.1.
run: $(BIN)/abasto $(DB)
	ABASTO_DB=$(DB) $(BIN)/streamlit run dashboard/app.py --server.address 127.0.0.1 --server.port $(PORT)

# Every test, browser tests included (they need Debian's chromium: apt-get install -y chromium).
test: install-test
	$(BIN)/python -m pytest -n 2 --dist loadgroup

bench: install-test
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
