"""Command line: `newsfacts run | report | sql | extract | serve | server`."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from newsfacts import cli_help, settings
from newsfacts.cli_common import ExportFormat
from newsfacts.cli_version import version_line

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="newsfacts: raw news files to a validated DuckDB warehouse of companies, claims and events.",
)
# Commands import what they need inside their own function, on purpose: `newsfacts --help`, `sql`
# and `schema` must start without importing Prefect, Great Expectations or spaCy (see
# benchmarks/startup.py); only the standard library and Typer load at the top.
cli_help.install()  # --help shows value names, not Typer's type tokens (newsfacts/cli_help.py)


def _version(value: bool) -> None:
    if value:
        typer.echo(version_line())
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """newsfacts: raw news files to a validated DuckDB warehouse of companies, claims and events."""


WarehouseOpt = Annotated[
    Path,
    typer.Option("--warehouse", "-w", help="DuckDB warehouse file.", envvar="NEWSFACTS_WAREHOUSE"),
]
PublisherOpt = Annotated[
    str | None,
    typer.Option(
        help="Publisher of the files that name none (no metadata, URL or byline); kept for them."
    ),
]
PublishedOpt = Annotated[
    str | None,
    typer.Option(
        help="Publication date YYYY-MM-DD of the files that carry none of their own; kept for them."
    ),
]


def _fail(message: str) -> None:
    typer.secho(f"error: {message}", fg="red", err=True)
    raise typer.Exit(2)


def _require_model() -> None:
    """One line and exit 2 when the spaCy pipeline extraction reads is not installed."""
    from newsfacts.extract.nlp import ModelMissing, require_model

    try:
        require_model()
    except ModelMissing as exc:
        _fail(str(exc))


@app.command()
def run(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Files or folders to ingest (default: the bundled samples)."),
    ] = None,
    warehouse: WarehouseOpt = settings.DEFAULT_WAREHOUSE,
    full_refresh: Annotated[
        bool, typer.Option("--full-refresh", help="Rebuild documents and facts from raw_documents.")
    ] = False,
    wait: Annotated[
        float, typer.Option(help="Seconds to wait for another run on the same warehouse.")
    ] = settings.LOCK_WAIT_SECONDS,
    workers: Annotated[
        int, typer.Option(min=1, help="Worker processes for normalize, extract and consolidate.")
    ] = 1,
    dask_address: Annotated[
        str | None,
        typer.Option(help="Run per-document work on this Dask scheduler (tcp://HOST:PORT)."),
    ] = None,
    publisher: PublisherOpt = None,
    published: PublishedOpt = None,
    include: Annotated[
        list[str] | None,
        typer.Option(help="Read only files of a folder matching this glob (repeatable; '*.html')."),
    ] = None,
    exclude: Annotated[
        list[str] | None,
        typer.Option(help="Skip files of a folder matching this glob (repeatable; 'drafts/*')."),
    ] = None,
) -> None:
    """Run the pipeline over PATHS and publish the warehouse if validation passes.

    Files named README*, LICENSE* and CHANGELOG* in a folder are skipped unless --include names
    them; the run log says which.
    """
    for path in paths or []:
        if not path.exists():
            _fail(f"no such file or folder: {path}")
    publisher, published = _source_defaults(publisher, published)
    _require_model()
    _check_writable(warehouse)
    _use_running_server()
    from flows.pipeline import pipeline
    from newsfacts import interrupts
    from newsfacts.warehouse import WarehouseBusy, WarehouseError, run_lock, verify_full

    try:
        with (
            interrupts.handled(),
            run_lock(warehouse.absolute(), wait),  # the flow's own lock nests inside this one
        ):
            verify_full(warehouse.absolute())  # before the flow: a corrupt file is one line
            with interrupts.temporary_prefect_server():
                result = pipeline(
                    [str(p) for p in paths] if paths else None,
                    str(warehouse),
                    full_refresh,
                    wait,
                    workers=workers,
                    dask_address=dask_address,
                    verified=True,
                    include=include,
                    exclude=exclude,
                    publisher=publisher,
                    published=published,
                )
    except (WarehouseBusy, WarehouseError) as exc:
        _fail(str(exc))
    except BaseException as exc:
        signame = interrupts.signal_name(exc) or interrupts.received()
        if not signame:
            raise
        typer.secho(f"{interrupts.message(signame)}: nothing published", fg="red", err=True)
        raise typer.Exit(interrupts.exit_code(signame)) from None
    _print_summary(result)
    if result["status"] != "success":
        raise typer.Exit(1)


def _source_defaults(publisher: str | None, published: str | None) -> tuple[str | None, str | None]:
    """--publisher and --published checked: one line and exit 2 for an empty name, a malformed
    date or a date in the future."""
    if publisher is not None and not publisher.strip():
        _fail("--publisher needs a name")
    if published is None:
        return publisher, None
    try:
        day = date.fromisoformat(published.strip())
    except ValueError:
        _fail(f"--published must be YYYY-MM-DD, not {published!r}")
    if day > date.today():
        _fail(f"--published {day} is in the future")
    return publisher and publisher.strip(), day.isoformat()


def _use_running_server() -> None:
    """Use the server `newsfacts server` runs (its state file under PREFECT_HOME), if any and
    PREFECT_API_URL is unset: no ~13 s temporary server. The run never stops it."""
    from newsfacts.server_state import use_running_server

    url = use_running_server()
    if url:
        typer.echo(f"using the Prefect server started by `newsfacts server`: {url}", err=True)


def _check_writable(warehouse: Path) -> None:
    """One line and exit 2 for a warehouse path a run cannot write (a folder, a read-only or
    unwritable place): checked by trying, since root passes os.access on read-only mounts."""
    folder = warehouse.absolute().parent
    if warehouse.is_dir():
        _fail(f"{warehouse} is a folder; --warehouse takes a DuckDB file")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _fail(f"cannot create warehouse folder {folder}: {exc.strerror}")
    if not os.access(folder, os.W_OK) or not _can_create_in(folder):
        _fail(f"warehouse folder {folder} is not writable")
    if warehouse.exists() and not os.access(warehouse, os.R_OK):
        _fail(f"warehouse {warehouse} is not readable")


def _check_readable(warehouse: Path) -> None:
    """One line and exit 2 for a warehouse that is a folder or fails its recorded checksum."""
    from newsfacts.warehouse import checksum_problem

    if warehouse.is_dir():
        _fail(f"{warehouse} is a folder; --warehouse takes a DuckDB file")
    try:
        problem = checksum_problem(warehouse)
    except OSError as exc:
        _fail(f"cannot read warehouse {warehouse}: {exc.strerror or exc}")
    if problem:
        _fail(problem)


def _can_create_in(folder: Path) -> bool:
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".newsfacts-probe-"):
            return True
    except OSError:
        return False


def _print_summary(result: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=None if sys.stdout.isatty() else 120)
    console.print(
        f"[bold]run {result['run_id']}[/bold]: {result['status']} -> {result['warehouse']}"
    )
    console.print(result["message"])
    from newsfacts.report import table_counts
    from newsfacts.warehouse import open_read_only

    with open_read_only(Path(result["warehouse"])) as con:
        counts = table_counts(con)
    table = Table("table", "rows", title="warehouse")
    for name, n in counts.items():
        table.add_row(name, str(n))
    console.print(table)
    docs = result["counts"].get("validate", {}).get("data_docs")
    if docs:
        console.print(f"Great Expectations Data Docs: {docs}")


@app.command()
def report(
    warehouse: WarehouseOpt = settings.DEFAULT_WAREHOUSE,
    output: Annotated[
        Path | None,
        typer.Option(help="Folder of the report site (default: report/ next to the warehouse)."),
    ] = None,
) -> None:
    """Write the report site (index, company and article pages; opens offline) and print where."""
    from newsfacts.report import write_site
    from newsfacts.warehouse import WarehouseBusy, WarehouseError

    _check_readable(warehouse)
    try:
        path, stats = write_site(warehouse, output)
    except (WarehouseBusy, WarehouseError) as exc:
        _fail(str(exc))
    except OSError as exc:  # read-only file system, full disk, a file or foreign folder in the way
        _fail(f"cannot write the report: {exc.strerror or exc} ({exc.filename or output or ''})")
    typer.echo(
        f"report written to {path} ({stats.companies} company pages, "
        f"{stats.documents} article pages, {stats.bytes / 1e6:.2f} MB)"
    )


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="SQL to run (read-only).")],
    warehouse: WarehouseOpt = settings.DEFAULT_WAREHOUSE,
    as_json: Annotated[bool, typer.Option("--json", help="Print rows as JSON lines.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print rows as CSV.")] = False,
    out: Annotated[
        Path | None,
        typer.Option(help="Write every row to FILE (.csv, .json/.jsonl or .parquet by suffix)."),
    ] = None,
    max_rows: Annotated[
        int, typer.Option(min=0, help="Rows printed to the terminal (0: all); --out gets all.")
    ] = settings.SQL_MAX_ROWS,
    timeout: Annotated[
        float, typer.Option(min=0.1, help="Seconds the query may run before it is stopped.")
    ] = settings.SQL_TIMEOUT_SECONDS,
) -> None:
    """Run a read-only SQL query against the warehouse (settings locked, time-limited)."""
    from newsfacts.cli_sql import run_query

    if as_json and as_csv:
        _fail("give one of --json or --csv")
    _check_readable(warehouse)
    fmt = "json" if as_json else "csv" if as_csv else "table"
    run_query(query, warehouse, fmt, out, max_rows, timeout)


@app.command()
def schema(
    table: Annotated[
        str | None, typer.Argument(help="A table or view (default: list them all).")
    ] = None,
    warehouse: WarehouseOpt = settings.DEFAULT_WAREHOUSE,
) -> None:
    """Print the tables and views with their grain, or one's columns with their comments."""
    from newsfacts.cli_schema import show_schema

    _check_readable(warehouse)
    show_schema(warehouse, table)


