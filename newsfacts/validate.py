"""Validate: a staging warehouse in, Great Expectations results and quarantined rows out.

Suites live in `expectations/<table>.json` in Great Expectations' own suite format. Each
expectation's `meta.on_failure` says what a failure means: `quarantine` (row-level: the failing
rows move to the quarantine table with their reasons) or `abort` (table-level: the run is not
published). GX reads the DuckDB file through its SQL datasource (duckdb-engine) and writes its
Data Docs next to the warehouse, made to load no file from the network
(newsfacts/report/data_docs.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import duckdb

from newsfacts import settings
from newsfacts.report.data_docs import make_offline
from newsfacts.warehouse import quality
from newsfacts.warehouse.specs import table_specs
from newsfacts.warehouse.store import gx_project_dir

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
# Great Expectations and SQLAlchemy are imported inside the functions that use them, on purpose:
# GX takes seconds to import, and a run with no new input never validates.
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExpectationOutcome:
    suite: str
    expectation: str
    kwargs: dict
    on_failure: str  # quarantine or abort
    success: bool
    unexpected_count: int | None
    failing_keys: tuple[str, ...] = ()  # record keys of failing rows (quarantine expectations)


@dataclass
class ValidationReport:
    outcomes: list[ExpectationOutcome] = field(default_factory=list)
    data_docs: Path | None = None
    build_docs: Callable[[], None] = lambda: None  # renders this run's results into Data Docs

    @property
    def aborting(self) -> list[ExpectationOutcome]:
        return [o for o in self.outcomes if not o.success and o.on_failure == "abort"]

    @property
    def quarantining(self) -> list[ExpectationOutcome]:
        return [o for o in self.outcomes if not o.success and o.on_failure == "quarantine"]


def suite_files() -> list[Path]:
    return sorted(settings.EXPECTATIONS_DIR.glob("*.json"))


def load_suite_spec(path: Path) -> dict:
    """A suite file as a dict; its name must equal its table's name."""
    spec = json.loads(path.read_text())
    if spec.get("name") != path.stem:
        raise ValueError(f"{path}: suite name {spec.get('name')!r} must equal the file name")
    return spec


def _allow_duckdb_results() -> None:
    """Keep GX's SQL connection open between queries for DuckDB, as GX does for SQLite.

    GX executes a query, closes the pooled connection, then reads the rows; duckdb-engine
    shares one cursor per connection, so the rows are gone by then and every metric fails.
    GX already solves this for dialects that need a persisted connection; DuckDB is added to
    that list (a str subclass stands in for GX's dialect enum: it compares equal to "duckdb").
    """
    import great_expectations.execution_engine.sqlalchemy_execution_engine as engine_module

    class _Dialect(str):
        @property
        def value(self) -> str:
            return str(self)

    names = {str(getattr(d, "value", d)) for d in engine_module._PERSISTED_CONNECTION_DIALECTS}
    if "duckdb" not in names:
        engine_module._PERSISTED_CONNECTION_DIALECTS = (
            *engine_module._PERSISTED_CONNECTION_DIALECTS,
            _Dialect("duckdb"),
        )


