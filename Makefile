# Two entry points (see README): `make run` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export DO_NOT_TRACK := 1
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export GX_ANALYTICS_ENABLED := false

.PHONY: setup run test lint bench clean lock readme-examples screenshot

# Every dependency (dev tools included) installs at the version and hash requirements.lock pins;
# the project itself then installs on top, without resolving anything again.
$(BIN)/newsfacts: pyproject.toml requirements.lock
	@command -v uv >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet --user uv || $(PYTHON) -m pip install --quiet uv
	@UV=$$(command -v uv || echo "$(PYTHON) -m uv"); \
	  $$UV venv --quiet --allow-existing --python $(PYTHON) $(VENV) && \
	  $$UV pip install --quiet --compile-bytecode --require-hashes --python $(BIN)/python -r requirements.lock && \
	  $$UV pip install --quiet --compile-bytecode --no-deps --python $(BIN)/python -e .
	@touch $@

setup: $(BIN)/newsfacts

run: setup  ## set up, run the pipeline on samples/, write the DQ report
	$(BIN)/newsfacts run
	$(BIN)/newsfacts report

test: setup  ## set up and run the test suite
	$(BIN)/ruff check newsfacts flows tests benchmarks
	$(BIN)/pytest

lint: setup
	$(BIN)/ruff check newsfacts flows tests benchmarks
	$(BIN)/ruff format --check newsfacts flows tests benchmarks

bench: setup  ## every benchmark; writes benchmarks/results/*.md
	$(BIN)/python benchmarks/run_all.py

readme-examples: setup  ## rerun samples/ and rewrite the README's example outputs
	$(BIN)/python benchmarks/readme_examples.py

clean:
	rm -rf $(VENV) warehouse/*.duckdb* warehouse/gx warehouse/report warehouse/screenshot

lock:  ## re-pin every dependency (after editing pyproject.toml): needs the package registry
	@UV=$$(command -v uv || echo "$(PYTHON) -m uv"); \
	  $$UV pip compile --quiet --universal --generate-hashes --extra dev pyproject.toml -o requirements.lock

# The README's pictures of the report site: a fresh samples warehouse and site (git-ignored, under
# warehouse/screenshot/), shot by headless Chromium from Debian (apt-get install chromium).
SHOT_DIR := warehouse/screenshot
screenshot: setup  ## build the samples warehouse and report site, screenshot them into docs/
	rm -rf $(SHOT_DIR)
	$(BIN)/newsfacts run samples -w $(SHOT_DIR)/newsfacts.duckdb
	$(BIN)/newsfacts report -w $(SHOT_DIR)/newsfacts.duckdb
	$(BIN)/python -m newsfacts.report.screenshot $(SHOT_DIR)/report docs
