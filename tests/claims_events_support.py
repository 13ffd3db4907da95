"""The invented claims-and-events fixtures' builder (tests/fixtures/claims_events/builder.py),
loaded once for every test module that builds DocumentFacts by hand."""

from __future__ import annotations

import importlib.util
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "claims_events"
_spec = importlib.util.spec_from_file_location("claims_events_builder", FIXTURES / "builder.py")
builder = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(builder)  # type: ignore[union-attr]
