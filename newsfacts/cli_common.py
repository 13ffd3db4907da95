"""Shared pieces of the command modules (newsfacts/cli_*.py): the one-line error and exit 2."""

from __future__ import annotations

from enum import StrEnum
from typing import NoReturn

import typer

# Exit status of a bad argument or an unusable warehouse (a failed validation exits with 1).
USAGE_ERROR = 2


def fail(message: str, *details: str) -> NoReturn:
    """Print `error: message` (and any detail lines under it) on stderr and exit 2."""
    typer.secho(f"error: {message}", fg="red", err=True)
    for line in details:
        typer.echo(line, err=True)
    raise typer.Exit(USAGE_ERROR)


class ExportFormat(StrEnum):
    """File formats `newsfacts export --format` writes."""

    parquet = "parquet"
    csv = "csv"
