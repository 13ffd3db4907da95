"""`newsfacts --version`: the package version and the versions of the engines it runs on."""

from __future__ import annotations

from importlib import metadata

# Engines whose versions decide what a warehouse file and a run look like.
ENGINES = ("duckdb", "prefect", "great-expectations", "spacy")


def version_line() -> str:
    """'newsfacts 0.1.0 (duckdb 1.4.1, prefect 3.8.0, ...)' from installed package metadata."""
    parts = []
    for name in ENGINES:
        try:
            parts.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            continue
    return f"newsfacts {metadata.version('newsfacts')} ({', '.join(parts)})"
