"""Every DuckDB connection the pipeline opens carries the memory settings that bound its RSS."""

from __future__ import annotations

from pathlib import Path

from newsfacts import settings, warehouse

MIB = {"B": 1 / 2**20, "KiB": 1 / 1024, "MiB": 1, "GiB": 1024}


def _mib(value: str) -> float:
    number, unit = value.split()
    return float(number) * MIB[unit]


def _to_mib(setting: str) -> float:
    """'256MB' (decimal units, as DuckDB reads them) in MiB."""
    factors = {"KB": 1e3, "MB": 1e6, "GB": 1e9}
    return float(setting[:-2]) * factors[setting[-2:]] / 2**20


def test_warehouse_connections_use_the_configured_memory_settings(tmp_path: Path) -> None:
    with warehouse.connect(tmp_path / "w.duckdb") as con:
        got = dict(
            con.execute(
                "SELECT name, value FROM duckdb_settings() WHERE name IN "
                "('memory_limit', 'allocator_flush_threshold', "
                "'allocator_bulk_deallocation_flush_threshold')"
            ).fetchall()
        )
    expected = settings.duckdb_config()
    assert set(got) == set(expected)
    for name, value in expected.items():
        assert abs(_mib(got[name]) - _to_mib(value)) < 0.1, name
