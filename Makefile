# loyalist: `make demo` and `make test` work on a fresh clone with only Python >= 3.11, make and git.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test lint clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -c constraints.txt -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/loyalist demo --out demo
	$(BIN)/loyalist validate --config demo/loyalist.toml
	$(BIN)/loyalist report --config demo/loyalist.toml -o demo/report.html

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

# The suite needs a PostgreSQL server (metrics are checked on DuckDB and PostgreSQL alike):
# scripts/postgres.sh installs one from Debian's packages if needed and starts it on 127.0.0.1.
# The report is opened in headless Chromium: scripts/chromium.sh installs it if needed.
# Screenshots of the report land in artifacts/report/.
test: install lint
	LOYALIST_TEST_POSTGRES="$$(scripts/postgres.sh)" \
	LOYALIST_TEST_CHROMIUM="$$(scripts/chromium.sh)" $(BIN)/pytest

clean:
	rm -rf $(VENV) demo artifacts .pytest_cache .ruff_cache