@app.command()
def export(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="Folder to write the files to.")],
    warehouse: WarehouseOpt = settings.DEFAULT_WAREHOUSE,
    fmt: Annotated[
        ExportFormat, typer.Option("--format", help="File format.")
    ] = ExportFormat.parquet,
    tables: Annotated[
        list[str] | None,
        typer.Option(help="Tables or views to export, comma-separated or repeated (default: all)."),
    ] = None,
) -> None:
    """Write tables and views as Parquet or CSV files, with a manifest.json (rows, sha256)."""
    from newsfacts.cli_catalog import split_names
    from newsfacts.cli_export import MANIFEST, export_relations

    _check_readable(warehouse)
    manifest = export_relations(warehouse, folder, fmt.value, split_names(tables))
    rows = sum(t["rows"] for t in manifest["tables"])
    typer.echo(
        f"{len(manifest['tables'])} tables and views ({rows:,} rows) written to {folder}, "
        f"listed in {folder / MANIFEST}"
    )


@app.command()
def serve(
    source: Annotated[
        Path, typer.Option("--source", help="Folder the crawler fills; read on every run.")
    ],
    warehouse: WarehouseOpt = settings.DEFAULT_WAREHOUSE,
    cron: Annotated[str | None, typer.Option(help="Cron schedule, e.g. '*/15 * * * *'.")] = None,
    interval: Annotated[float | None, typer.Option(help="Seconds between runs.")] = None,
    name: Annotated[
        str, typer.Option(help="Deployment name shown in the Prefect UI.")
    ] = "scheduled",
    publisher: PublisherOpt = None,
    published: PublishedOpt = None,
) -> None:
    """Serve the pipeline as a scheduled Prefect deployment (uses PREFECT_API_URL when set)."""
    from newsfacts.serve import schedule_kwargs, serve_pipeline

    if not source.is_dir():
        _fail(f"no such folder: {source}")
    publisher, published = _source_defaults(publisher, published)
    _check_writable(warehouse)
    try:
        schedule_kwargs(cron, interval)
    except ValueError as exc:
        _fail(str(exc))
    if not os.environ.get("PREFECT_API_URL"):
        typer.secho(
            "warning: PREFECT_API_URL is not set, so runs go to a temporary API that is gone when "
            "serve stops; start `newsfacts server` and export "
            "PREFECT_API_URL=http://127.0.0.1:4200/api to keep them",
            fg="yellow",
            err=True,
        )
    serve_pipeline(
        source,
        warehouse,
        cron=cron,
        interval=interval,
        name=name,
        publisher=publisher,
        published=published,
    )


