"""--help without type tokens: Typer 0.29 prints `<list[Path]>`, `<float range>` or `<bool>` beside
every parameter. Here an option shows a value name (`--wait SECONDS`, or its own name in capitals)
and a flag shows none; an argument shows its name in capitals (`PATHS...`, `QUERY`)."""

from __future__ import annotations

from typing import Any

from typer import core

# Value names of options whose own name says little about what they take.
VALUE_NAMES = {
    "warehouse": "FILE",
    "wait": "SECONDS",
    "timeout": "SECONDS",
    "interval": "SECONDS",
    "workers": "N",
    "max_rows": "N",
    "dask_address": "ADDRESS",
    "cron": "EXPR",
    "out": "FILE",
    "output": "DIR",
    "published": "YYYY-MM-DD",
    "include": "GLOB",
    "exclude": "GLOB",
    "tables": "NAMES",
    "port": "PORT",
    "host": "ADDRESS",
}


def _option_value_name(self: core.TyperOption, ctx: Any) -> str | None:
    if self.metavar is not None:
        return self.metavar
    if getattr(self, "is_flag", False) or getattr(self, "count", False):
        return None
    desc = self.type_descriptor
    if desc.is_choice:
        return "|".join(str(getattr(c, "value", c)) for c in desc.choices or ())
    return VALUE_NAMES.get(self.name or "", (self.name or "value").upper())


def _argument_name(self: core.TyperArgument) -> str:
    return self.metavar or (self.name or "arg").upper()


def _argument_usage(self: core.TyperArgument) -> str:
    name = _argument_name(self) if self.required else f"[{_argument_name(self)}]"
    return name + "..." if self.nargs != 1 else name


def install() -> None:
    """Replace Typer's type tokens in --help with value names (idempotent)."""
    core.TyperOption.display_type_rich = _option_value_name
    core.TyperArgument.display_type_rich = lambda self, ctx: None
    core.TyperArgument.display_name_raw = property(_argument_name)
    core.TyperArgument._usage_display_name = _argument_usage