def validate(db_path: Path, warehouse: Path, tables: list[str] | None = None) -> ValidationReport:
    """Run every suite (or those of `tables`) against the DuckDB file at db_path."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    _allow_duckdb_results()
    with _engines_closed_after(db_path):
        context = gx.get_context(mode="file", project_root_dir=str(gx_project_dir(warehouse)))
        context.variables.progress_bars = ProgressBarsConfig(globally=False)
        connection = f"duckdb:///{db_path.absolute()}?" + urlencode(settings.duckdb_config())
        specs = {spec["name"]: spec for spec in (load_suite_spec(p) for p in suite_files())}
        fingerprint = _registration_fingerprint(connection, specs)
        stamp = gx_project_dir(warehouse) / REGISTRATION_STAMP
        definitions = None
        if stamp.exists() and stamp.read_text() == fingerprint:
            definitions = _registered_definitions(context, specs)
        if definitions is None:
            definitions = _register(context, connection, specs)
            stamp.write_text(fingerprint)
        chosen = [d for name, d in definitions.items() if tables is None or name in tables]
        # Named after the registration it was made for, so a stored one is reused only while the
        # definitions it points at are the registered ones.
        checkpoint_name = (
            "newsfacts_"
            + ("all" if tables is None else "_".join(sorted(tables)))
            + f"_{fingerprint[:12]}"
        )
        checkpoint = _registered_checkpoint(context, checkpoint_name)
        if checkpoint is None:
            checkpoint = context.checkpoints.add_or_update(
                gx.Checkpoint(
                    name=checkpoint_name,
                    validation_definitions=chosen,
                    result_format={"result_format": "COMPLETE"},
                )
            )
        result = checkpoint.run()
    # Docs are built on request, once per run and only for this run's results: GX's own
    # action rebuilds the whole site after every suite, which costs seconds per suite.
    identifiers = list(result.run_results)
    report = ValidationReport()

    def build_docs() -> None:
        context.build_data_docs(resource_identifiers=identifiers)
        report.data_docs = _docs_index(context)
        if report.data_docs:  # GX's pages load CDN files: point them at local copies
            make_offline(report.data_docs.parent)

    report.build_docs = build_docs
    for run_result in result.run_results.values():
        name = run_result.suite_name
        for res in run_result.results:
            report.outcomes.append(_outcome(name, res, db_path))
    return report


# File in the GX project folder holding the fingerprint of what was last registered there.
REGISTRATION_STAMP = "newsfacts_registration.sha256"


def _registration_fingerprint(connection: str, specs: dict[str, dict]) -> str:
    """What the registered datasource, suites and definitions depend on: the connection, every
    suite file and the GX version. Equal fingerprints mean registering again changes nothing."""
    import great_expectations as gx

    digest = hashlib.sha256(f"{gx.__version__}\n{connection}\n".encode())
    digest.update(json.dumps(specs, sort_keys=True).encode())
    return digest.hexdigest()


def _register(context: object, connection: str, specs: dict[str, dict]) -> dict[str, object]:
    """Register the datasource, one table asset, suite and validation definition per suite.

    Every suite's asset and definition is registered, even when only some run: GX's stores
    hold them all, and a stored definition whose asset vanished breaks every later load.
    """
    import great_expectations as gx
    from great_expectations.expectations.expectation_configuration import ExpectationConfiguration

    definitions = {}
    with _one_config_save(context):
        source = context.data_sources.add_or_update_sql(
            name="warehouse", connection_string=connection
        )
        for name, spec in specs.items():
            asset = source.add_table_asset(name=name, table_name=name)
            batch = asset.add_batch_definition_whole_table("all_rows")
            configs = [
                ExpectationConfiguration(type=e["type"], kwargs=e["kwargs"], meta=e.get("meta", {}))
                for e in spec["expectations"]
            ]
            suite = context.suites.add_or_update(
                gx.ExpectationSuite(
                    name=name,
                    expectations=[c.to_domain_obj() for c in configs],
                    meta=spec.get("meta", {}),
                )
            )
            definitions[name] = context.validation_definitions.add_or_update(
                gx.ValidationDefinition(name=name, data=batch, suite=suite)
            )
    return definitions


def _registered_definitions(context: object, specs: dict[str, dict]) -> dict[str, object] | None:
    """The stored validation definitions of every suite; None when any is missing or unreadable
    (the project folder was edited by hand, or a run died while registering)."""
    try:
        return {name: context.validation_definitions.get(name) for name in specs}
    except Exception:  # GX raises several store and lookup errors; any means: register again
        log.info("GX project out of date; registering the suites again")
        return None


def _registered_checkpoint(context: object, name: str) -> object | None:
    """The stored checkpoint `name`, or None when there is none yet."""
    try:
        return context.checkpoints.get(name)
    except Exception:  # GX raises its own not-found errors
        return None


@contextlib.contextmanager
def _one_config_save(context: object) -> Iterator[None]:
    """Write GX's project config (great_expectations.yml) once, after registering everything.

    A file context rewrites the whole YAML file after each asset and batch definition it
    registers: 49 rewrites per validation, about 3 s of the run.
    """
    save = context._save_project_config
    context._save_project_config = lambda: None
    try:
        yield
    finally:
        del context._save_project_config  # the class's method again
        save()


@contextlib.contextmanager
def _engines_closed_after(db_path: Path) -> Iterator[None]:
    """Close every SQLAlchemy connection and engine GX opens on the file inside the block.

    GX creates engines in several places (connection test, validation) and keeps a persisted
    connection open in each. DuckDB caches one database instance per file per process: while
    any of them is open, the file can be neither reopened with another configuration nor safely
    renamed and reopened. A class-level listener sees every connection GX makes, so no heap scan
    is needed to find them (which took about 0.5 s a call in a process holding Prefect and GX).
    """
    import sqlalchemy

    path = str(db_path.absolute())
    connections: list[sqlalchemy.engine.Connection] = []

    def remember(connection: sqlalchemy.engine.Connection) -> None:
        if connection.engine.url.database == path:
            connections.append(connection)

    sqlalchemy.event.listen(sqlalchemy.engine.Engine, "engine_connect", remember)
    try:
        yield
    finally:
        sqlalchemy.event.remove(sqlalchemy.engine.Engine, "engine_connect", remember)
        engines = {id(c.engine): c.engine for c in connections}
        for connection in connections:  # GX's persisted connections back to their pools,
            connection.close()
        for engine in engines.values():  # then the pools close the DuckDB connections
            engine.dispose()


def _docs_index(context: object) -> Path | None:
    for site in context.get_docs_sites_urls():
        url = site.get("site_url") or ""
        if url.startswith("file://"):
            return Path(url.removeprefix("file://"))
    return None


def _outcome(suite: str, res: object, db_path: Path) -> ExpectationOutcome:
    cfg = res.expectation_config
    on_failure = (cfg.meta or {}).get("on_failure", "abort")
    failed_to_run = bool(res.exception_info and res.exception_info.get("raised_exception"))
    result = res.result or {}
    count = result.get("unexpected_count", result.get("observed_value"))
    keys: tuple[str, ...] = ()
    if not res.success and on_failure == "quarantine" and not failed_to_run:
        keys = quality.failing_keys(db_path, suite, record_key(suite), cfg.type, cfg.kwargs)
    if failed_to_run:
        on_failure = "abort"  # an expectation that cannot even run is never a row problem
        log.error(
            "expectation %s on %s failed to run: %s",
            cfg.type,
            suite,
            res.exception_info.get("exception_message"),
        )
    kwargs = {k: v for k, v in cfg.kwargs.items() if k not in ("batch_id",)}
    if getattr(cfg, "description", None):
        kwargs.setdefault("description", cfg.description)
    return ExpectationOutcome(
        suite,
        cfg.type,
        kwargs,
        on_failure,
        bool(res.success),
        int(count) if isinstance(count, (int, float)) else None,
        keys,
    )


def quarantine_rows(
    con: duckdb.DuckDBPyConnection, report: ValidationReport, run_id: str
) -> dict[str, list[str]]:
    """Move rows failing quarantine expectations to `quarantine`; returns keys per table."""
    reasons: dict[tuple[str, str], list[dict]] = {}
    for o in report.quarantining:
        for key in o.failing_keys:
            reasons.setdefault((o.suite, key), []).append(
                {"expectation": o.expectation, "column": o.kwargs.get("column")}
            )
    by_table: dict[str, list[str]] = {}
    for table, key in sorted(reasons):
        by_table.setdefault(table, []).append(key)
    for table, keys in by_table.items():
        _move_to_quarantine(con, table, keys, reasons, run_id)
    return by_table


def record_key(table: str) -> list[str]:
    """The columns that name a row of `table` in quarantine: its key as the DDL declares it
    (primary key, else the grain on line 1 of its sql/ file)."""
    spec = table_specs().get(table)
    if spec is None or not spec.key:
        raise ValueError(f"{table} has no key in its DDL: it cannot quarantine rows")
    return list(spec.key)


def _move_to_quarantine(
    con: duckdb.DuckDBPyConnection, table: str, keys: list[str], reasons: dict, run_id: str
) -> None:
    why = {k: json.dumps(reasons[(table, k)]) for k in keys}
    quality.move_to_quarantine(con, table, record_key(table), keys, why, run_id)


def write_results(con: duckdb.DuckDBPyConnection, report: ValidationReport, run_id: str) -> None:
    """Append one dq_results row per expectation."""
    quality.write_results(con, run_id, report.outcomes)