@app.command()
def server(
    host: Annotated[
        str, typer.Option(help="Address to bind; loopback keeps the API off the network.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port of the Prefect API and UI.")] = 4200,
) -> None:
    """Start a local Prefect server (state in PREFECT_HOME, default ~/.prefect)."""
    from newsfacts.serve import run_server

    status = run_server(host, port)
    raise typer.Exit(0 if status < 0 else status)  # a stop signal is the normal way to end it


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="One article file (txt, html, json, jsonl, warc).")],
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD (overrides the file's).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """Normalize and extract one file without touching the warehouse; print facts with offsets."""
    from newsfacts.extract import extract as extract_facts
    from newsfacts.ingest import InputFile, read_input
    from newsfacts.normalize import NormalizeError, normalize_record

    if not file.is_file():
        _fail(f"no such file: {file}")
    _require_model()
    try:
        when = date.fromisoformat(published) if published else None
    except ValueError:
        _fail(f"--published must be YYYY-MM-DD, not {published!r}")
    result = read_input(InputFile(file.absolute(), file.absolute().parent))
    if not result.records:
        _fail("; ".join(e.reason for e in result.errors) or "no article in file")
    out = []
    for rec in result.records:
        try:
            doc = normalize_record(rec.raw_id, rec.format, rec.raw_text, rec.source_path, rec.url)
        except NormalizeError as exc:
            out.append({"record": rec.record_index, "error": str(exc)})
            continue
        facts = extract_facts(doc.body, when or doc.published_date)
        out.append(
            {
                "record": rec.record_index,
                "title": doc.title,
                "published_date": str(when or doc.published_date or ""),
                **asdict(facts),
            }
        )
    if as_json:
        typer.echo(json.dumps(out, indent=2, default=str, ensure_ascii=False))
    else:
        _print_facts(out)


def _print_facts(out: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=None if sys.stdout.isatty() else 160)
    columns = {
        "company_mentions": ("start", "end", "text", "company_key", "how", "confidence"),
        "person_mentions": ("start", "end", "text", "person_key", "how", "confidence"),
        "timexes": ("start", "end", "text", "type", "value"),
        "claims": (
            "start",
            "end",
            "speaker",
            "cue",
            "stance",
            "content",
            "reported_via_key",
            "event_index",
        ),
        "events": (
            "start",
            "end",
            "event_type",
            "status",
            "trigger",
            "company_key",
            "location",
            "date_value",
            "amount",
            "unit",
        ),
    }
    for item in out:
        console.print(
            f"[bold]record {item['record']}[/bold] {item.get('title') or ''} "
            f"(published {item.get('published_date') or 'unknown'})"
        )
        if "error" in item:
            console.print(f"  [red]{item['error']}[/red]")
            continue
        for name, cols in columns.items():
            table = Table(*cols, title=f"{name} ({len(item[name])})")
            for row in item[name]:
                table.add_row(*(str(row.get(c, "")) for c in cols))
            console.print(table)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
